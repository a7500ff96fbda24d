# Forgets to remove surrounding spaces, so " ann@example.org" and "ann@example.org" differ.
from collections import Counter


def solve(emails):
    normalised = []
    for email in emails:
        local, domain = email.lower().split("@")
        normalised.append(local.split("+")[0] + "@" + domain)
    return [e for e, n in Counter(normalised).items() if n >= 2]
