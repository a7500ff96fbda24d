# Assumes the bookings arrive in time order.
def solve(bookings):
    result = []
    for b in bookings:
        if result and b[0] <= result[-1][1]:
            result[-1][1] = max(result[-1][1], b[1])
        else:
            result.append(list(b))
    return result
