import operator
import sys

OPS = {"+": operator.add, "-": operator.sub, "*": operator.mul, "/": operator.truediv, "//": operator.floordiv,
       "%": operator.mod, "^": operator.pow}


class CalcError(Exception):
    pass


def evaluate(expr):
    stack = []
    for token in expr.split():
        if token in OPS:
            if len(stack) < 2:
                raise CalcError(f"not enough operands for {token}")
            b, a = stack.pop(), stack.pop()
            try:
                stack.append(OPS[token](a, b))
            except ZeroDivisionError:
                raise CalcError("division by zero") from None
        elif token == "dup":
            stack.append(stack[-1])
        elif token == "swap":
            stack[-1], stack[-2] = stack[-2], stack[-1]
        else:
            try:
                stack.append(int(token))
            except ValueError:
                try:
                    stack.append(float(token))
                except ValueError:
                    raise CalcError(f"bad token {token!r}") from None
    if len(stack) != 1:
        raise CalcError(f"{len(stack)} values left")
    return stack[0]


for line in sys.stdin:
    line = line.strip()
    if not line:
        continue
    try:
        print(f"{line} = {evaluate(line)}")
    except CalcError as e:
        print(f"{line} -> error: {e}")
