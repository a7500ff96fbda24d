import sys

grid = [list(row) for row in sys.stdin.read().split()]
rows, cols = len(grid), len(grid[0])
seen = [[False] * cols for _ in range(rows)]


def flood(r, c):
    stack = [(r, c)]
    size = 0
    while stack:
        r, c = stack.pop()
        if not (0 <= r < rows and 0 <= c < cols) or seen[r][c] or grid[r][c] != "#":
            continue
        seen[r][c] = True
        size += 1
        stack.extend([(r + 1, c), (r - 1, c), (r, c + 1), (r, c - 1)])
    return size


def flood_recursive(r, c, label):
    if not (0 <= r < rows and 0 <= c < cols) or grid[r][c] != "#":
        return
    grid[r][c] = label
    for dr, dc in ((1, 0), (-1, 0), (0, 1), (0, -1)):
        flood_recursive(r + dr, c + dc, label)


sizes = []
for r in range(rows):
    for c in range(cols):
        if grid[r][c] == "#" and not seen[r][c]:
            sizes.append(flood(r, c))
print(len(sizes), "islands, sizes", sorted(sizes, reverse=True))
label = "a"
for r in range(rows):
    for c in range(cols):
        if grid[r][c] == "#":
            flood_recursive(r, c, label)
            label = chr(ord(label) + 1)
print("\n".join("".join(row) for row in grid))
