"""`object.__new__(cls)` and `super().__new__(cls)` from compiled methods: an instance
whose attributes are all unset, without running `__init__`, for a class, its
subclasses (compiled, made by `type()`, with a `__new__` of their own in between)
and an abstract class (TypeError), while builtin types keep the interpreter's
"not safe" error. Native classes refused them before (the interpreter's safety
check is built for builtin types)."""

from abc import ABC, abstractmethod
from typing import Any


class Point:
    def __init__(self, x: int, y: float, label: str, on: bool) -> None:
        self.x = x
        self.y = y
        self.label = label
        self.on = on

    @classmethod
    def blank(cls) -> "Point":
        return object.__new__(cls)

    @classmethod
    def origin(cls) -> "Point":
        p = super().__new__(cls)
        p.x = 0
        p.y = 0.0
        p.label = "origin"
        p.on = True
        return p

    def show(self) -> str:
        return f"{type(self).__name__}({self.x}, {self.y}, {self.label!r}, {self.on})"


class Point3(Point):
    def __init__(self, x: int, y: float, z: float) -> None:
        super().__init__(x, y, "3d", True)
        self.z = z

    @classmethod
    def lifted(cls, z: float) -> "Point3":
        p = super().__new__(cls)
        p.x, p.y, p.label, p.on, p.z = 1, 2.0, "lifted", False, z
        return p


class WithNew(Point):
    def __new__(cls, *args: Any) -> "WithNew":
        inst = super().__new__(cls)
        inst.label = "from __new__"
        return inst


class Leaf(WithNew):
    pass


class Shape(ABC):
    @abstractmethod
    def area(self) -> float: ...

    @classmethod
    def bare(cls) -> "Shape":
        return object.__new__(cls)


def unset(obj: object, names: list[str]) -> list[str]:
    return [n for n in names if not hasattr(obj, n)]


FIELDS = ["x", "y", "label", "on", "z"]


def test_object_new_leaves_every_field_unset() -> None:
    p = Point.blank()
    print(type(p).__name__, unset(p, FIELDS))
    try:
        print(p.x)
    except AttributeError as e:
        print("AttributeError", e)
    p.x, p.y, p.label, p.on = 3, 4.5, "set", False
    print(p.show())


def test_super_new_in_a_classmethod() -> None:
    print(Point.origin().show(), Point3.lifted(9.5).show(), Point3.lifted(1.0).z)
    q = Point3.blank()
    print(type(q).__name__, unset(q, FIELDS))


def test_the_base_new_of_a_subclass_with_more_fields() -> None:
    r = Point.__new__(Point3)
    print(type(r).__name__, unset(r, FIELDS))


def test_a_class_made_by_type() -> None:
    Dyn: Any = type("Dyn", (Point3,), {"extra": 1})
    d = Dyn.blank()
    print(type(d).__name__, unset(d, FIELDS), d.extra)
    d.z = 2.5
    print(d.z, isinstance(d, Point3))


def test_a_python_level_new_in_between() -> None:
    w = WithNew(1, 2.0, "ignored", True)
    print(w.show(), unset(Leaf.blank(), FIELDS), Leaf.blank().__class__.__name__)


def test_abstract_classes_and_builtins_keep_their_errors() -> None:
    try:
        Shape.bare()
        print("made")
    except TypeError as e:
        print("TypeError", e)
    for t in (dict, int, Exception):
        try:
            object.__new__(t)
            print("made", t.__name__)
        except TypeError as e:
            print("TypeError", e)
    print(type(object.__new__(object)).__name__)
