"""A class declares attributes that its subclasses provide as class attributes
(`code: int` in the base, `code = 901` in a subclass): the base's methods read
`self.code`, and the interpreter finds the subclass's value. Here the subclasses
are made where the compiler cannot see them (as another module or interpreted
code would make them), so the base stays a native class; its compiled reads of
an unset field must still find what hides it: a plain class attribute, or a value
set on the instance from outside (which lands in the subclass instance's
__dict__), and for a field the module never stores itself (`message`), also a
subclass's property. What no subclass provides is still an AttributeError."""

from typing import Any, Optional


class Rule:
    code: int
    message: str
    weight: float
    strict: bool
    parent: Optional["Rule"]

    def describe(self) -> str:
        return f"{self.code}: {self.message} ({self.weight}, {self.strict}, {self.parent})"

    def scaled(self, k: int) -> int:
        return self.code * k + 1

    def heavier(self, w: float) -> bool:
        return self.weight > w

    def set_code(self, c: int) -> None:
        self.code = c

    def headline(self) -> str:
        return f"{self.code}: {self.message}"


SUBCLASSES = """
class Child(Rule):
    code = 901
    message = "too deep"
    weight = 0.5
    strict = True
    parent = None

class Big(Rule):
    code = 10**30
    message = "big"

class Flagged(Rule):
    code = True
    weight = 2

class Nested(Child):
    message = "nested"

class Computed(Rule):
    code = 3

    @property
    def message(self):
        return "computed " + str(self.code)
"""


def subclasses() -> dict[str, Any]:
    ns: dict[str, Any] = {"Rule": Rule}
    exec(SUBCLASSES, ns)
    return ns


def main() -> None:
    ns = subclasses()
    child = ns["Child"]()
    print(child.describe(), child.scaled(2), child.heavier(0.25))
    nested = ns["Nested"]()
    print(nested.describe())
    print(ns["Big"]().scaled(3))
    print(ns["Computed"]().headline(), child.headline(), nested.headline())
    flagged = ns["Flagged"]()
    print(flagged.scaled(5), flagged.heavier(1.5))
    # A value set from outside goes to the instance's __dict__ (the class attribute
    # is not a data descriptor) and wins over the class attribute.
    child.code = 7
    print(child.scaled(2), ns["Child"]().scaled(2))
    # The base's own store sets the field, which compiled reads see from then on.
    other = ns["Child"]()
    other.set_code(40)
    print(other.scaled(1))
    try:
        Rule().describe()
    except AttributeError as e:
        print("AttributeError:", e)
    try:
        ns["Big"]().describe()
    except AttributeError as e:
        print("AttributeError:", e)
    # Many reads, so a reference counted wrongly would show.
    total = 0
    for i in range(2000):
        total += child.scaled(i % 3) + ns["Big"]().scaled(0)
    print(total)


main()
