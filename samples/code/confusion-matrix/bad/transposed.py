# Builds the rows from the predicted label, so the matrix comes out transposed.
import sys
from collections import defaultdict

matrix = defaultdict(lambda: defaultdict(int))
labels = set()
n = correct = 0
for line in sys.stdin:
    parts = line.split()
    if len(parts) != 2:
        continue
    actual, predicted = parts
    matrix[predicted][actual] += 1
    labels.update(parts)
    n += 1
    correct += actual == predicted
if n == 0:
    print("no data")
else:
    order = sorted(labels)
    print(*order)
    for row in order:
        print(row, *(matrix[row][col] for col in order))
    print("accuracy: %.3f" % (correct / n))
