"""Native instances of classes with a field that always holds a container once set
(a list, a dict, an instance of a native class with object fields) are tracked by
the collector from their allocation, and stores into their fields skip the
tracking test: cycles through them are still collected however the instance was
made (a constructor call, a reused freed instance, __new__, a Python subclass
whose __init__ skips the base's) and however the field was set (compiled code,
setattr from Python, a field of the base class)."""

import gc
import weakref
from typing import Callable, Optional


class Bag:
    def __init__(self, name: str) -> None:
        self.name = name
        self.items: list[object] = []
        self.peer: Optional[object] = None


class Owner:
    def __init__(self, bag: Bag) -> None:
        self.bag = bag  # a Bag: a GC type, always tracked when set
        self.note: Optional[object] = None


class Leaf:
    def __init__(self) -> None:
        self.left: Optional[Leaf] = None  # may stay None: tracked when it holds one


class LazyBag(Bag):
    def __init__(self) -> None:  # never sets items
        self.name = "lazy"


def cycle_through_items() -> "weakref.ref[Bag]":
    b = Bag("b")
    b.items.append(b)
    return weakref.ref(b)


def cycle_through_peer(b: Bag, other: object) -> None:
    b.peer = other


def collected(r: Callable[[], object]) -> bool:
    gc.collect()
    return r() is None


def test_cycles_through_a_list_field() -> None:
    r = cycle_through_items()
    print(collected(r))


def test_cycles_through_other_fields() -> None:
    a = Bag("a")
    b = Bag("b")
    cycle_through_peer(a, b)
    cycle_through_peer(b, a)
    ra, rb = weakref.ref(a), weakref.ref(b)
    del a, b
    print(collected(ra), collected(rb))
    o = Owner(Bag("x"))
    o.note = o
    ro = weakref.ref(o)
    del o
    print(collected(ro))


def test_reused_instances() -> None:
    for _ in range(50):
        Bag("tmp")  # freed at once: the next ones may reuse them
    refs = []
    for i in range(20):
        b = Bag(str(i))
        b.peer = b
        refs.append(weakref.ref(b))
        del b
    gc.collect()
    print(sum(1 for r in refs if r() is None))


def test_made_by_new_and_by_subclasses() -> None:
    b = Bag.__new__(Bag)
    b.peer = b  # the descriptor's store
    rb = weakref.ref(b)
    del b
    print(collected(rb))
    lz = LazyBag()
    lz.peer = lz
    rl = weakref.ref(lz)
    del lz
    print(collected(rl))

    class Sub(Bag):
        def __init__(self) -> None:
            pass

    s = Sub()
    cycle_through_peer(s, s)
    rs = weakref.ref(s)
    del s
    print(collected(rs))


def test_setattr_from_python() -> None:
    b = Bag("s")
    setattr(b, "peer", [b])
    rb = weakref.ref(b)
    del b
    print(collected(rb))


def test_leaves_still_collected() -> None:
    x = Leaf()
    y = Leaf()
    x.left = y
    y.left = x
    rx = weakref.ref(x)
    del x, y
    print(collected(rx))
    print(gc.is_tracked(Leaf()) in (True, False))
