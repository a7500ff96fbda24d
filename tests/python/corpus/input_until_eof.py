total = 0
count = 0
biggest = None
names = []
while True:
    try:
        line = input()
    except EOFError:
        break
    parts = line.split(":")
    if len(parts) != 2:
        print(f"bad line {count + 1}: {line!r}")
        continue
    name, amount = parts[0].strip(), parts[1].strip()
    try:
        value = int(amount)
    except ValueError:
        print(f"not a number for {name}")
        continue
    names.append(name)
    total += value
    count += 1
    if biggest is None or value > biggest[1]:
        biggest = (name, value)
print(f"{count} entries, total {total}, average {total / count:.3f}")
print("biggest", biggest, "names", ", ".join(names))
