def solve(lines):
    totals = {}
    for line in lines[1:]:  # the first line is the header
        if not line.strip():
            continue
        date, department, category, amount = (field.strip() for field in line.split(","))
        totals[department] = totals.get(department, 0.0) + float(amount)
    return {department: round(total, 2) for department, total in totals.items()}
