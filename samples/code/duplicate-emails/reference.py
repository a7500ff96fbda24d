from collections import Counter


def normalise(email):
    local, domain = email.strip().lower().split("@")
    local = local.split("+")[0]
    return local + "@" + domain


def solve(emails):
    counts = Counter(normalise(email) for email in emails)
    return [email for email, count in counts.items() if count > 1]
