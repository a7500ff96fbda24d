# Forgets to lower-case, so "The" and "the" are counted separately.
from collections import defaultdict
import string


def solve(text):
    counts = defaultdict(int)
    for w in text.split():
        w = w.strip(string.punctuation)
        if w != "":
            counts[w] += 1
    return dict(counts)
