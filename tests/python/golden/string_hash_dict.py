words = "to be or not to be that is the question whether tis nobler in the mind to suffer".split()
buckets = {}
for w in words:
    buckets.setdefault(len(w), set()).add(w)
counts = {}
for w in words:
    counts[w] = counts.get(w, 0) + 1
print(sorted(counts.items()))
print(sorted((k, sorted(v)) for k, v in buckets.items()))
unique = set(words)
print(len(unique), sorted(unique), "be" in unique, "question" in unique)
table = {w: hash(w) == hash(w) for w in unique}
print(sorted(table.items())[:5], all(table.values()))
frozen = frozenset(["b", "a", "c"])
print(sorted(frozen), frozen == frozenset("abc"), sorted(frozen | {"d"}), sorted(frozen & {"a", "z"}))
