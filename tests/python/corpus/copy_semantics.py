import copy

original = {"name": "plan", "steps": [1, 2, [3, 4]], "meta": {"owner": "ann"}}
alias = original
shallow = copy.copy(original)
deep = copy.deepcopy(original)
original["steps"][2].append(5)
original["meta"]["owner"] = "bob"
original["name"] = "changed"
print(alias["name"], shallow["name"], deep["name"])
print(shallow["steps"], deep["steps"], shallow["meta"], deep["meta"])
print(alias is original, shallow is original, shallow["steps"] is original["steps"], deep["steps"] is original["steps"])
grid = [[0] * 3] * 3
grid[0][0] = 1
print(grid)
grid = [[0] * 3 for _ in range(3)]
grid[0][0] = 1
print(grid)


def append_bad(x, acc=[]):
    acc.append(x)
    return acc


def append_good(x, acc=None):
    acc = [] if acc is None else acc
    acc.append(x)
    return acc


print(append_bad(1), append_bad(2), append_good(1), append_good(2))
a = [1, 2, 3]
b = a
b += [4]
c = a
c = c + [5]
print(a, b, c)
t = (1, [2, 3])
t[1].append(4)
print(t)
s = "abc"
u = s
s += "d"
print(s, u)


class Box:
    def __init__(self, items):
        self.items = items

    def __copy__(self):
        return Box(self.items)

    def __deepcopy__(self, memo):
        return Box(copy.deepcopy(self.items, memo))


b1 = Box([[1], [2]])
b2, b3 = copy.copy(b1), copy.deepcopy(b1)
b1.items[0].append(9)
print(b2.items, b3.items)
cyclic = [1]
cyclic.append(cyclic)
dup = copy.deepcopy(cyclic)
print(dup[1] is dup, dup[0], len(dup))
