import sys

lines = sys.stdin.read().strip().splitlines()
capacity = int(lines[0])
items = []
for line in lines[1:]:
    name, weight, value = line.split()
    items.append((name, int(weight), int(value)))

best = [[0] * (capacity + 1) for _ in range(len(items) + 1)]
for i, (_, w, v) in enumerate(items, 1):
    for c in range(capacity + 1):
        best[i][c] = best[i - 1][c]
        if w <= c and best[i - 1][c - w] + v > best[i][c]:
            best[i][c] = best[i - 1][c - w] + v

chosen = []
c = capacity
for i in range(len(items), 0, -1):
    if best[i][c] != best[i - 1][c]:
        name, w, _ = items[i - 1]
        chosen.append(name)
        c -= w
print("best value", best[-1][capacity])
print("take", sorted(chosen), "weight", sum(w for n, w, _ in items if n in chosen))
one_d = [0] * (capacity + 1)
for _, w, v in items:
    for c in range(capacity, w - 1, -1):
        one_d[c] = max(one_d[c], one_d[c - w] + v)
print(one_d[capacity] == best[-1][capacity], one_d[:10])
