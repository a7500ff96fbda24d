# Kahn's algorithm, but returns the partial order when there is a cycle instead of [].
def solve(courses, prerequisites):
    indegree = {c: 0 for c in courses}
    for _, b in prerequisites:
        indegree[b] += 1
    queue = [c for c in courses if indegree[c] == 0]
    result = []
    while queue:
        c = queue.pop(0)
        result.append(c)
        for a, b in prerequisites:
            if a == c:
                indegree[b] -= 1
                if indegree[b] == 0:
                    queue.append(b)
    return result
