# Counts staff only in units without sub-units, so managers in a parent unit are lost.
def count(unit, totals):
    if not unit["units"]:
        totals[unit["name"]] = unit["staff"]
        return unit["staff"]
    total = 0
    for child in unit["units"]:
        total += count(child, totals)
    totals[unit["name"]] = total
    return total


def solve(org):
    totals = {}
    count(org, totals)
    return totals
