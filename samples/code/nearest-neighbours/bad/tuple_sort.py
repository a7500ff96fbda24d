# Sorts (distance, label) tuples, so two points at the same distance are ordered by label.
from collections import Counter


def solve(train, queries, k):
    out = []
    for x, y in queries:
        dists = sorted(((px - x) ** 2 + (py - y) ** 2, label) for px, py, label in train)
        top = [label for _, label in dists[:k]]
        out.append(Counter(top).most_common(1)[0][0])
    return out
