import random
from collections import deque

random.seed(42)
counters = 3
queue = deque()
busy = [0] * counters
served = []
waits = []
for minute in range(60):
    for _ in range(random.choice([0, 0, 1, 1, 1, 2, 3])):
        queue.append((minute, random.randint(2, 6)))
    for i in range(counters):
        if busy[i] > 0:
            busy[i] -= 1
        if busy[i] == 0 and queue:
            arrived, duration = queue.popleft()
            busy[i] = duration
            waits.append(minute - arrived)
            served.append(i)
    if minute % 10 == 9:
        print(f"minute {minute + 1:>2}: queue {len(queue):>2}, busy {sum(b > 0 for b in busy)}")
print("served", len(waits), "by counter", [served.count(i) for i in range(counters)])
print("mean wait", round(sum(waits) / len(waits), 3), "max wait", max(waits), "still waiting", len(queue))
