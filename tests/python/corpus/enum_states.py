from enum import Enum, IntEnum, Flag, auto


class Status(Enum):
    DRAFT = "draft"
    SUBMITTED = "submitted"
    APPROVED = "approved"
    REJECTED = "rejected"

    def can_move_to(self, other):
        allowed = {
            Status.DRAFT: {Status.SUBMITTED},
            Status.SUBMITTED: {Status.APPROVED, Status.REJECTED},
            Status.REJECTED: {Status.DRAFT},
        }
        return other in allowed.get(self, set())


class Priority(IntEnum):
    LOW = 1
    MEDIUM = 2
    HIGH = 3


class Perm(Flag):
    READ = auto()
    WRITE = auto()
    EXEC = auto()


print(Status.DRAFT, Status("approved").name, Status.SUBMITTED.value, [s.name for s in Status])
state = Status.DRAFT
for target in [Status.APPROVED, Status.SUBMITTED, Status.REJECTED, Status.DRAFT, Status.SUBMITTED, Status.APPROVED]:
    if state.can_move_to(target):
        print(f"{state.name} -> {target.name}")
        state = target
    else:
        print(f"{state.name} -/-> {target.name}")
print(Priority.HIGH > Priority.LOW, Priority.MEDIUM + 1, sorted([Priority.HIGH, Priority.LOW]) == [1, 3])
print(Priority(2).name, [p.value for p in Priority], Priority["LOW"].value, max(Priority).name)
rw = Perm.READ | Perm.WRITE
print(Perm.READ in rw, Perm.EXEC in rw, rw.value, (rw & Perm.WRITE).name, Perm.EXEC.value)
try:
    Status("archived")
except ValueError:
    print("no such status")
print(Status.DRAFT is Status("draft"), Status.DRAFT == "draft", len(Status), isinstance(Status.DRAFT, Status))
