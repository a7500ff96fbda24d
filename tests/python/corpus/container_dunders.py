class SparseVector:
    def __init__(self, size, values=None):
        self.size = size
        self.data = {i: v for i, v in (values or {}).items() if v}

    def __len__(self):
        return self.size

    def __getitem__(self, index):
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(self.size))]
        if index < 0:
            index += self.size
        if not 0 <= index < self.size:
            raise IndexError("index out of range")
        return self.data.get(index, 0)

    def __setitem__(self, index, value):
        if not 0 <= index < self.size:
            raise IndexError("index out of range")
        if value:
            self.data[index] = value
        else:
            self.data.pop(index, None)

    def __delitem__(self, index):
        self.data.pop(index, None)

    def __contains__(self, value):
        return value in self.data.values() or (value == 0 and len(self.data) < self.size)

    def __iter__(self):
        return (self[i] for i in range(self.size))

    def __add__(self, other):
        out = SparseVector(self.size, self.data)
        for i, v in other.data.items():
            out[i] = out[i] + v
        return out

    def __matmul__(self, other):
        return sum(v * other[i] for i, v in self.data.items())

    def __eq__(self, other):
        return self.size == other.size and self.data == other.data

    def __repr__(self):
        return f"SparseVector({self.size}, {dict(sorted(self.data.items()))})"


v = SparseVector(8, {1: 3, 5: -2})
w = SparseVector(8, {5: 2, 7: 4})
print(v, len(v), v[1], v[-3], v[2:7], list(w))
v[0] = 9
v[1] = 0
del v[42]
print(v, 9 in v, 0 in v, 100 in v, v + w, v @ w, v + w == w + v)
try:
    v[8] = 1
except IndexError as e:
    print("IndexError:", e)
print(sorted(w, reverse=True)[:3], max(v), bool(SparseVector(0)), sum(v + w))
