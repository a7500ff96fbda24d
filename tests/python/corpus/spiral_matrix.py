import sys

n = int(sys.stdin.readline())
grid = [[0] * n for _ in range(n)]
r = c = 0
dr, dc = 0, 1
for value in range(1, n * n + 1):
    grid[r][c] = value
    nr, nc = r + dr, c + dc
    if not (0 <= nr < n and 0 <= nc < n) or grid[nr][nc]:
        dr, dc = dc, -dr
        nr, nc = r + dr, c + dc
    r, c = nr, nc
width = len(str(n * n))
for row in grid:
    print(" ".join(f"{v:>{width}}" for v in row))


def spiral_order(m):
    out = []
    while m:
        out.extend(m.pop(0))
        m = [list(row) for row in zip(*m)][::-1]
    return out


print(spiral_order([[1, 2, 3], [4, 5, 6], [7, 8, 9], [10, 11, 12]]))
print(spiral_order([row[:] for row in grid]) == list(range(1, n * n + 1)))
print("diagonals", sum(grid[i][i] for i in range(n)), sum(grid[i][n - 1 - i] for i in range(n)))
