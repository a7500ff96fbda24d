# Looks at the first character before checking the length: an empty entry raises IndexError.
def solve(codes):
    answer = []
    for raw in codes:
        code = "".join(raw.split()).upper()
        if not code[0].isalpha():
            answer.append(None)
        elif 5 <= len(code) <= 7 and code.isalnum() and code[-3].isdigit() and code[-2:].isalpha():
            answer.append(f"{code[:-3]} {code[-3:]}")
        else:
            answer.append(None)
    return answer
