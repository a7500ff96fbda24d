# Does not guard the denominators: a model that never predicts the positive label raises ZeroDivisionError.
def solve(actual, predicted, positive):
    tp = fp = fn = 0
    for a, p in zip(actual, predicted):
        if p == positive and a == positive:
            tp += 1
        elif p == positive:
            fp += 1
        elif a == positive:
            fn += 1
    precision = tp / (tp + fp)
    recall = tp / (tp + fn)
    if precision + recall == 0:
        return [precision, recall, 0.0]
    return [precision, recall, 2 * precision * recall / (precision + recall)]
