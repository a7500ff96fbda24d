def popcount(n):
    count = 0
    while n:
        n &= n - 1
        count += 1
    return count


values = [0, 1, 7, 8, 255, 1023, 2 ** 31 - 1, 2 ** 64 + 5]
for v in values:
    print(v, bin(v), popcount(v), bin(v).count("1"), v.bit_length(), v & -v if v else 0, (v & (v - 1)) == 0)
print(5 & 3, 5 | 3, 5 ^ 3, ~5, -5 >> 1, -1 << 4, 1 << 70, (1 << 70) >> 68)
print([i for i in range(40) if i & (i - 1) == 0 and i])
mask = 0
for bit in (0, 3, 5):
    mask |= 1 << bit
print(mask, f"{mask:08b}", [b for b in range(8) if mask >> b & 1], mask ^ 0xFF)


def subsets(items):
    for m in range(1 << len(items)):
        yield [items[i] for i in range(len(items)) if m >> i & 1]


print(list(subsets("abc")))
gray = [i ^ (i >> 1) for i in range(8)]
print(gray, [f"{g:03b}" for g in gray])
x, y = 12, 25
x ^= y
y ^= x
x ^= y
print(x, y, int("1010", 2) ^ int("0110", 2), (0b1100).bit_count() if hasattr(int, "bit_count") else 2)
