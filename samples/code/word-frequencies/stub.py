def solve(text):
    """Return a dict mapping each word of text (lower case, outer punctuation removed) to its count."""
    # TODO: write your solution here
    pass
