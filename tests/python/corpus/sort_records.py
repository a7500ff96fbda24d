from operator import attrgetter, itemgetter

staff = [
    {"name": "Ola", "dept": "data", "grade": 7, "start": 2019},
    {"name": "Ben", "dept": "web", "grade": 6, "start": 2021},
    {"name": "ann", "dept": "data", "grade": 7, "start": 2017},
    {"name": "Cem", "dept": "ops", "grade": 5, "start": 2021},
    {"name": "Dev", "dept": "web", "grade": 7, "start": 2019},
    {"name": "Eli", "dept": "data", "grade": 6, "start": 2020},
]
print([p["name"] for p in sorted(staff, key=itemgetter("dept", "name"))])
print([p["name"] for p in sorted(staff, key=lambda p: (-p["grade"], p["start"]))])
print([p["name"] for p in sorted(staff, key=lambda p: p["name"].lower())])
print([p["name"] for p in sorted(staff, key=itemgetter("start"), reverse=True)])
by_grade = sorted(staff, key=itemgetter("grade"))
by_dept_then_grade = sorted(by_grade, key=itemgetter("dept"))
print([(p["dept"], p["grade"], p["name"]) for p in by_dept_then_grade])


class Task:
    def __init__(self, title, due, done=False):
        self.title, self.due, self.done = title, due, done

    def __repr__(self):
        return f"Task({self.title!r}, due={self.due})"


tasks = [Task("write", 3), Task("review", 1, True), Task("ship", 3), Task("plan", 0)]
print(sorted(tasks, key=attrgetter("due", "title")))
print(sorted(tasks, key=lambda t: (t.done, -t.due)))
words = "the Apple banana cherry apple Banana date".split()
print(sorted(words), sorted(words, key=str.lower), sorted(words, key=len, reverse=True))
print(sorted(set(w.lower() for w in words)), min(words, key=len), max(words, key=lambda w: (len(w), w)))
nums = [5, -3, 2, -8, 7, 0]
nums.sort(key=abs)
print(nums, sorted(nums, reverse=True), sorted([(1, "b"), (1, "a"), (0, "z")]))
