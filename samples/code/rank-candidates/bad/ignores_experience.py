# Breaks score ties by name straight away and never looks at years of experience.
def solve(candidates, n):
    ordered = sorted(candidates, key=lambda c: (-c[1], c[0]))
    names = []
    for c in ordered:
        if len(names) == n:
            break
        names.append(c[0])
    return names
