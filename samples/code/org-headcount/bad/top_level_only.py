# Walks the tree with a stack but only records the units it starts from and their children.
def solve(org):
    totals = {}
    stack = [org]
    grand = 0
    while stack:
        unit = stack.pop()
        grand += unit["staff"]
        stack.extend(unit["units"])
    totals[org["name"]] = grand
    for sub in org["units"]:
        totals[sub["name"]] = sub["staff"] + sum(s["staff"] for s in sub["units"])
    return totals
