from dataclasses import dataclass, field
from enum import Enum


class Level(Enum):
    JUNIOR = 1
    MID = 2
    SENIOR = 3


@dataclass(order=True)
class Applicant:
    score: float
    name: str = field(compare=False)
    level: Level = field(default=Level.JUNIOR, compare=False)


pool = [Applicant(71.5, "Ann", Level.MID), Applicant(88.0, "Raj", Level.SENIOR), Applicant(64.25, "Lee")]
print(sorted(pool), max(pool).name, [a.level.name for a in pool], Level(2), Level.SENIOR.value)
