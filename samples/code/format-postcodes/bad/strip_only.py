# Only strips the ends, so a space typed in the middle stays and the code looks too long.
def solve(codes):
    result = []
    for c in codes:
        c = c.strip().upper()
        if 5 <= len(c) <= 7 and c.isalnum() and c[0].isalpha() and c[-3].isdigit() and c[-2:].isalpha():
            result.append(c[:-3] + " " + c[-3:])
        else:
            result.append(None)
    return result
