# Splits on single spaces only, so words separated by tabs or newlines stay glued together.
import string


def solve(text):
    counts = {}
    for piece in text.lower().split(" "):
        word = piece.strip(string.punctuation)
        if word:
            counts[word] = counts.get(word, 0) + 1
    return counts
