def solve(org):
    totals = {}

    def headcount(unit):
        total = unit["staff"] + sum(headcount(sub) for sub in unit["units"])
        totals[unit["name"]] = total
        return total

    headcount(org)
    return totals
