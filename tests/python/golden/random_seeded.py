import random

random.seed(7)
print(random.random(), random.random(), random.random())
print([random.randint(1, 100) for _ in range(10)])
items = list(range(20))
random.shuffle(items)
print(items)
print(random.choice(["red", "green", "blue", "amber"]), random.choice(items), random.sample(items, 5))
print(random.randrange(1000), random.uniform(-1, 1), random.getrandbits(40), random.choices("abc", k=6))
print(random.gauss(0, 1), random.normalvariate(10, 2), random.expovariate(1.5), random.triangular(0, 10, 3))
print(random.betavariate(2, 3), random.gammavariate(2.0, 1.0), random.lognormvariate(0, 0.5), random.vonmisesvariate(1, 2))
