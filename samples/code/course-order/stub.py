def solve(courses, prerequisites):
    """Return all courses in an order that respects every [first, then] pair, or [] if none exists."""
    # TODO: write your solution here
    pass
