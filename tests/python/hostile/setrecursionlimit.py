# Raising the recursion limit is not allowed.
import sys

sys.settrace(None)
sys.setrecursionlimit(10 ** 6)


def down(n):
    return down(n + 1)


down(0)
