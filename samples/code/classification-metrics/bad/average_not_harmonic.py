# Uses the ordinary average of precision and recall instead of the harmonic mean.
def solve(actual, predicted, positive):
    tp = sum(a == positive and p == positive for a, p in zip(actual, predicted))
    pred_pos = predicted.count(positive)
    act_pos = actual.count(positive)
    precision = tp / pred_pos if pred_pos else 0.0
    recall = tp / act_pos if act_pos else 0.0
    return [precision, recall, (precision + recall) / 2]
