# Adds an address every time it is seen again, so an address sent three times is listed twice.
def solve(emails):
    seen = []
    dupes = []
    for e in emails:
        e = e.strip().lower()
        name, domain = e.split("@")
        if "+" in name:
            name = name[:name.index("+")]
        e = name + "@" + domain
        if e in seen:
            dupes.append(e)
        else:
            seen.append(e)
    return dupes
