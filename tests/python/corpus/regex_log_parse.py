import re
import sys

pattern = re.compile(
    r"(?P<ip>\d{1,3}(?:\.\d{1,3}){3}) - - \[(?P<day>\d{2})/(?P<mon>\w{3})/(?P<year>\d{4})[^\]]*\] "
    r'"(?P<method>[A-Z]+) (?P<path>\S+) [^"]*" (?P<status>\d{3}) (?P<size>\d+|-)'
)
by_status = {}
bytes_total = 0
paths = []
for line in sys.stdin:
    m = pattern.match(line)
    if not m:
        print("skipped:", line.strip()[:30])
        continue
    by_status[m["status"]] = by_status.get(m["status"], 0) + 1
    if m.group("size") != "-":
        bytes_total += int(m.group("size"))
    paths.append(m.group("path"))
print(sorted(by_status.items()), bytes_total)
print(re.findall(r"/(\w+)", " ".join(paths)))
print(re.sub(r"\d+", "#", "order 66 shipped to 10 Downing St"))
print(re.split(r"[;,]\s*", "a, b;c ,d"), re.fullmatch(r"[A-Z]{2}\d{2}", "AB12") is not None)
print(re.sub(r"(\w+)@(\w+)\.com", r"\2 at \1", "mail ann@example.com or bob@test.com"))
print([m.span() for m in re.finditer(r"o+", "foo boo zoooo")])
print(re.search(r"(?i)error", "All OK, then ERROR at 5").start(), bool(re.match("x", "yx")))
