# Takes the labels from the actual column only, so a label that was only ever predicted is missing.
import sys

rows = []
for line in sys.stdin:
    if line.strip():
        a, p = line.split()
        rows.append((a, p))
if len(rows) == 0:
    print("no data")
else:
    labels = sorted(set(a for a, p in rows))
    print(" ".join(labels))
    for a in labels:
        print(a, *[sum(1 for r in rows if r == (a, p)) for p in labels])
    right = sum(1 for a, p in rows if a == p)
    print(f"accuracy: {right / len(rows):.3f}")
