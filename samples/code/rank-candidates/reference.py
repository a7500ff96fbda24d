def solve(candidates, n):
    ranked = sorted(candidates, key=lambda c: (-c[1], -c[2], c[0]))
    return [name for name, score, years in ranked[:n]]
