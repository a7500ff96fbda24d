def hanoi(n, source, target, spare, moves):
    if n == 0:
        return
    hanoi(n - 1, source, spare, target, moves)
    moves.append((n, source, target))
    hanoi(n - 1, spare, target, source, moves)


for n in (1, 2, 3, 10):
    moves = []
    hanoi(n, "A", "C", "B", moves)
    print(n, len(moves), len(moves) == 2 ** n - 1)
moves = []
hanoi(4, "L", "R", "M", moves)
for disc, a, b in moves[:7]:
    print(f"move disc {disc} from {a} to {b}")


def power_set(items):
    if not items:
        return [[]]
    rest = power_set(items[1:])
    return rest + [[items[0]] + s for s in rest]


print(sorted(power_set([1, 2, 3]), key=lambda s: (len(s), s)))


def flatten(x):
    if isinstance(x, list):
        return [y for item in x for y in flatten(item)]
    return [x]


print(flatten([1, [2, [3, [4, [5]]]], [], [[6, 7]], 8]))


def depth(x):
    return 1 + max((depth(i) for i in x), default=0) if isinstance(x, list) else 0


print(depth([1, [2, [3, [4]]]]), depth([]), depth(5))
