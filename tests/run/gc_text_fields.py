"""A str or bytes field can hold an instance of a subclass, and such an instance
can have a __dict__ that refers back to the object holding it. In a native class
that is a GC type for another field's sake, a cycle through that __dict__ is
collected, whether the field is set by compiled code, by setattr from Python, or
before the owner holds any container; a plain str never makes the owner tracked."""

import gc
import weakref
from typing import Optional


class Tag(str):
    def attach(self, owner: object) -> None:
        self.owner = owner


class Blob(bytes):
    def attach(self, owner: object) -> None:
        self.owner = owner


class Named:
    def __init__(self, name: str) -> None:
        self.name: str = name
        self.items: list[int] = []  # always a container: tracked from the start


class Leaf:
    def __init__(self, name: str, data: bytes) -> None:
        self.name: str = name
        self.data: bytes = data
        self.child: Optional["Leaf"] = None  # tracked only once it holds a Leaf


def collected(w: "weakref.ref[object]") -> bool:
    gc.collect()
    return w() is None


def test_str_subclass_in_a_tracked_owner() -> None:
    a = Named("x")
    t = Tag("t")
    t.attach(a)
    a.name = t
    w = weakref.ref(a)
    del a, t
    print("collected:", collected(w))


def test_str_subclass_makes_an_untracked_owner_tracked() -> None:
    a = Leaf("x", b"")
    t = Tag("t")
    t.attach(a)
    a.name = t
    w = weakref.ref(a)
    del a, t
    print("collected:", collected(w))


def test_bytes_subclass() -> None:
    a = Leaf("x", b"")
    b = Blob(b"payload")
    b.attach(a)
    a.data = b
    w = weakref.ref(a)
    del a, b
    print("collected:", collected(w))


def test_set_from_python() -> None:
    a = Leaf("x", b"")
    t = Tag("t")
    t.attach(a)
    setattr(a, "name", t)
    w = weakref.ref(a)
    del a, t
    print("collected:", collected(w))


def test_given_to_the_constructor() -> None:
    t = Tag("t")
    a = Leaf(t, b"")
    t.attach(a)
    w = weakref.ref(a)
    del a, t
    print("collected:", collected(w))


def test_plain_values_still_work() -> None:
    a = Leaf("x", b"y")
    a.name = "z" * 3
    a.data = bytes(2)
    print(a.name, a.data, isinstance(a.name, str))
