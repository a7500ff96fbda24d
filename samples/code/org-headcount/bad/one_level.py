# Adds the staff of the direct sub-units only, not of the units below them.
def solve(org):
    result = {}

    def visit(unit):
        result[unit["name"]] = unit["staff"] + sum(sub["staff"] for sub in unit["units"])
        for sub in unit["units"]:
            visit(sub)

    visit(org)
    return result
