import string
from collections import Counter


def solve(text):
    words = (piece.strip(string.punctuation).lower() for piece in text.split())
    return dict(Counter(word for word in words if word))
