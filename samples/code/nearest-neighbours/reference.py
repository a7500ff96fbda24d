from collections import Counter


def classify(train, qx, qy, k):
    # Sort by squared distance (same order as the distance); ties go to the earlier training point.
    order = sorted(range(len(train)), key=lambda i: ((train[i][0] - qx) ** 2 + (train[i][1] - qy) ** 2, i))
    labels = [train[i][2] for i in order[:k]]
    counts = Counter(labels)
    best = max(counts.values())
    # Among the most frequent labels, the one seen first in distance order wins.
    return next(label for label in labels if counts[label] == best)


def solve(train, queries, k):
    return [classify(train, qx, qy, k) for qx, qy in queries]
