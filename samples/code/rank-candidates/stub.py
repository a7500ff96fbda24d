def solve(candidates, n):
    """Return the names of the top n candidates: score high to low, then years high to low, then name A to Z."""
    # TODO: write your solution here
    pass
