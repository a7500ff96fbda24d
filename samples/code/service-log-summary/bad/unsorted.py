# Prints the services in the order they first appear instead of alphabetically.
import sys

stats = {}
bad = 0
for line in sys.stdin.read().splitlines():
    parts = line.split()
    if len(parts) == 0:
        continue
    if len(parts) < 3 or parts[1] not in ("INFO", "WARNING", "ERROR"):
        bad += 1
        continue
    s = stats.setdefault(parts[2], [0, 0, 0])
    s[0] += 1
    if parts[1] == "ERROR":
        s[1] += 1
    elif parts[1] == "WARNING":
        s[2] += 1
for name, (total, errors, warnings) in stats.items():
    print(f"{name}: {total} lines, {errors} errors, {warnings} warnings")
print(f"malformed: {bad}")
