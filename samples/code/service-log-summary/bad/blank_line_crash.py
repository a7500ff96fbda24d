# Unpacks the first three fields of every line, so a blank line raises ValueError.
import sys
from collections import defaultdict

lines = defaultdict(int)
errors = defaultdict(int)
warnings = defaultdict(int)
malformed = 0
for line in sys.stdin:
    try:
        stamp, level, service = line.split()[:3]
    except ValueError:
        if line.strip():
            malformed += 1
            continue
        raise
    if level not in ("INFO", "WARNING", "ERROR"):
        malformed += 1
        continue
    lines[service] += 1
    if level == "ERROR":
        errors[service] += 1
    if level == "WARNING":
        warnings[service] += 1
for service in sorted(lines):
    print(f"{service}: {lines[service]} lines, {errors[service]} errors, {warnings[service]} warnings")
print(f"malformed: {malformed}")
