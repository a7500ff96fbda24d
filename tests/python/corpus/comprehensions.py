words = ["data", "model", "python", "ai", "sandbox", "queue", "heap", "graph"]
print([w.upper() for w in words if len(w) > 4])
print({w: len(w) for w in words if "a" in w})
print(sorted({len(w) for w in words}), sorted({w[0] for w in words}))
matrix = [[i * j for j in range(1, 5)] for i in range(1, 4)]
print(matrix, [x for row in matrix for x in row if x % 2], [[row[i] for row in matrix] for i in range(4)])
print({k: v for k, v in sorted({"b": 2, "a": 1, "c": 3}.items(), key=lambda kv: -kv[1])})
print(sum(x * x for x in range(101)), max((len(w), w) for w in words), list(reversed([w[::-1] for w in words[:3]])))
pyth = [(a, b, c) for c in range(1, 30) for b in range(1, c) for a in range(1, b) if a * a + b * b == c * c]
print(pyth)
flat = [ch for w in words[:3] for ch in w]
print("".join(flat), {i: [w for w in words if len(w) == i] for i in (2, 4, 5)})
fizz = ["Fizz" * (i % 3 == 0) + "Buzz" * (i % 5 == 0) or str(i) for i in range(1, 16)]
print(fizz)
inverted = {v: k for k, v in {"x": 1, "y": 2, "z": 1}.items()}
print(inverted, [i for i, w in enumerate(words) if w.startswith(("d", "q"))])
nested = {outer: {inner: outer * inner for inner in range(3)} for outer in range(1, 3)}
print(nested, [[c for c in w if c in "aeiou"] for w in words[:4]])
