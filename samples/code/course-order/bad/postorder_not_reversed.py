# Depth-first search that lists a course after everything that depends on it, and forgets to reverse.
def solve(courses, prerequisites):
    graph = {c: [] for c in courses}
    for a, b in prerequisites:
        graph[a].append(b)
    state = {}
    order = []

    def visit(c):
        if state.get(c) == "done":
            return True
        if state.get(c) == "active":
            return False
        state[c] = "active"
        for nxt in graph[c]:
            if not visit(nxt):
                return False
        state[c] = "done"
        order.append(c)
        return True

    for c in courses:
        if not visit(c):
            return []
    return order
