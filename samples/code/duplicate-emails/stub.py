def solve(emails):
    """Return the normalised addresses that occur more than once in emails, each once, in any order."""
    # TODO: write your solution here
    pass
