import sys
from collections import defaultdict

header = sys.stdin.readline().strip().split(",")
rows = [dict(zip(header, line.strip().split(","))) for line in sys.stdin if line.strip()]
totals = defaultdict(float)
counts = defaultdict(int)
months = set()
for row in rows:
    totals[row["region"]] += float(row["sales"])
    counts[row["region"]] += 1
    months.add(row["month"])
print(f"{len(rows)} rows, {len(months)} months: {', '.join(sorted(months))}")
print(f"{'region':<8}{'total':>10}{'mean':>10}")
for region in sorted(totals, key=totals.get, reverse=True):
    print(f"{region:<8}{totals[region]:>10.2f}{totals[region] / counts[region]:>10.2f}")
best = max(rows, key=lambda r: float(r["sales"]))
print("best single:", best["region"], best["month"], best["sales"])
pivot = defaultdict(dict)
for row in rows:
    pivot[row["region"]][row["month"]] = row["sales"]
for region in sorted(pivot):
    print(region, [pivot[region].get(m, "-") for m in sorted(months)])
