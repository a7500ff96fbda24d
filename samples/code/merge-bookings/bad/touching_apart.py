# Uses < instead of <=, so back-to-back bookings are left as separate periods.
def solve(bookings):
    bookings = sorted(bookings, key=lambda b: b[0])
    periods = []
    for start, end in bookings:
        if periods and start < periods[-1][1]:
            periods[-1][1] = max(periods[-1][1], end)
        else:
            periods.append([start, end])
    return periods
