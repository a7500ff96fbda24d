def solve(a, b):
    """Return the edit distance (insertions, deletions, substitutions) between strings a and b."""
    # TODO: write your solution here
    pass
