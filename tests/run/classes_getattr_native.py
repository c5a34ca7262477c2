"""__getattr__ on native classes: consulted for attributes the class does not have and
for fields that are unset (deleted or never assigned), from compiled and interpreted
code, in the class itself and in Python subclasses."""

from typing import Any, List, Optional


class Lazy:
    def __init__(self, n: int) -> None:
        self.n = n
        self.calls = 0
        self.label: Optional[str] = None

    def __getattr__(self, name: str) -> Any:
        if name == "n":
            return -1
        if name == "double":
            return self.n * 2
        if name.startswith("x_"):
            return name[2:]
        raise AttributeError(name)

    def read_n(self) -> int:
        return self.n

    def plus(self, k: int) -> int:
        return self.n + k


class Plain:
    def __init__(self, a: int) -> None:
        self.a = a

    def __getattr__(self, name: str) -> Any:
        raise AttributeError("no " + name)

    def get_a(self) -> int:
        return self.a


def sum_n(xs: List[Lazy]) -> int:
    t = 0
    for x in xs:
        t += x.n
    return t


def test_missing_attributes() -> None:
    z = Lazy(4)
    print(z.double, getattr(z, "x_hello"), hasattr(z, "nope"))
    try:
        print(z.nope)
    except AttributeError as e:
        print("AttributeError", e)


def test_unset_field_asks_getattr() -> None:
    z = Lazy(4)
    print(z.read_n(), z.plus(1))
    del z.n
    print(z.read_n(), z.plus(1), z.n, sum_n([z, Lazy(10)]))
    z.n = 7
    print(z.read_n())


def test_python_subclass_getattr() -> None:
    class P(Plain):
        def __getattr__(self, name: str) -> Any:
            return 42

    p = P(1)
    del p.a
    print(p.a, p.get_a())
    q = Plain(3)
    del q.a
    try:
        q.get_a()
    except AttributeError as e:
        print("AttributeError", e)
