import sys
from collections import Counter

scores = [int(x) for x in sys.stdin.read().split()]
bands = Counter(min(s // 10, 9) for s in scores)
width = max(bands.values())
for band in range(10):
    lo = band * 10
    label = f"{lo:>2}-{lo + 9 if band < 9 else 100:<3}"
    n = bands.get(band, 0)
    print(f"{label} | {'#' * n}{' ' * (width - n)} | {n}")
print(f"{'':-^30}")
lengths = Counter(len(str(s)) for s in scores)
print(sorted(lengths.items()), lengths.most_common(1))
print(Counter("mississippi").most_common(), Counter(a=3, b=1) - Counter(a=1, b=2), Counter(a=1) + Counter(a=2, c=5))
c = Counter(scores)
c.update([100, 100])
c.subtract([55])
print(c[100], c[55], c[12345], sum(c.values()), sorted(c.elements())[:5], c.total())
