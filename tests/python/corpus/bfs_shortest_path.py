import sys
from collections import defaultdict, deque

lines = sys.stdin.read().split("\n")
start, goal = lines[0].split()
graph = defaultdict(list)
for line in lines[1:]:
    if "-" in line:
        a, b = (s.strip() for s in line.split("-"))
        graph[a].append(b)
        graph[b].append(a)


def bfs(start, goal):
    previous = {start: None}
    queue = deque([start])
    while queue:
        node = queue.popleft()
        if node == goal:
            path = []
            while node is not None:
                path.append(node)
                node = previous[node]
            return path[::-1]
        for nxt in sorted(graph[node]):
            if nxt not in previous:
                previous[nxt] = node
                queue.append(nxt)
    return None


path = bfs(start, goal)
print(" -> ".join(path), f"({len(path) - 1} hops)")
print(bfs("Leeds", "Nowhere"))
dist = {start: 0}
queue = deque([start])
while queue:
    n = queue.popleft()
    for m in graph[n]:
        if m not in dist:
            dist[m] = dist[n] + 1
            queue.append(m)
for town in sorted(dist, key=lambda t: (dist[t], t)):
    print(f"{town}: {dist[town]}")
