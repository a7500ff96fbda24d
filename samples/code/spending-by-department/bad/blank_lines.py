# Does not skip blank lines, so unpacking an empty line raises ValueError.
def solve(lines):
    header, *rows = lines
    totals = {}
    for row in rows:
        date, dept, cat, amount = [x.strip() for x in row.split(",")]
        if dept not in totals:
            totals[dept] = 0
        totals[dept] += float(amount)
    for dept in totals:
        totals[dept] = round(totals[dept], 2)
    return totals
