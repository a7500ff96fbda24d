def solve(actual, predicted, positive):
    """Return [precision, recall, f1] for the label positive; a value whose denominator is 0 is 0.0."""
    # TODO: write your solution here
    pass
