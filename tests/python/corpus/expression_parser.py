import re
import sys

TOKEN = re.compile(r"\s*(?:(\d+)|(.))")
PRECEDENCE = {"+": 1, "-": 1, "*": 2, "/": 2, "%": 2}


def tokenize(text):
    for number, op in TOKEN.findall(text):
        if number:
            yield int(number)
        elif op.strip():
            yield op


def to_rpn(tokens):
    output, stack = [], []
    for tok in tokens:
        if isinstance(tok, int):
            output.append(tok)
        elif tok == "(":
            stack.append(tok)
        elif tok == ")":
            while stack and stack[-1] != "(":
                output.append(stack.pop())
            if not stack:
                raise SyntaxError("unbalanced )")
            stack.pop()
        elif tok in PRECEDENCE:
            while stack and stack[-1] != "(" and PRECEDENCE[stack[-1]] >= PRECEDENCE[tok]:
                output.append(stack.pop())
            stack.append(tok)
        else:
            raise SyntaxError(f"unexpected {tok!r}")
    while stack:
        if stack[-1] == "(":
            raise SyntaxError("unbalanced (")
        output.append(stack.pop())
    return output


def run(rpn):
    st = []
    for t in rpn:
        if isinstance(t, int):
            st.append(t)
        else:
            b, a = st.pop(), st.pop()
            st.append({"+": a + b, "-": a - b, "*": a * b, "/": a // b if b else None, "%": a % b if b else None}[t])
    return st[0]


for line in sys.stdin.read().splitlines():
    try:
        rpn = to_rpn(tokenize(line))
        print(f"{line.strip():<24} rpn: {' '.join(map(str, rpn)):<28} = {run(rpn)}")
    except SyntaxError as e:
        print(f"{line.strip():<24} error: {e.msg}")
