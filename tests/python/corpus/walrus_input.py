import re
import sys

totals = {}
count = 0
while (line := sys.stdin.readline()):
    if not (line := line.strip()) or line.startswith("#"):
        continue
    if (m := re.match(r"(\w+)\s*=\s*(-?\d+)", line)) is None:
        print("cannot parse", repr(line))
        continue
    key, value = m.group(1), int(m.group(2))
    totals[key] = totals.get(key, 0) + value
    count += 1
print(count, totals)
data = [3, 10, 25, 4, 18, 40]
print([y for x in data if (y := x * 2) > 20])
if (n := len(data)) > 5:
    print(f"long list ({n} items)")
chunks = iter(range(10))
while (chunk := [x for _, x in zip(range(3), chunks)]):
    print(chunk)
