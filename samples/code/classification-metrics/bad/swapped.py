# Mixes up false positives and false negatives, so precision and recall are swapped.
def solve(actual, predicted, positive):
    tp = fp = fn = 0
    for i in range(len(actual)):
        if actual[i] == positive and predicted[i] == positive:
            tp += 1
        if actual[i] == positive and predicted[i] != positive:
            fp += 1
        if actual[i] != positive and predicted[i] == positive:
            fn += 1
    p = tp / (tp + fp) if tp + fp > 0 else 0.0
    r = tp / (tp + fn) if tp + fn > 0 else 0.0
    f = 2 * p * r / (p + r) if p + r > 0 else 0.0
    return [p, r, f]
