"""A native class without fields used as one base among others (a mixin), by class
statements the interpreter runs and by type(): it must let the other bases' __new__
through, as a plain class does (email.headerregistry mixes classes into str
subclasses this way; xml.dom.minidom's DocumentType mixes one with a slotted class)."""

import copy
import pickle
from typing import Any


class Mixin:
    max_count = 1

    @classmethod
    def parse(cls, value: str) -> str:
        return value.upper()

    def shout(self) -> str:
        return f"{self}!"


class Node:
    kind = "node"

    def describe(self) -> str:
        return f"a {self.kind}"


class Upper(str):
    def __new__(cls, value: str) -> "Upper":
        return str.__new__(cls, cls.parse(value))  # type: ignore[attr-defined]


class Point:
    def __init__(self, x: int) -> None:
        self.x = x


def combine(value: str) -> Any:
    # (Through exec: a type() call the module makes with these bases would keep them
    # ordinary, see classes_made_by_type.py.)
    ns: dict[str, Any] = {"Mixin": Mixin, "Upper": Upper}
    exec("cls = type('Combined', (Mixin, Upper), {})", ns)
    return ns["cls"](value)


def test_mixed_into_a_str_subclass_by_type() -> None:
    r = combine("abc")
    print(type(r).__name__, r, r.shout(), r.max_count, isinstance(r, str))


def test_mixed_by_an_interpreted_class_statement() -> None:
    ns: dict[str, object] = {"Mixin": Mixin, "Upper": Upper, "Node": Node}
    exec(
        "class Header(Mixin, Upper):\n"
        "    pass\n"
        "class Identified:\n"
        "    __slots__ = ('public_id',)\n"
        "class DocumentType(Identified, Node):\n"
        "    pass\n"
        "d = DocumentType()\n"
        "d.public_id = 'p'\n",
        ns,
    )
    h = ns["Header"]("x-y")  # type: ignore[operator]
    print(type(h).__name__, h, h.shout())
    doc_type: Any = ns["DocumentType"]
    d: Any = ns["d"]
    c = copy.deepcopy(d)
    print(type(c).__name__, c.public_id, c.describe(), copy.copy(d).public_id)
    print(doc_type.__new__ is object.__new__)


def test_new_is_object_new() -> None:
    print(Mixin.__new__ is object.__new__, Node.__new__ is object.__new__)
    for cls in (Mixin, Node):
        try:
            cls(1)  # type: ignore[call-arg]
        except TypeError as e:
            print("TypeError", e)
    print(type(Mixin()).__name__, Node().describe())


def test_classes_with_fields_unchanged() -> None:
    p = Point(3)
    q = copy.deepcopy(p)
    r = pickle.loads(pickle.dumps(p))
    print(p.x, q.x, r.x)
    try:
        Point.__new__(Point).x
    except AttributeError as e:
        print("AttributeError", e)
