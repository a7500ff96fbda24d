import random

random.seed(42)
print(random.random(), random.random())
print([random.randint(1, 6) for _ in range(10)])
print(random.randrange(0, 100, 5), random.choice("abcdefgh"), random.uniform(10, 20))
deck = [f"{r}{s}" for s in "SHDC" for r in "A23456789TJQK"]
random.shuffle(deck)
print(deck[:8])
print(random.sample(range(100), 6), random.sample(deck, 3))
print(random.choices(["win", "lose", "draw"], weights=[5, 3, 2], k=8))
print(random.getrandbits(64), random.randbytes(4).hex())
rng = random.Random(2024)
print([rng.randint(0, 9) for _ in range(12)], rng.random())
state = rng.getstate()
first = [rng.random() for _ in range(3)]
rng.setstate(state)
print(first == [rng.random() for _ in range(3)])
random.seed(123456789)
print(random.randint(1, 1000), random.random())
random.seed(42)
walk = 0
positions = []
for _ in range(20):
    walk += random.choice((-1, 1))
    positions.append(walk)
print(positions, max(positions), min(positions))
print(round(random.gauss(0, 1), 6), round(random.expovariate(2.0), 6))
