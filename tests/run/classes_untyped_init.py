"""A class whose `__init__` has no annotation stores literals on some paths and
other values on others (dateutil's `relativedelta`: `self.days = 0` when built
from two dates, `days + weeks * 7` otherwise, a float when `days` is one). As for
mypy, the attributes of an unannotated `__init__` are of any type: the compiled
class must take whatever the interpreter takes. An annotated `__init__` still
gives its literal stores their types (stores of another type raise TypeError, a
documented difference), so only the unannotated kind is exercised here."""


class Delta:
    def __init__(self, start=None, end=None, days=0, weeks=0, label="delta"):
        if start is not None and end is not None:
            self.days = 0
            self.label = "span"
            self.scale = 1.0
            self.exact = True
        else:
            self.days = days + weeks * 7
            self.label = label
            self.scale = days / 2 if days else 1.0
            self.exact = days == int(days)

    def total_hours(self):
        return self.days * 24

    def describe(self):
        return f"{self.label}: {self.days} days, {self.total_hours()} hours, {self.scale}, {self.exact}"


class Counter:
    def __init__(self):
        self.n = 0

    def add(self, k):
        self.n += k
        return self.n


def main() -> None:
    print(Delta(1, 2).describe())
    print(Delta(days=3).describe())
    print(Delta(days=0.5, weeks=1).describe())
    print(Delta(days=1.25, label=None).describe())
    c = Counter()
    print(c.add(1), c.add(2.5), c.add(-0.5), c.n)


main()
