# Reads n and a list of "divisor word" rules, prints the FizzBuzz-style sequence.
n = int(input())
rules = []
while True:
    try:
        line = input().strip()
    except EOFError:
        break
    if line:
        d, w = line.split()
        rules.append((int(d), w))

for i in range(1, n + 1):
    out = "".join(word for d, word in rules if i % d == 0)
    print(out or i)
