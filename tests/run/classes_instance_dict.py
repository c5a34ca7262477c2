"""Attributes a class does not declare, set on its instances by code the compiler
cannot see (a library, mock, another module): native classes without `__slots__`
keep them in an instance `__dict__`, as ordinary instances do. The module reaches
them only through `builtins.setattr` and `operator.attrgetter("__dict__")`, which
stand for that other code (a module that named `vars()` or `__dict__` itself would
keep its classes ordinary)."""

import builtins
import copy
import functools
import gc
import operator
import pickle
import weakref
from typing import Any, Callable, Optional
from unittest import mock

dict_of: Callable[[Any], dict[str, Any]] = operator.attrgetter("__di" + "ct__")


class Point:
    """Fields that hold no containers: not a GC type."""

    def __init__(self, x: int, y: int) -> None:
        self.x = x
        self.y = y

    def norm1(self) -> int:
        return abs(self.x) + abs(self.y)

    def describe(self) -> str:
        return "norm " + str(self.norm1())


class Node:
    """A field that holds objects: a GC type, tracked once it holds one."""

    limit = 10

    def __init__(self, value: int, next: "Optional[Node]" = None) -> None:
        self.value = value
        self.next = next

    def over(self) -> bool:
        return self.value > self.limit

    def fire(self, event: str) -> str:
        return f"{self.value}:{event}"


class Leaf(Node):
    def fire(self, event: str) -> str:
        return "leaf " + super().fire(event)


class Packed(Node):
    __slots__ = ("weight",)

    def __init__(self, value: int, weight: float) -> None:
        super().__init__(value)
        self.weight = weight


class Bag:
    """No fields: only a bag of attributes that others set."""

    def size(self) -> int:
        return len(dict_of(self))


class Slotted:
    __slots__ = ("a",)

    def __init__(self, a: int) -> None:
        self.a = a


def test_set_get_delete() -> None:
    p = Point(1, -2)
    builtins.setattr(p, "label", "hello")
    print(getattr(p, "label"), hasattr(p, "label"), p.describe())
    builtins.setattr(p, "label", "again")
    print(getattr(p, "label"))
    builtins.delattr(p, "label")
    print(hasattr(p, "label"))
    try:
        builtins.delattr(p, "label")
    except AttributeError as e:
        print("AttributeError", e)
    try:
        getattr(p, "label")
    except AttributeError as e:
        print("AttributeError", e)


def test_dict_view() -> None:
    p = Point(3, 4)
    builtins.setattr(p, "tag", [1, 2])
    d = dict_of(p)
    print(list(d.items()))
    p.x = 30
    print(list(dict_of(p).items()), dict_of(p) is d)
    builtins.delattr(p, "y")
    print(list(dict_of(p).items()))
    p.y = 40
    print(list(dict_of(p).items()), "tag" in dir(p))
    fresh = Node(5)
    print(list(dict_of(fresh).items()))


def test_assign_dict() -> None:
    p = Point(1, 1)
    builtins.setattr(p, "__dict__", {"x": 5, "y": 6, "z": 7})
    print(p.x, p.y, getattr(p, "z"), p.norm1(), sorted(dict_of(p)))
    builtins.setattr(p, "__dict__", {"x": 8})
    print(p.x, hasattr(p, "y"), hasattr(p, "z"))
    try:
        builtins.setattr(p, "__dict__", 5)
    except TypeError as e:
        print("TypeError", e)
    # Taken away and put back: the saved dict keeps what it had.
    q = Point(1, 2)
    builtins.setattr(q, "extra", "e")
    saved = dict_of(q)
    builtins.setattr(q, "__dict__", {})
    print(sorted(saved.items()), hasattr(q, "x"))
    builtins.setattr(q, "__dict__", saved)
    print(q.describe(), sorted(dict_of(q).items()))
    builtins.setattr(p, "extra", 1)
    builtins.delattr(p, "__dict__")
    print(hasattr(p, "x"), hasattr(p, "extra"), list(dict_of(p).items()))
    p.x, p.y = 2, 3
    print(p.norm1(), list(dict_of(p).items()))


def test_mock_hides_a_method() -> None:
    p = Point(1, -2)
    with mock.patch.object(p, "norm1", return_value=99) as m:
        print(p.describe(), m.call_count)
    print(p.describe())
    builtins.setattr(p, "describe", lambda: "mine")
    print(p.describe())
    builtins.delattr(p, "describe")
    print(p.describe())
    leaf = Leaf(3)
    with mock.patch.object(leaf, "fire", side_effect=lambda e: "mocked " + e):
        print(leaf.fire("go"))
    print(leaf.fire("go"))


def test_instance_attribute_hides_class_attribute() -> None:
    n = Node(7)
    print(n.over())
    builtins.setattr(n, "limit", 5)
    print(n.over(), n.limit, Node.limit)
    builtins.delattr(n, "limit")
    print(n.over())


def add_triggers(model: Any, events: list[str]) -> None:
    """What a state-machine library does to the models it is given."""
    for e in events:
        builtins.setattr(model, "on_" + e, functools.partial(model.fire, e))


def test_library_attaches_methods() -> None:
    for model in (Node(1), Leaf(2)):
        add_triggers(model, ["start", "stop"])
        print(getattr(model, "on_start")(), getattr(model, "on_stop")())


def test_pickle_and_copy() -> None:
    p = Point(2, 3)
    builtins.setattr(p, "label", "pickled")
    for q in (pickle.loads(pickle.dumps(p)), copy.copy(p), copy.deepcopy(p)):
        print(type(q).__name__, q.x, q.y, getattr(q, "label"), list(dict_of(q).items()))
    n = Node(1)
    n.next = Node(2)
    builtins.setattr(n, "extra", {"k": n})
    m = copy.deepcopy(n)
    print(m.value, m.next.value if m.next else None, getattr(m, "extra")["k"] is m)
    state = n.__getstate__()
    print(sorted(state) if isinstance(state, dict) else state)


def test_cycles_through_the_dict_are_collected() -> None:
    seen: list[str] = []

    class Sub(Point):
        pass

    def noting(name: str) -> Callable[[object], None]:
        return lambda _: seen.append(name)

    # (Tracked by the cycle collector: a field holds an object, or a Python
    # subclass's instance. See differences.md for the others.)
    makers: list[Callable[[], object]] = [lambda: Node(1, Node(0)), lambda: Sub(3, 4), Bag]
    for make in makers:
        obj = make()
        builtins.setattr(obj, "me", obj)
        w = weakref.ref(obj, noting(type(obj).__name__))
        del obj
        gc.collect()
        print(w() is None)
    print(seen)


def test_slots() -> None:
    s = Slotted(1)
    try:
        builtins.setattr(s, "b", 2)
    except AttributeError as e:
        print("AttributeError", e)
    try:
        dict_of(s)
    except AttributeError as e:
        print("AttributeError", e)
    # A class with __slots__ under one without keeps its base's __dict__.
    k = Packed(1, 2.5)
    builtins.setattr(k, "note", "kept")
    print(getattr(k, "note"), k.weight, list(dict_of(k).items()))


class Lazy:
    def __init__(self, n: int) -> None:
        self.n = n
        self.calls = 0

    @functools.cached_property
    def square(self) -> int:
        self.calls += 1
        return self.n * self.n


def test_cached_property() -> None:
    z = Lazy(4)
    print(z.square, z.square, z.calls)
    builtins.delattr(z, "square")
    print(z.square, z.calls)


def test_values_left_in_the_dict_for_unset_fields() -> None:
    # What pickle does to restore an ordinary instance's state (its module run
    # interpreted): __new__, then the state into the instance __dict__.
    p = Point.__new__(Point)
    dict_of(p).update({"x": 4, "y": -5, "note": "n"})
    print(p.x, p.norm1(), getattr(p, "note"), list(dict_of(p).items()))
    q = Point.__new__(Point)
    dict_of(q)["x"] = 7
    builtins.delattr(q, "x")
    print(hasattr(q, "x"), list(dict_of(q).items()))
    n = Node.__new__(Node)
    dict_of(n).update({"value": 3, "next": None})
    print(n.value, n.next, n.over(), n.fire("e"))


def test_attribute_bag() -> None:
    b = Bag()
    print(gc.is_tracked(b), b.size())
    builtins.setattr(b, "fire", lambda e: "fired " + e)
    add_triggers(b, ["go"])
    print(getattr(b, "on_go")(), b.size(), sorted(dict_of(b)))
