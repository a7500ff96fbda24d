print("computing averages")
totals = [10, 20, 0]
for t in totals:
    print(100 / t)
