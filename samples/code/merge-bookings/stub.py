def solve(bookings):
    """Return the busy periods as [start, end] pairs sorted by start, merging bookings that overlap or touch."""
    # TODO: write your solution here
    pass
