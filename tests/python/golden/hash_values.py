# The sandbox must hash deterministically: the same program prints the same hashes every run.
print(hash("assay"), hash(b"assay"), hash(("a", 1)), hash(3.5), hash(-1), hash(2 ** 70), hash(frozenset({1, 2})))
print(sorted(["b", "a", "c"], key=hash) == sorted(["b", "a", "c"], key=hash))
