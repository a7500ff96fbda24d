import bisect

breakpoints = [40, 50, 60, 70]
grades = "FEDCBA"[1:]  # E D C B A


def grade(score):
    return "FDCBA"[bisect.bisect(breakpoints, score)]


scores = [int(x) for x in input().split()]
print([grade(s) for s in scores])

sorted_scores = []
for s in scores:
    bisect.insort(sorted_scores, s)
print(sorted_scores)
print(bisect.bisect_left(sorted_scores, 70), bisect.bisect_right(sorted_scores, 70))
lo = bisect.bisect_left(sorted_scores, 50)
hi = bisect.bisect_right(sorted_scores, 69)
print("50-69:", sorted_scores[lo:hi])
print(bisect.bisect([1, 2, 3], 2, hi=1), grades)
