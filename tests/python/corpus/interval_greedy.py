import sys

meetings = []
for line in sys.stdin:
    name, start, end = line.split()
    h1, m1 = map(int, start.split(":"))
    h2, m2 = map(int, end.split(":"))
    meetings.append((name, h1 * 60 + m1, h2 * 60 + m2))

chosen, last_end = [], -1
for name, s, e in sorted(meetings, key=lambda m: (m[2], m[1])):
    if s >= last_end:
        chosen.append(name)
        last_end = e
print("most meetings in one room:", len(chosen), chosen)

events = sorted([(s, 1) for _, s, _ in meetings] + [(e, -1) for _, _, e in meetings])
rooms = peak = 0
for t, delta in events:
    rooms += delta
    peak = max(peak, rooms)
print("rooms needed:", peak)
fmt = lambda t: f"{t // 60:02d}:{t % 60:02d}"
busy = sorted((s, e) for _, s, e in meetings)
merged = [list(busy[0])]
for s, e in busy[1:]:
    if s <= merged[-1][1]:
        merged[-1][1] = max(merged[-1][1], e)
    else:
        merged.append([s, e])
print("busy:", ", ".join(f"{fmt(s)}-{fmt(e)}" for s, e in merged))
free = [(merged[i][1], merged[i + 1][0]) for i in range(len(merged) - 1)]
print("gaps:", [f"{fmt(a)}-{fmt(b)}" for a, b in free], "total minutes", sum(e - s for s, e in merged))
