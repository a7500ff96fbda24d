from collections import deque


def window_max(values, k):
    dq = deque()
    out = []
    for i, v in enumerate(values):
        while dq and values[dq[-1]] <= v:
            dq.pop()
        dq.append(i)
        if dq[0] <= i - k:
            dq.popleft()
        if i >= k - 1:
            out.append(values[dq[0]])
    return out


temps = list(map(int, input().split()))
print(window_max(temps, 3))
print(window_max(temps, 1) == temps, window_max(temps, len(temps)))
recent = deque(maxlen=4)
for t in temps:
    recent.append(t)
    avg = sum(recent) / len(recent)
    print(f"{t:>3} avg of last {len(recent)}: {avg:6.2f}")
d = deque([1, 2, 3, 4, 5])
d.rotate(2)
print(list(d), d[0], d[-1])
d.rotate(-3)
d.appendleft(0)
d.extendleft([-2, -1])
print(list(d), d.count(3), d.index(4))
