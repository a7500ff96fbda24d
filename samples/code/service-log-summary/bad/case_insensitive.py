# Upper-cases the level, so a line with level "error" is counted instead of being malformed.
def main():
    summary = {}
    malformed = 0
    while True:
        try:
            line = input()
        except EOFError:
            break
        words = line.split()
        if not words:
            continue
        if len(words) < 3 or words[1].upper() not in {"INFO", "WARNING", "ERROR"}:
            malformed += 1
            continue
        level = words[1].upper()
        entry = summary.setdefault(words[2], {"total": 0, "ERROR": 0, "WARNING": 0, "INFO": 0})
        entry["total"] += 1
        entry[level] += 1
    for name in sorted(summary):
        e = summary[name]
        print("{}: {} lines, {} errors, {} warnings".format(name, e["total"], e["ERROR"], e["WARNING"]))
    print("malformed:", malformed)


main()
