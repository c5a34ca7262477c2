"""Classes nested in class bodies: the enclosing class compiles (its methods are
compiled), the nested class runs interpreted in its namespace with the qualified
names CPython gives it, and both work together (pickling by qualified name, methods
of the outer class creating inner instances)."""

import pickle
from typing import List


class Outer:
    LIMIT = 3

    class Inner:
        def __init__(self, v: int) -> None:
            self.v = v

        def double(self) -> int:
            return self.v * 2

        class Deep:
            @staticmethod
            def tag() -> str:
                return "deep"

    def __init__(self) -> None:
        self.items: List["Outer.Inner"] = []

    def fill(self) -> int:
        for i in range(Outer.LIMIT):
            self.items.append(Outer.Inner(i))
        return sum([x.double() for x in self.items])


def test_nested() -> None:
    o = Outer()
    print(o.fill(), len(o.items))
    print(Outer.Inner.__qualname__, Outer.Inner.double.__qualname__, Outer.Inner.Deep.__qualname__)
    print(Outer.Inner.Deep.tag(), Outer.Inner.Deep.tag.__qualname__, Outer.Inner.__module__ == __name__)
    i = pickle.loads(pickle.dumps(Outer.Inner(21)))
    print(type(i).__qualname__, i.double())
    print(repr(Outer.Inner).endswith("Outer.Inner'>"))
