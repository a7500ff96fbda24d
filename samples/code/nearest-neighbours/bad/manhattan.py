# Measures distance along the grid (|dx| + |dy|) instead of in a straight line.
from collections import Counter


def solve(train, queries, k):
    result = []
    for qx, qy in queries:
        ranked = sorted(train, key=lambda p: abs(p[0] - qx) + abs(p[1] - qy))
        result.append(Counter(p[2] for p in ranked[:k]).most_common(1)[0][0])
    return result
