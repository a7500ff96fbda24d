import sys

grid = [[int(ch) for ch in line.strip()] for line in sys.stdin if line.strip()]
problems = []
for i in range(9):
    row = grid[i]
    col = [grid[r][i] for r in range(9)]
    box = [grid[3 * (i // 3) + r][3 * (i % 3) + c] for r in range(3) for c in range(3)]
    for kind, cells in (("row", row), ("column", col), ("box", box)):
        if sorted(cells) != list(range(1, 10)):
            missing = sorted(set(range(1, 10)) - set(cells))
            problems.append(f"{kind} {i + 1} is missing {missing}")
print("valid" if not problems else f"{len(problems)} problems")
for p in problems:
    print(" ", p)
print(sum(map(sum, grid)), [grid[i][i] for i in range(9)])
