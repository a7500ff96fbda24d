from dataclasses import dataclass, field
import statistics
import sys


@dataclass
class Student:
    name: str
    marks: list = field(default_factory=list)

    @property
    def average(self):
        return statistics.mean(self.marks) if self.marks else 0

    @property
    def grade(self):
        avg = self.average
        for cutoff, letter in ((70, "A"), (60, "B"), (50, "C"), (40, "D")):
            if avg >= cutoff:
                return letter
        return "F"


students = {}
for line in sys.stdin:
    name, *marks = line.split()
    student = students.setdefault(name, Student(name))
    student.marks.extend(int(m) for m in marks)
ranked = sorted(students.values(), key=lambda s: (-s.average, s.name))
for pos, s in enumerate(ranked, 1):
    print(f"{pos}. {s.name:<8} {len(s.marks)} marks  avg {s.average:6.2f}  grade {s.grade}")
all_marks = [m for s in students.values() for m in s.marks]
print("class median", statistics.median(all_marks), "mode", statistics.mode(all_marks))
by_grade = {}
for s in ranked:
    by_grade.setdefault(s.grade, []).append(s.name)
print(dict(sorted(by_grade.items())))
print(ranked[0], Student("x") == Student("x"), Student("y", [1]) == Student("y", [2]))
