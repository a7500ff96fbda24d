def read_records(lines):
    for number, line in enumerate(lines, 1):
        line = line.strip()
        if line and not line.startswith("#"):
            yield number, line


def parse(records):
    for number, line in records:
        name, _, value = line.partition("=")
        try:
            yield name.strip(), float(value)
        except ValueError:
            print(f"line {number}: skipping {line!r}")


def running_total(pairs):
    total = 0.0
    for name, value in pairs:
        total += value
        yield name, value, total


def chunked(iterable, size):
    chunk = []
    for item in iterable:
        chunk.append(item)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def countdown(n):
    while n > 0:
        received = yield n
        n = n - 1 if received is None else received


def delegate():
    result = yield from inner()
    yield f"inner returned {result}"


def inner():
    yield 1
    yield 2
    return "done"


lines = ["# header", "a = 1.5", "b = 2", "", "c = oops", "d = 4.25", "e=0.25"]
for name, value, total in running_total(parse(read_records(lines))):
    print(f"{name}: {value:5.2f} total {total:6.2f}")
print(list(chunked(range(7), 3)))
gen = countdown(5)
print(next(gen), next(gen), gen.send(10), next(gen))
gen.close()
print(list(delegate()))
squares = (x * x for x in range(5))
print(sum(squares), sum(squares))
nested = ((i, j) for i in range(3) for j in range(i))
print(list(nested))
