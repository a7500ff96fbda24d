# Removes only the "+" sign and keeps the tag, so "ann+jobs@x" becomes "annjobs@x".
from collections import Counter


def solve(emails):
    counts = Counter(e.strip().lower().replace("+", "") for e in emails)
    return sorted(e for e in counts if counts[e] > 1)
