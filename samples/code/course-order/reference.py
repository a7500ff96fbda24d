from collections import deque


def solve(courses, prerequisites):
    after = {course: [] for course in courses}
    waiting = {course: 0 for course in courses}  # prerequisites not yet placed
    for first, then in prerequisites:
        after[first].append(then)
        waiting[then] += 1
    ready = deque(course for course in courses if waiting[course] == 0)
    order = []
    while ready:
        course = ready.popleft()
        order.append(course)
        for nxt in after[course]:
            waiting[nxt] -= 1
            if waiting[nxt] == 0:
                ready.append(nxt)
    return order if len(order) == len(courses) else []
