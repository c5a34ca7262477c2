"""Classes combined at run time by `type(name, bases, namespace)` (email's header
registry mixes each header class with a str subclass this way). Bases written out in
the call are treated as those of a class statement; bases computed at run time may
combine any class of the module, so all of them keep the interpreter's layout."""

from typing import Any


class DateHeader:
    max_count = None

    @classmethod
    def parse(cls, value: str) -> str:
        return value.strip()

    def init(self, stamp: int) -> None:
        self._stamp = stamp

    def stamp(self) -> int:
        return self._stamp


class Counted:
    def __init__(self, *args: object) -> None:
        self.count = len(args)


class BaseHeader(str):
    def __new__(cls, value: str) -> "BaseHeader":
        return str.__new__(cls, cls.parse(value))  # type: ignore[attr-defined]


class Registry:
    def __init__(self, base_class: type) -> None:
        self.base_class = base_class
        self.made: dict[str, type] = {}

    def __getitem__(self, cls: type) -> type:
        name = "_" + cls.__name__
        if name not in self.made:
            self.made[name] = type(name, (cls, self.base_class), {})
        return self.made[name]


def written_out() -> Any:
    return type("Both", (Counted, BaseHeader), {"parse": classmethod(lambda c, v: v * 2)})


def test_computed_bases() -> None:
    reg = Registry(BaseHeader)
    h: Any = reg[DateHeader](" Tue ")
    h.init(7)
    print(type(h).__name__, repr(h), h.stamp(), h.max_count, isinstance(h, str))
    print(reg[DateHeader] is type(h), [c.__name__ for c in type(h).__mro__])
    print(type(h).__module__, written_out().__module__)


SPEC = ("Spec", (Counted,), {"kind": "spec"})


def test_starred_arguments() -> None:
    made: Any = type(*SPEC)
    print(made.__name__, made().kind, made(1, 2).count)


def test_written_out_bases() -> None:
    b = written_out()("ab")
    print(type(b).__name__, b, b.count)
    b.count = 3
    print(b.count)
