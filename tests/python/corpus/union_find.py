class DisjointSet:
    def __init__(self, items):
        self.parent = {x: x for x in items}
        self.size = {x: 1 for x in items}

    def find(self, x):
        root = x
        while self.parent[root] != root:
            root = self.parent[root]
        while self.parent[x] != root:
            self.parent[x], x = root, self.parent[x]
        return root

    def union(self, a, b):
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return False
        if self.size[ra] < self.size[rb]:
            ra, rb = rb, ra
        self.parent[rb] = ra
        self.size[ra] += self.size[rb]
        return True

    def groups(self):
        out = {}
        for x in self.parent:
            out.setdefault(self.find(x), []).append(x)
        return sorted(sorted(g) for g in out.values())


people = ["ann", "bob", "cy", "dee", "eve", "fay", "gus", "hal"]
ds = DisjointSet(people)
for a, b in [("ann", "bob"), ("cy", "dee"), ("bob", "dee"), ("eve", "fay"), ("ann", "cy"), ("gus", "gus")]:
    print(a, b, "merged" if ds.union(a, b) else "already together")
print(ds.groups(), len(ds.groups()))
edges = sorted([(4, "A", "B"), (1, "B", "C"), (3, "A", "C"), (2, "C", "D"), (5, "B", "D"), (7, "D", "E"), (6, "C", "E")])
mst = DisjointSet("ABCDE")
chosen = [(a, b, w) for w, a, b in edges if mst.union(a, b)]
print(chosen, sum(w for _, _, w in chosen))
