class ScoringError(Exception):
    pass


def score(answer):
    if not answer:
        raise ScoringError("empty answer")
    return len(answer)


print(score("abc"))
print(score(""))
