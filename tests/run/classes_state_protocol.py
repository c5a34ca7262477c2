"""The state protocol of instances as libraries see it: an ordinary instance has no
__setstate__, so a serializer that restores objects itself (jsonpickle does) sets
each item of __getstate__() as an attribute, and keeps track of the references it
resolves later; pickle and copy restore the same state, cycles included."""

import copy
import pickle
from dataclasses import dataclass
from typing import Any, Callable, Optional


class Node:
    def __init__(self, name: str) -> None:
        self.name = name
        self.children: list["Node"] = []
        self.parent: Optional["Node"] = None
        self.weight = 1.5

    def add(self, child: "Node") -> "Node":
        self.children.append(child)
        child.parent = self
        return child


class Renamed:
    """Only __getstate__: the interpreter restores what it returns as attributes."""

    def __init__(self, v: int) -> None:
        self.v = v
        self.note = "made"

    def __getstate__(self) -> dict[str, object]:
        return {"v": self.v * 10, "note": "restored"}


@dataclass(frozen=True)
class Frozen:
    x: int
    tag: str = "t"


class Own:
    def __init__(self, v: int) -> None:
        self.v = v

    def __getstate__(self) -> dict[str, int]:
        return {"v": self.v}

    def __setstate__(self, st: dict[str, int]) -> None:
        self.v = st["v"] + 1


class OwnChild(Own):
    pass


_UNSET = object()


def restore_like_a_library(obj: object) -> object:
    """What a serializer that rebuilds objects itself does with the state."""
    cls = type(obj)
    fresh = cls.__new__(cls)
    state = obj.__getstate__()
    setstate = getattr(fresh, "__setstate__", _UNSET)
    if setstate is not _UNSET:
        setstate(state)  # type: ignore[operator]
        return fresh
    assert isinstance(state, dict)
    set_each(fresh, state)
    return fresh


# (The library's loop runs interpreted: a computed setattr in this module would make
# its classes ordinary ones.)
_library: dict[str, Callable[[object, dict[str, object]], None]] = {}
exec("def set_each(obj, state):\n    for k, v in state.items():\n        setattr(obj, k, v)\n", _library)
set_each = _library["set_each"]


def tree() -> Node:
    root = Node("root")
    a = root.add(Node("a"))
    a.add(Node("a1"))
    root.add(Node("b"))
    return root


def describe(n: Node, depth: int = 0) -> str:
    up = n.parent.name if n.parent is not None else "-"
    parts = [f"{'  ' * depth}{n.name} (parent {up}, weight {n.weight})"]
    for c in n.children:
        parts.append(describe(c, depth + 1))
    return "\n".join(parts)


def test_ordinary_instances_have_no_setstate() -> None:
    n = Node("x")
    print(hasattr(n, "__setstate__"), hasattr(Renamed(1), "__setstate__"))
    print(getattr(n, "__setstate__", "absent"))
    print(hasattr(Own(1), "__setstate__"), hasattr(OwnChild(1), "__setstate__"))
    state = n.__getstate__()
    assert isinstance(state, dict)
    print(sorted(state))


def test_a_library_restores_through_setattr() -> None:
    n = restore_like_a_library(Node("solo"))
    assert isinstance(n, Node)
    print(n.name, n.children, n.parent, n.weight)
    r = restore_like_a_library(Renamed(4))
    assert isinstance(r, Renamed)
    print(r.v, r.note)
    o = restore_like_a_library(Own(7))
    assert isinstance(o, Own)
    print(o.v)


def test_pickle_and_copy_keep_cycles() -> None:
    root = tree()
    for proto in range(pickle.HIGHEST_PROTOCOL + 1):
        back = pickle.loads(pickle.dumps(root, proto))
        a = back.children[0]
        print(proto, a.parent is back, a.children[0].parent is a, back.children[1].name)
    deep = copy.deepcopy(root)
    print(describe(deep))
    print(deep.children[0].parent is deep, deep.children[0] is not root.children[0])
    shallow = copy.copy(root)
    print(shallow.children is root.children, shallow.name, shallow.parent)


def test_only_getstate_is_restored_as_attributes() -> None:
    for proto in (0, 2, pickle.HIGHEST_PROTOCOL):
        r = pickle.loads(pickle.dumps(Renamed(3), proto))
        print(proto, r.v, r.note)
    c = copy.copy(Renamed(5))
    print(c.v, c.note)


def test_frozen_dataclass_round_trips() -> None:
    f = Frozen(3, "q")
    print(pickle.loads(pickle.dumps(f)), copy.copy(f), copy.deepcopy(f) == f)


def test_own_setstate_wins() -> None:
    print(pickle.loads(pickle.dumps(Own(1))).v, copy.copy(OwnChild(5)).v)


class Forwarding:
    """Answers every unknown attribute (a proxy): pickle and copy look the special
    methods up on the class, so its __getattr__ is never asked for them."""

    def __init__(self, target: list[int]) -> None:
        self.target = target

    def __getattr__(self, name: str) -> Any:
        return lambda *args: (name, args)

    def __getstate__(self) -> dict[str, Any]:
        return {"target": self.target}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.target = state["target"]


def test_special_methods_are_looked_up_on_the_class() -> None:
    f = Forwarding([3, 1])
    print(f.anything(1))
    for proto in (0, 2, pickle.HIGHEST_PROTOCOL):
        print(proto, pickle.loads(pickle.dumps(f, proto)).target)
    print(copy.copy(f).target)


class Strict:
    """A __getattr__ that raises KeyError for what it does not know: pickling never
    asks it (whether __setstate__ exists is a question for the class)."""

    def __init__(self) -> None:
        self.data: dict[str, int] = {"a": 1}
        self.asked: list[str] = []

    def __getattr__(self, name: str) -> int:
        self.asked.append(name)
        return self.data[name]


def test_pickling_does_not_ask_getattr() -> None:
    s = Strict()
    # (Protocols 0 and 1 ask getattr(obj, "__slots__"), in the interpreter too.)
    for proto in (2, pickle.HIGHEST_PROTOCOL):
        blob = pickle.dumps(s, proto)
        print(proto, len(blob) > 0, s.asked)
    print(s.a, s.asked)
