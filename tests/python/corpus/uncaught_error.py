# Prints a partial report and then fails with an exception nobody catches (exit status 1).
scores = {"ann": 12, "bob": 0, "cy": 7}
print("report")
for name, total in scores.items():
    per_item = 60 / total
    print(f"{name}: {per_item:.2f}")
print("never printed")
