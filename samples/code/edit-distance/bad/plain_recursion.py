# expect: too slow
# Correct, but tries every possibility without remembering results: fine for short names, hopeless for long strings.
def solve(a, b):
    if not a:
        return len(b)
    if not b:
        return len(a)
    if a[0] == b[0]:
        return solve(a[1:], b[1:])
    return 1 + min(solve(a[1:], b), solve(a, b[1:]), solve(a[1:], b[1:]))
