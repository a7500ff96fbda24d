def solve(lines):
    """Return a dict mapping each department to its total spending, rounded to 2 decimal places."""
    # TODO: write your solution here
    pass
