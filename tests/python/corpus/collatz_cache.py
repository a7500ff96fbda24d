import sys

limit = int(sys.stdin.read())
cache = {1: 1}


def steps(n):
    path = []
    while n not in cache:
        path.append(n)
        n = n // 2 if n % 2 == 0 else 3 * n + 1
    length = cache[n]
    for m in reversed(path):
        length += 1
        cache[m] = length
    return length


best = max(range(1, limit), key=steps)
print(best, steps(best))
print([steps(n) for n in range(1, 16)])
peak = 27
highest = 27
while peak != 1:
    peak = peak // 2 if peak % 2 == 0 else 3 * peak + 1
    highest = max(highest, peak)
print("27 peaks at", highest, "cache size", len(cache) > limit)
