# Treats a word as a run of letters, which cuts "don't" in two and drops numbers.
import re
from collections import Counter


def solve(text):
    return dict(Counter(re.findall(r"[a-z]+", text.lower())))
