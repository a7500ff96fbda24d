def ackermann(m, n):
    if m == 0:
        return n + 1
    if n == 0:
        return ackermann(m - 1, 1)
    return ackermann(m - 1, ackermann(m, n - 1))


print([[ackermann(m, n) for n in range(4)] for m in range(3)], ackermann(2, 3), ackermann(3, 3))


def catalan(n, memo={0: 1}):
    if n not in memo:
        memo[n] = sum(catalan(i) * catalan(n - 1 - i) for i in range(n))
    return memo[n]


print([catalan(i) for i in range(15)], catalan(60))


def partitions(n, max_part=None):
    if max_part is None:
        max_part = n
    if n == 0:
        return 1
    return sum(partitions(n - k, k) for k in range(1, min(n, max_part) + 1))


print([partitions(n) for n in range(1, 16)])


def binary_strings(n, prefix=""):
    if len(prefix) == n:
        return [prefix]
    out = binary_strings(n, prefix + "0")
    if not prefix.endswith("1"):
        out += binary_strings(n, prefix + "1")
    return out


print(binary_strings(4), len(binary_strings(10)))
