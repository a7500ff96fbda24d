from collections import deque
import string

WORDS = set("""cold cord card ward warm word worm corm core care bore bare barn born corn worn wore
ware wart cart cast case cash wash wish fish fist mist most post past pest best bust must""".split())


def neighbours(word):
    for i in range(len(word)):
        for ch in string.ascii_lowercase:
            if ch != word[i]:
                candidate = word[:i] + ch + word[i + 1:]
                if candidate in WORDS:
                    yield candidate


def ladder(start, goal):
    queue = deque([[start]])
    seen = {start}
    while queue:
        path = queue.popleft()
        if path[-1] == goal:
            return path
        for nxt in sorted(neighbours(path[-1])):
            if nxt not in seen:
                seen.add(nxt)
                queue.append(path + [nxt])
    return None


for a, b in [("cold", "warm"), ("fish", "best"), ("corn", "cash"), ("cold", "zzzz"), ("wish", "wish")]:
    path = ladder(a, b)
    print(f"{a} -> {b}:", " ".join(path) if path else "no ladder", f"({len(path) - 1} steps)" if path else "")
print(sorted(neighbours("care")))
