for _ in range(100_000):
    print("y" * 999)
