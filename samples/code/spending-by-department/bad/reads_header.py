# Treats the header as data: float("amount") raises ValueError.
def solve(lines):
    totals = {}
    for line in lines:
        if line.strip() == "":
            continue
        parts = [p.strip() for p in line.split(",")]
        totals[parts[1]] = totals.get(parts[1], 0) + float(parts[3])
    return {k: round(v, 2) for k, v in totals.items()}
