def solve(train, queries, k):
    """Return the k-nearest-neighbours label for each query point."""
    # TODO: write your solution here
    pass
