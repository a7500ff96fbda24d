def solve(a, b):
    # previous[j] is the distance between the first i-1 characters of a and the first j of b.
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, start=1):
        current = [i]
        for j, cb in enumerate(b, start=1):
            current.append(min(
                previous[j] + 1,  # delete ca
                current[j - 1] + 1,  # insert cb
                previous[j - 1] + (ca != cb),  # substitute (free if equal)
            ))
        previous = current
    return previous[-1]
