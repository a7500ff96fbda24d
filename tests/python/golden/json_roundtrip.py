import json

doc = {"name": "Assay", "version": [1, 0, 3], "ratio": 0.1 + 0.2, "big": 2 ** 70, "nested": {"ok": True, "none": None},
       "text": "tab\tquote\"snow\u2603", "floats": [1e-7, 1e21, -0.0, 3.0, 1 / 3]}
s = json.dumps(doc)
print(s)
print(json.dumps(doc, sort_keys=True, indent=1, ensure_ascii=False))
back = json.loads(s)
print(back == doc, back["big"], type(back["floats"][3]).__name__, json.loads("[1.0, 1, 1e2, -0]"))
