import sys
from collections import Counter

pairs = [tuple(line.split()) for line in sys.stdin if line.strip()]
if not pairs:
    print("no data")
else:
    labels = sorted({label for pair in pairs for label in pair})
    counts = Counter(pairs)
    print(" ".join(labels))
    for actual in labels:
        print(actual, " ".join(str(counts[actual, predicted]) for predicted in labels))
    correct = sum(n for (actual, predicted), n in counts.items() if actual == predicted)
    print(f"accuracy: {correct / len(pairs):.3f}")
