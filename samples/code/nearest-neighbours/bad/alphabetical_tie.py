# Breaks a tie in the vote alphabetically instead of by the nearest point.
import math


def solve(train, queries, k):
    answers = []
    for q in queries:
        nearest = sorted(train, key=lambda t: math.dist(q, t[:2]))[:k]
        votes = {}
        for t in nearest:
            votes[t[2]] = votes.get(t[2], 0) + 1
        answers.append(max(sorted(votes), key=lambda lab: votes[lab]))
    return answers
