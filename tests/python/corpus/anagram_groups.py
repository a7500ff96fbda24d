import sys
from collections import defaultdict

words = sys.stdin.read().split()
groups = defaultdict(list)
for w in words:
    groups["".join(sorted(w.lower()))].append(w)
multi = [sorted(g) for g in groups.values() if len(g) > 1]
for g in sorted(multi, key=lambda g: (-len(g), g)):
    print(len(g), " ".join(g))
print("singles:", sorted(g[0] for g in groups.values() if len(g) == 1))
signature = lambda w: tuple(sorted(w))
print(signature("listen") == signature("silent"), signature("abc"))
