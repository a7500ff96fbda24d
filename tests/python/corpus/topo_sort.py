import sys
from collections import deque

deps = {}
for line in sys.stdin:
    if ":" not in line:
        continue
    target, _, needs = line.partition(":")
    deps[target.strip()] = needs.split()
for needs in list(deps.values()):
    for n in needs:
        deps.setdefault(n, [])

indegree = {t: len(n) for t, n in deps.items()}
users = {t: [] for t in deps}
for t, needs in deps.items():
    for n in needs:
        users[n].append(t)
ready = deque(sorted(t for t, d in indegree.items() if d == 0))
order = []
while ready:
    t = ready.popleft()
    order.append(t)
    for u in sorted(users[t]):
        indegree[u] -= 1
        if indegree[u] == 0:
            ready.append(u)
print("build order:", " ".join(order))
print("all built:", len(order) == len(deps))


def depth(t, memo={}):
    if t not in memo:
        memo[t] = 1 + max((depth(n) for n in deps[t]), default=0)
    return memo[t]


print({t: depth(t) for t in order})
