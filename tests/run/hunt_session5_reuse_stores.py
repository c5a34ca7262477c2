"""Adversarial tests for free lists of native instances (reuse of freed instances)
and for field stores that take over a dying value's reference."""

import copy
import gc
import pickle
import sys
import weakref
from typing import Any, List, Optional

BIG = 2**62
HUGE = 2**100


class Slots:
    """Fields of every representation, set only when asked."""

    def __init__(self, fill: bool, k: int) -> None:
        if fill:
            self.i = k
            self.f = k + 0.5
            self.b = k % 2 == 0
            self.o: Optional[List[int]] = [k]
            self.s = str(k)

    def read(self) -> str:
        out = []
        for name in ("i", "f", "b", "o", "s"):
            try:
                out.append(repr(getattr(self, name)))
            except AttributeError:
                out.append("-")
        return ",".join(out)

    def read_direct(self) -> str:
        parts = []
        try:
            parts.append(str(self.i))
        except AttributeError:
            parts.append("no-i")
        try:
            parts.append(str(self.f))
        except AttributeError:
            parts.append("no-f")
        try:
            parts.append(str(self.b))
        except AttributeError:
            parts.append("no-b")
        try:
            parts.append(str(self.o))
        except AttributeError:
            parts.append("no-o")
        return " ".join(parts)


class Node:
    def __init__(self, val: int, nxt: Optional["Node"] = None) -> None:
        self.val = val
        self.nxt = nxt
        self.data: object = None


class NodeSub(Node):
    def __init__(self, val: int) -> None:
        super().__init__(val)
        self.extra = val * 2


class Fragile:
    def __init__(self, v: int, fail: bool) -> None:
        self.v = v
        self.tag = "t" + str(v)
        if fail:
            raise ValueError("fail in __init__ after stores")
        self.done = True


class Final:
    log: List[str] = []

    def __init__(self, name: str) -> None:
        self.name = name

    def __del__(self) -> None:
        Final.log.append(self.name)


SAVED: List[Any] = []


class Phoenix:
    def __init__(self, v: int) -> None:
        self.v = v
        self.other: Optional[Any] = None

    def __del__(self) -> None:
        if self.v >= 0:
            SAVED.append(self)  # resurrected


def test_unset_fields_after_reuse() -> None:
    for fill_first in (True, False):
        a = [Slots(fill_first, k) for k in range(3000)]
        del a
        b = [Slots(not fill_first, k) for k in range(3000)]
        print(b[7].read(), "|", b[8].read_direct())
        del b


def test_deleted_fields_after_reuse() -> None:
    objs = [Slots(True, k) for k in range(2000)]
    for o in objs:
        del o.i
        del o.o
    print(objs[3].read())
    del objs
    fresh = [Slots(False, 1) for _ in range(2000)]
    print(fresh[0].read(), fresh[1999].read_direct())
    fresh[5].i = 2**70
    fresh[5].f = float("nan")
    print(fresh[5].read())


def test_failed_init_then_reuse() -> None:
    for k in range(500):
        try:
            Fragile(k, True)
        except ValueError:
            pass
    f = Fragile(7, False)
    print(f.v, f.tag, f.done)
    g = Fragile.__new__(Fragile)
    try:
        print(g.v)
    except AttributeError as e:
        print("AttributeError", e)


def test_weakrefs_to_dead_objects() -> None:
    fired: List[int] = []
    refs = []
    for k in range(1000):
        n = Node(k)
        def cb(r: Any, k: int = k) -> None:
            fired.append(k)

        refs.append(weakref.ref(n, cb))
    del n
    again = [Node(-k) for k in range(1000)]
    print(len(fired), sum(r() is not None for r in refs), sum(weakref.getweakrefcount(x) for x in again))
    w = weakref.ref(again[10])
    del again
    print(w() is None, len(fired))


def test_subclass_and_base_interleaved() -> None:
    for _ in range(3):
        mix: List[Node] = []
        for k in range(1000):
            mix.append(NodeSub(k) if k % 3 == 0 else Node(k))
        del mix
    later = [Node(k) for k in range(800)] + [NodeSub(k) for k in range(400)]
    sub = later[900]
    assert isinstance(sub, NodeSub)
    print(sum(type(x) is NodeSub for x in later), sub.extra, later[0].val)
    try:
        print(later[0].extra)  # type: ignore[attr-defined]
    except AttributeError as e:
        print("AttributeError", e)


def test_finalizers_and_resurrection() -> None:
    Final.log.clear()
    for k in range(50):
        Final(f"f{k}")
    print(len(Final.log), Final.log[:3])
    SAVED.clear()
    for k in range(20):
        p = Phoenix(k)
        p.other = Phoenix(-1)
    del p
    print(len(SAVED), [s.v for s in SAVED][:5], [s.other.v if s.other else None for s in SAVED][:2])
    first = SAVED[0]
    SAVED.clear()
    print(first.v, first.other.v if first.other else None)
    first.v = -5  # no second resurrection
    del first
    fresh = [Phoenix(-2) for _ in range(100)]
    print(len(SAVED), fresh[0].other)


def test_cycles_and_reuse_under_gc() -> None:
    old = gc.get_threshold()
    gc.set_threshold(1, 1, 1)
    try:
        ws = []
        for round_ in range(5):
            nodes = [Node(k) for k in range(300)]
            for a, b in zip(nodes, nodes[1:] + nodes[:1]):
                a.nxt = b
                a.data = [a, {"b": b}]
            ws.append(weakref.ref(nodes[0]))
            del nodes, a, b
            extra = [Node(k, Node(k + 1)) for k in range(300)]
            assert all(e.nxt is not None and e.nxt.val == e.val + 1 for e in extra)
            del extra
        gc.collect()
        print(sum(w() is not None for w in ws))
        print(sum(1 for o in gc.get_objects() if type(o) is Node))
    finally:
        gc.set_threshold(*old)


def test_copy_and_pickle_of_reused() -> None:
    junk = [Slots(True, k) for k in range(1000)]
    del junk
    s = Slots(False, 0)
    s.i = 3
    s.o = None
    c = copy.copy(s)
    d = copy.deepcopy(s)
    p = pickle.loads(pickle.dumps(s))
    print(c.read(), "|", d.read(), "|", p.read())
    n = Node(1, Node(2, Node(3)))
    n.data = n
    m = copy.deepcopy(n)
    print(m.data is m, m.nxt.val if m.nxt else None, pickle.loads(pickle.dumps(n)).data.val)


def test_long_chains_dealloc() -> None:
    head: Optional[Node] = None
    for k in range(200000):
        head = Node(k, head)
    assert head is not None
    print(head.val)
    head = None
    total = 0
    for r in range(3):
        h: Optional[Node] = None
        for k in range(50000):
            h = Node(k, h)
            h.data = (k,) if k % 1000 == 0 else None
        while h is not None and h.val > 49990:
            total += h.val
            h = h.nxt
        del h
    print(total)


def test_type_refcount_steady() -> None:
    def cycle() -> None:
        xs = [Node(k) for k in range(5000)]
        ys = [NodeSub(k) for k in range(100)]
        del xs, ys

    cycle()
    cycle()
    a = sys.getrefcount(Node), sys.getrefcount(NodeSub)
    for _ in range(5):
        cycle()
    b = sys.getrefcount(Node), sys.getrefcount(NodeSub)
    print(a == b)


# ---------------------------------------------------------------- field stores


class Holder:
    def __init__(self) -> None:
        self.f: Optional[Any] = None
        self.g: Optional[Any] = None
        self.n = 0
        self.s = ""
        self.x = 0.0
        self.child: Optional["Holder"] = None


class Loud:
    log: List[str] = []

    def __init__(self, name: str, owner: Optional[Holder] = None) -> None:
        self.name = name
        self.owner = owner

    def __del__(self) -> None:
        owner = self.owner
        if owner is not None:
            Loud.log.append(f"{self.name} sees f={getattr(owner.f, 'name', owner.f)}")
            if self.name == "rewriter":
                owner.f = "rewritten"
        else:
            Loud.log.append(self.name + " dead")


def make(k: int) -> List[int]:
    return [k, k + 1]


def test_store_fresh_values() -> None:
    h = Holder()
    for k in range(1000):
        h.f = make(k)
        h.g = make(k)[0:1]
        h.n = k * BIG
        h.x = k / 3
    print(h.f, h.g, h.n, round(h.x, 3))
    probe = [1]
    before = sys.getrefcount(probe)
    for _ in range(100):
        h.f = probe
        h.g = probe
        h.f = h.g
        h.g = h.f
    print(sys.getrefcount(probe) - before, h.f is h.g)
    h.f = h.g = None
    print(sys.getrefcount(probe) - before)


def test_store_same_object_two_fields() -> None:
    h = Holder()
    h.f = h.g = make(5)
    h.f.append(7)
    print(h.g, h.f is h.g)
    h.f = None
    print(h.g)
    h.g = None
    x = make(1)
    h.f = x
    h.g = x
    del x
    h.f = None
    print(h.g)


def test_store_self_into_own_field() -> None:
    h = Holder()
    w = weakref.ref(h)
    h.f = h
    h.child = h
    print(h.f is h, h.child is h)
    h.f = h.f
    h.child = h.child.child if h.child else None
    print(h.child is h)
    del h
    gc.collect()
    print(w() is None)


def test_read_then_overwrite_same_field() -> None:
    h = Holder()
    h.n = BIG - 3
    for _ in range(6):
        h.n = h.n + 1
    print(h.n, h.n - BIG)
    h.n = HUGE
    h.n = h.n - HUGE + 5
    print(h.n, h.n == 5)
    h.n = -BIG
    h.n = h.n - 1
    h.n = h.n + 1
    print(h.n)
    h.n = HUGE
    h.n += h.n
    h.n //= 3
    print(h.n)
    h.s = "ab"
    t = h.s
    for _ in range(3):
        h.s += "c"
        h.s = h.s + "d"
    print(t, h.s)
    h.s = "x" * 5
    u = h.s
    h.s += "y"
    print(u, h.s)
    h.x = 1.5
    h.x = h.x * h.x + h.x
    print(h.x)


def test_chain_where_old_value_owns_new() -> None:
    # h.child owns the value stored in its place: the old value must stay alive
    # until the new one is in the field.
    h = Holder()
    cur = h
    for k in range(10):
        nxt = Holder()
        nxt.n = k + BIG
        nxt.f = make(k)
        cur.child = nxt
        cur = nxt
    del cur, nxt
    vals = []
    while h.child is not None:
        vals.append(h.child.n - BIG)
        h.child = h.child.child  # the old child (holding the new one) dies here
        junk = [Holder() for _ in range(5)]  # reuse the freed memory
        del junk
    print(vals)
    a = Holder()
    a.child = Holder()
    a.child.child = Holder()
    a.child.child.f = make(9)
    a.child.child.n = HUGE
    a.child = a.child.child
    junk2 = [Holder() for _ in range(5)]
    print(a.child.f if a.child else None, a.child.n if a.child else None, len(junk2))
    a.f = Holder()
    a.f.g = make(3)
    a.f = a.f.g
    print(a.f)


def test_swap_and_or_default() -> None:
    h = Holder()
    h.f = make(1)
    h.g = make(2)
    h.f, h.g = h.g, h.f
    print(h.f, h.g)
    h.f = None
    h.f = h.f or make(3)
    h.g = h.g and make(4)
    print(h.f, h.g)
    h.n, h.s = h.n + HUGE, h.s + "q"
    h.n, h.x = h.n - HUGE, float(h.n - HUGE + 1)
    print(h.n, h.s, h.x)


def test_store_into_deeper_chains() -> None:
    a = Holder()
    a.child = Holder()
    a.child.child = Holder()
    assert a.child.child is not None
    a.child.child.f = make(1)
    a.child.child.n = BIG * 4
    a.child.child.n += 1
    a.child.child.f.append(a.child.child.n)
    print(a.child.child.f, a.child.child.n)
    c = a.child
    a.child = None
    print(c.child.n if c.child else None)


def test_old_value_finalizer_sees_new_value() -> None:
    Loud.log.clear()
    h = Holder()
    h.f = Loud("first", h)
    h.f = Loud("second", h)
    h.f = "plain"
    print(Loud.log)
    Loud.log.clear()
    h.f = Loud("rewriter", h)
    h.f = "after"
    print(Loud.log, h.f)
    h.g = Loud("g-only")
    h.g = h.g
    h.g = None
    print(Loud.log[-1])


def test_field_store_in_loops_with_reuse() -> None:
    root = Holder()
    for k in range(5000):
        tmp = Holder()
        tmp.n = k * BIG
        tmp.f = make(k)
        root.child = tmp
        del tmp
        if k % 2:
            root.child = root.child.child
    print(root.child.n // BIG if root.child else None)
