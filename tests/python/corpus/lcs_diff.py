def lcs(a, b):
    m, n = len(a), len(b)
    table = [[0] * (n + 1) for _ in range(m + 1)]
    for i in range(m - 1, -1, -1):
        for j in range(n - 1, -1, -1):
            if a[i] == b[j]:
                table[i][j] = table[i + 1][j + 1] + 1
            else:
                table[i][j] = max(table[i + 1][j], table[i][j + 1])
    i = j = 0
    out = []
    while i < m and j < n:
        if a[i] == b[j]:
            out.append(a[i])
            i += 1
            j += 1
        elif table[i + 1][j] >= table[i][j + 1]:
            i += 1
        else:
            j += 1
    return out


def diff(old, new):
    common = lcs(old, new)
    i = j = 0
    for line in common + [None]:
        while i < len(old) and old[i] != line:
            print("-", old[i])
            i += 1
        while j < len(new) and new[j] != line:
            print("+", new[j])
            j += 1
        if line is not None:
            print(" ", line)
            i += 1
            j += 1


print("".join(lcs("AGGTABQWERTY", "GXTXAYBWRT")), len(lcs("programming", "gaming")))
old = ["import os", "def main():", "    print('hi')", "    return 0", "main()"]
new = ["import sys", "def main():", "    print('hello')", "    return 0", "", "main()"]
diff(old, new)
