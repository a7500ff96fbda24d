# Thinks postcodes are 6 to 8 characters, so short ones like M1 1AE are rejected.
def solve(codes):
    out = []
    for code in codes:
        code = code.replace(" ", "").replace("\t", "").replace("\n", "").upper()
        if len(code) in range(6, 9) and code.isalnum() and code[0].isalpha() and code[-3].isdigit() and code[-2:].isalpha():
            out.append(code[:-3] + " " + code[-3:])
        else:
            out.append(None)
    return out
