def solve(org):
    """Return a dict mapping every unit's name to its headcount, including all the units below it."""
    # TODO: write your solution here
    pass
