import sys


def parse_config(lines):
    config = {}
    for number, line in enumerate(lines, 1):
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        if "=" not in line:
            print(f"error: line {number}: expected key = value")
            return None
        key, value = (part.strip() for part in line.split("=", 1))
        config[key] = int(value) if value.isdigit() else value
    return config


config = parse_config(sys.stdin.read().splitlines())
if config is None:
    sys.exit(2)
print("parsed", config)
required = ["name", "port", "workers"]
missing = [k for k in required if k not in config]
if missing:
    print("missing keys:", ", ".join(missing))
    sys.exit(3)
print("config ok")
