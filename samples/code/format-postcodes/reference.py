def is_valid(code):
    """A space-free, upper-case code is a postcode if it has the right length and shape."""
    return (
        5 <= len(code) <= 7
        and code.isascii()
        and code.isalnum()
        and code[0].isalpha()
        and code[-3].isdigit()
        and code[-2:].isalpha()
    )


def solve(codes):
    tidied = []
    for raw in codes:
        code = "".join(raw.split()).upper()
        if is_valid(code):
            tidied.append(code[:-3] + " " + code[-3:])
        else:
            tidied.append(None)
    return tidied
