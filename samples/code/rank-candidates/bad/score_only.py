# Sorts by score alone, so tied candidates stay in the order they were given.
from operator import itemgetter


def solve(candidates, n):
    candidates.sort(key=itemgetter(1), reverse=True)
    return [c[0] for c in candidates[:n]]
