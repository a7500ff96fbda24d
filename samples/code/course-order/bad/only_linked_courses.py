# Builds the graph from the pairs alone, so a course with no prerequisites and no dependants is left out.
from collections import defaultdict, deque


def solve(courses, prerequisites):
    graph = defaultdict(list)
    indeg = defaultdict(int)
    for a, b in prerequisites:
        graph[a].append(b)
        indeg[b] += 1
        indeg[a] += 0
    q = deque(c for c in indeg if indeg[c] == 0)
    out = []
    while q:
        c = q.popleft()
        out.append(c)
        for n in graph[c]:
            indeg[n] -= 1
            if indeg[n] == 0:
                q.append(n)
    if len(out) < len(indeg):
        return []
    return out
