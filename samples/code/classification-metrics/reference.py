def solve(actual, predicted, positive):
    pairs = list(zip(actual, predicted))
    tp = sum(1 for a, p in pairs if a == positive and p == positive)
    fp = sum(1 for a, p in pairs if a != positive and p == positive)
    fn = sum(1 for a, p in pairs if a == positive and p != positive)
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return [precision, recall, f1]
