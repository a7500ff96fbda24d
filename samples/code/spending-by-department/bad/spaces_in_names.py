# Strips the amount but not the department, so " Education " is a different department.
from collections import defaultdict


def solve(lines):
    totals = defaultdict(float)
    for line in lines[1:]:
        if not line.strip():
            continue
        _, dept, _, amount = line.split(",")
        totals[dept] += float(amount.strip())
    return {d: round(t, 2) for d, t in totals.items()}
