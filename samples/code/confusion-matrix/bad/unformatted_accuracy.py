# Prints the accuracy as a plain float instead of with three decimals, and crashes on empty input.
import sys

data = [line.split() for line in sys.stdin.read().strip().split("\n") if line.strip()]
labels = sorted(set(x for pair in data for x in pair))
print(" ".join(labels))
for a in labels:
    counts = [str(data.count([a, p])) for p in labels]
    print(a + " " + " ".join(counts))
print("accuracy:", sum(a == p for a, p in data) / len(data))
