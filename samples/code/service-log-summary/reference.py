import sys

LEVELS = ("INFO", "WARNING", "ERROR")


def main():
    services = {}
    malformed = 0
    for line in sys.stdin:
        fields = line.split()
        if not fields:
            continue
        if len(fields) < 3 or fields[1] not in LEVELS:
            malformed += 1
            continue
        level, service = fields[1], fields[2]
        counts = services.setdefault(service, {"lines": 0, "ERROR": 0, "WARNING": 0})
        counts["lines"] += 1
        if level != "INFO":
            counts[level] += 1
    for service in sorted(services):
        c = services[service]
        print(f"{service}: {c['lines']} lines, {c['ERROR']} errors, {c['WARNING']} warnings")
    print(f"malformed: {malformed}")


main()
