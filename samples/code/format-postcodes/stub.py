def solve(codes):
    """Return a list with each postcode in codes tidied ("SW1A 2AA"), or None where invalid."""
    # TODO: write your solution here
    pass
