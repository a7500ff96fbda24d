# reverse=True also reverses the name order, so ties come out Z to A.
def solve(candidates, n):
    ranked = sorted(candidates, key=lambda c: (c[1], c[2], c[0]), reverse=True)
    return [c[0] for c in ranked][:n]
