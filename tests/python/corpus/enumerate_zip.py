names = ["Asha", "Ben", "Chloe", "Dan"]
scores = [88, 72, 95, 60]
cohorts = ("A", "B", "A")
for rank, (name, score) in enumerate(sorted(zip(names, scores), key=lambda p: -p[1]), start=1):
    print(f"{rank}. {name:<6} {score}")
print(list(zip(names, scores, cohorts)))
print(dict(zip(names, scores)), dict(enumerate("xyz", 10)))
matrix = [[1, 2, 3], [4, 5, 6]]
print(list(zip(*matrix)), [list(col) for col in zip(*matrix)])
pairs = [("a", 1), ("b", 2), ("c", 3)]
letters, numbers = zip(*pairs)
print(letters, numbers)
try:
    list(zip([1, 2], [3], strict=True))
except ValueError:
    print("strict zip noticed different lengths")
for i, ch in enumerate("hey"):
    print(i, ch, end="; ")
print()
running = 0
for i, (a, b) in enumerate(zip(range(0, 50, 10), range(5)), 1):
    running += a * b
    print(i, a, b, running)
