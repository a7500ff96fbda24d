import json
import sys

data = json.load(sys.stdin)
teams = {}
for person in data["people"]:
    team = teams.setdefault(person["team"], {"members": [], "hours": 0})
    team["members"].append(person["name"])
    team["hours"] += sum(person.get("hours", []))
report = {
    "teams": {name: {"members": sorted(t["members"]), "hours": t["hours"]} for name, t in teams.items()},
    "busiest": max(teams, key=lambda n: teams[n]["hours"]),
    "count": len(data["people"]),
    "ratio": round(teams["data"]["hours"] / teams["web"]["hours"], 4),
    "flags": [True, False, None],
}
print(json.dumps(report, indent=2, sort_keys=True))
print(json.dumps({"b": 1, "a": [1.5, "x\ny", "caf\u00e9"]}))
print(json.dumps({"b": 1, "a": "caf\u00e9"}, ensure_ascii=False, separators=(",", ":")))
print(json.loads('[1, 2.0, "3", {"k": null}]'), json.loads("1e3"), json.loads('"\\u00e9"'))
