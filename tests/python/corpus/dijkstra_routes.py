import heapq
import sys
from collections import defaultdict

graph = defaultdict(list)
source = None
for line in sys.stdin:
    parts = line.split()
    if len(parts) == 1:
        source = parts[0]
    elif len(parts) == 3:
        a, b, w = parts
        graph[a].append((b, int(w)))
        graph[b].append((a, int(w)))


def dijkstra(start):
    dist = {start: 0}
    prev = {}
    heap = [(0, start)]
    done = set()
    while heap:
        d, node = heapq.heappop(heap)
        if node in done:
            continue
        done.add(node)
        for nxt, w in graph[node]:
            nd = d + w
            if nd < dist.get(nxt, float("inf")):
                dist[nxt] = nd
                prev[nxt] = node
                heapq.heappush(heap, (nd, nxt))
    return dist, prev


dist, prev = dijkstra(source)
for node in sorted(dist):
    path = [node]
    while path[-1] != source:
        path.append(prev[path[-1]])
    print(f"{node}: {dist[node]:>3} via {'>'.join(reversed(path))}")
print("unreachable:", sorted(set(graph) - set(dist)))
