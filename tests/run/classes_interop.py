"""Compiled classes meeting the rest of Python: pickle, copy and deepcopy round
trips (with and without custom hooks), instances as dict keys and set members,
weak references and finalizers, __del__, classes defined inside functions."""

import copy
import gc
import pickle
import weakref


class Point:
    def __init__(self, x: int, y: int) -> None:
        self.x = x
        self.y = y

    def __repr__(self) -> str:
        return f"Point({self.x}, {self.y})"

    def __eq__(self, other: object) -> object:  # type: ignore[override]
        if not isinstance(other, Point):
            return NotImplemented
        return (self.x, self.y) == (other.x, other.y)

    def __hash__(self) -> int:
        return hash((self.x, self.y))


class Box:
    def __init__(self, items: list, label: str) -> None:
        self.items = items
        self.label = label
        self.meta: dict = {"n": len(items)}


class SlotPoint:
    __slots__ = ("x", "y", "__weakref__")

    def __init__(self, x: int, y: int) -> None:
        self.x = x
        self.y = y

    def __repr__(self) -> str:
        return f"SlotPoint({self.x}, {self.y})"


class NoWeak:
    __slots__ = ("v",)

    def __init__(self, v: int) -> None:
        self.v = v


class Stateful:
    def __init__(self, value: int) -> None:
        self.value = value
        self.cache: dict = {"computed": value * 2}

    def __getstate__(self) -> dict:
        state = self.__dict__.copy()
        del state["cache"]
        return state

    def __setstate__(self, state: dict) -> None:
        self.__dict__.update(state)
        self.cache = {"restored": True}


class Reduced:
    made: list = []

    def __init__(self, a: int, b: str) -> None:
        self.a = a
        self.b = b
        Reduced.made.append((a, b))

    def __reduce__(self) -> tuple:
        return (Reduced, (self.a, self.b + "!"))


class NewArgs:
    def __new__(cls, n: int) -> "NewArgs":
        obj = object.__new__(cls)
        obj.n = n  # type: ignore
        return obj

    def __getnewargs__(self) -> tuple:
        return (self.n,)  # type: ignore


class CustomCopy:
    def __init__(self, data: list) -> None:
        self.data = data
        self.copies = 0

    def __copy__(self) -> "CustomCopy":
        c = CustomCopy(self.data)
        c.copies = self.copies + 1
        return c

    def __deepcopy__(self, memo: dict) -> "CustomCopy":
        c = CustomCopy(copy.deepcopy(self.data, memo))
        c.copies = self.copies + 100
        return c


class Graph:
    def __init__(self, name: str) -> None:
        self.name = name
        self.edges: list = []

    def link(self, other: "Graph") -> None:
        self.edges.append(other)


class Tracked:
    deleted: list = []

    def __init__(self, name: str) -> None:
        self.name = name

    def __del__(self) -> None:
        Tracked.deleted.append(self.name)


class Key:
    """Hash and equality by a normalised name."""

    def __init__(self, name: str) -> None:
        self.name = name

    def __eq__(self, other: object) -> object:  # type: ignore[override]
        if isinstance(other, Key):
            return self.name.lower() == other.name.lower()
        return NotImplemented

    def __hash__(self) -> int:
        return hash(self.name.lower())

    def __repr__(self) -> str:
        return f"Key({self.name!r})"


class Identity:
    def __init__(self, tag: str) -> None:
        self.tag = tag


class Outer:
    class Inner:
        def __init__(self, v: int) -> None:
            self.v = v

        def get(self) -> int:
            return self.v

    def make(self, v: int) -> "Outer.Inner":
        return Outer.Inner(v)


def test_pickle_round_trip() -> None:
    for proto in range(pickle.HIGHEST_PROTOCOL + 1):
        p = pickle.loads(pickle.dumps(Point(1, -2), protocol=proto))
        assert p == Point(1, -2) and type(p) is Point
    b = pickle.loads(pickle.dumps(Box([1, [2, 3]], "bx")))
    print(p, type(p).__name__, b.items, b.label, b.meta)
    assert b.items == [1, [2, 3]] and b.meta == {"n": 2}


def test_pickle_slots() -> None:
    for proto in range(2, pickle.HIGHEST_PROTOCOL + 1):
        s = pickle.loads(pickle.dumps(SlotPoint(3, 4), protocol=proto))
        assert (s.x, s.y) == (3, 4)
    print(s)
    half = SlotPoint(1, 2)
    del half.y
    h = pickle.loads(pickle.dumps(half))
    print(h.x, hasattr(h, "y"))
    assert not hasattr(h, "y")


def test_pickle_getstate_setstate() -> None:
    s = Stateful(21)
    r = pickle.loads(pickle.dumps(s))
    print(r.value, r.cache, s.cache)
    assert r.value == 21 and r.cache == {"restored": True}


def test_pickle_reduce() -> None:
    Reduced.made.clear()
    r = pickle.loads(pickle.dumps(Reduced(1, "x")))
    print(r.a, r.b, Reduced.made)
    assert r.b == "x!" and Reduced.made == [(1, "x"), (1, "x!")]


def test_pickle_getnewargs() -> None:
    n = pickle.loads(pickle.dumps(NewArgs(5), protocol=2))
    print(n.n, type(n).__name__)  # type: ignore
    assert n.n == 5  # type: ignore


def test_pickle_class_by_reference() -> None:
    data = pickle.dumps(Point)
    print(pickle.loads(data) is Point, pickle.loads(pickle.dumps(Point.__repr__)) is Point.__repr__)
    assert pickle.loads(data) is Point
    print(pickle.loads(pickle.dumps(Outer.Inner)) is Outer.Inner, pickle.loads(pickle.dumps(Outer.Inner(4))).get())


def test_pickle_local_class_fails() -> None:
    class Local:
        pass

    try:
        pickle.dumps(Local())
    except (AttributeError, pickle.PicklingError) as e:
        print(type(e).__name__, str(e).startswith("Can't pickle local object"))


def test_pickle_shared_references() -> None:
    p = Point(1, 1)
    pair = pickle.loads(pickle.dumps([p, p, Box([p], "b")]))
    print(pair[0] is pair[1], pair[2].items[0] is pair[0])
    assert pair[0] is pair[1] and pair[2].items[0] is pair[0]


def test_shallow_copy() -> None:
    b = Box([1, [2]], "orig")
    c = copy.copy(b)
    c.label = "copy"
    c.items.append(3)
    print(b.label, c.label, b.items, c.items is b.items, type(c).__name__)
    assert b.label == "orig" and c.items is b.items and b.items == [1, [2], 3]


def test_deep_copy() -> None:
    b = Box([1, [2]], "orig")
    d = copy.deepcopy(b)
    d.items[1].append(9)
    print(b.items, d.items, d.meta == b.meta, d.meta is b.meta)
    assert b.items == [1, [2]] and d.items == [1, [2, 9]] and d.meta is not b.meta


def test_copy_slots() -> None:
    s = SlotPoint(5, 6)
    c = copy.copy(s)
    d = copy.deepcopy(s)
    c.x = 50
    print(s, c, d)
    assert s.x == 5 and c.x == 50 and d.y == 6


def test_custom_copy_hooks() -> None:
    c = CustomCopy([[1]])
    s = copy.copy(c)
    d = copy.deepcopy(c)
    print(s.copies, d.copies, s.data is c.data, d.data is c.data, d.data == c.data)
    assert s.copies == 1 and d.copies == 100 and s.data is c.data and d.data is not c.data


def test_deepcopy_cycle() -> None:
    a, b = Graph("a"), Graph("b")
    a.link(b)
    b.link(a)
    a.link(a)
    a2 = copy.deepcopy(a)
    b2 = a2.edges[0]
    print(a2.name, b2.name, b2.edges[0] is a2, a2.edges[1] is a2, a2 is a)
    assert b2.edges[0] is a2 and a2.edges[1] is a2 and a2 is not a


def test_copy_getstate() -> None:
    s = Stateful(3)
    c = copy.copy(s)
    print(c.value, c.cache)
    assert c.cache == {"restored": True}


def test_dict_keys_custom_hash() -> None:
    d = {Key("Alpha"): 1}
    d[Key("ALPHA")] = 2
    d[Key("beta")] = 3
    print(len(d), d[Key("alpha")], sorted(k.name for k in d), Key("BETA") in d)
    assert len(d) == 2 and d[Key("alpha")] == 2 and Key("BETA") in d
    s = {Key("x"), Key("X"), Key("y")}
    print(len(s))
    assert len(s) == 2
    try:
        d[Key("gamma")]
    except KeyError as e:
        print("KeyError", e)
        assert str(e) == "Key('gamma')"


def test_dict_keys_identity() -> None:
    a, b = Identity("a"), Identity("a")
    d = {a: 1, b: 2}
    print(len(d), d[a], d[b], a in d, Identity("a") in d)
    assert len(d) == 2 and d[a] == 1 and Identity("a") not in d
    counts: dict = {}
    for obj in [a, b, a, a]:
        counts[obj] = counts.get(obj, 0) + 1
    print(sorted(counts.values()))
    assert sorted(counts.values()) == [1, 3]


def test_point_keys_and_sets() -> None:
    grid = {Point(x, y): x * y for x in range(3) for y in range(3)}
    print(grid[Point(2, 2)], len(grid), Point(1, 2) in grid, Point(5, 5) in grid)
    assert grid[Point(2, 2)] == 4 and len(grid) == 9
    seen = set()
    for p in [Point(1, 1), Point(1, 1), Point(2, 1)]:
        seen.add(p)
    print(sorted(seen, key=lambda p: (p.x, p.y)))
    assert len(seen) == 2


def test_weakref_basic() -> None:
    p = Point(1, 2)
    r = weakref.ref(p)
    print(r() is p, r(), weakref.getweakrefcount(p))
    assert r() is p
    del p
    print(r())
    assert r() is None


def test_weakref_callback() -> None:
    log = []
    b = Box([], "w")
    r = weakref.ref(b, lambda ref: log.append("collected"))
    b = None  # type: ignore
    print(r(), log)
    assert r() is None and log == ["collected"]


def test_weakref_slots() -> None:
    s = SlotPoint(1, 1)
    r = weakref.ref(s)
    print(r() is s)
    try:
        weakref.ref(NoWeak(1))
    except TypeError as e:
        print(e)
        assert str(e) == "cannot create weak reference to 'NoWeak' object"


def test_weak_value_dictionary() -> None:
    cache: weakref.WeakValueDictionary = weakref.WeakValueDictionary()
    keep = Point(1, 1)
    cache["keep"] = keep
    cache["drop"] = Point(2, 2)
    gc.collect()
    print(sorted(cache.keys()), cache["keep"])
    assert sorted(cache.keys()) == ["keep"]
    # `keep` is used again here: compiled code releases a local after its last
    # use, not at function exit (oxyc bug, see the report).
    print(keep)


def test_weak_key_dictionary() -> None:
    wk: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()
    a, b = Identity("a"), Identity("b")
    wk[a] = 1
    wk[b] = 2
    del a
    print(len(wk), [k.tag for k in wk])
    assert len(wk) == 1
    print(b.tag)  # keeps b alive (see test_weak_value_dictionary)


def test_finalize_and_del() -> None:
    Tracked.deleted.clear()
    log: list = []
    t = Tracked("one")
    weakref.finalize(t, log.append, "finalized")
    t2 = Tracked("two")
    del t
    print(Tracked.deleted, log)
    assert Tracked.deleted == ["one"] and log == ["finalized"]
    # t2 is used after each check: compiled code would release it after its
    # last use (oxyc bug, see test_weak_value_dictionary).
    print(t2.name)
    t2 = Tracked("three")
    print(Tracked.deleted)
    assert Tracked.deleted == ["one", "two"]
    print(t2.name)
    del t2
    assert Tracked.deleted == ["one", "two", "three"]


def test_del_on_cycle_collected() -> None:
    Tracked.deleted.clear()
    a = Tracked("cyc")
    a.self_ref = a  # type: ignore
    del a
    gc.collect()
    print(Tracked.deleted)
    assert Tracked.deleted == ["cyc"]


def test_local_class() -> None:
    class Local:
        count = 0

        def __init__(self, v: int) -> None:
            self.v = v
            Local.count += 1

        def double(self) -> int:
            return self.v * 2

    xs = [Local(i) for i in range(3)]
    print([x.double() for x in xs], Local.count, Local.__qualname__, type(xs[0]).__name__)
    assert [x.double() for x in xs] == [0, 2, 4] and Local.__qualname__ == "test_local_class.<locals>.Local"


def test_local_class_closure() -> None:
    def make(k: int) -> type:
        class Scaled:
            factor = k

            def apply(self, v: int) -> int:
                return v * k

        return Scaled

    S2, S3 = make(2), make(3)
    print(S2().apply(5), S3().apply(5), S2.factor, S2 is S3, S2.__name__ == S3.__name__)  # type: ignore[attr-defined]
    assert S2().apply(5) == 10 and S3().apply(5) == 15 and S2 is not S3


def test_local_subclass_of_compiled() -> None:
    class P3(Point):
        def __init__(self, x: int, y: int, z: int) -> None:
            super().__init__(x, y)
            self.z = z

        def __repr__(self) -> str:
            return super().__repr__() + f"+{self.z}"

    p = P3(1, 2, 3)
    print(p, p == Point(1, 2), hash(p) == hash(Point(1, 2)), isinstance(p, Point))
    assert repr(p) == "Point(1, 2)+3" and p == Point(1, 2)


def test_nested_class() -> None:
    i = Outer().make(7)
    print(i.get(), type(i).__qualname__, Outer.Inner.__qualname__, Outer.Inner.get.__qualname__)
    assert i.get() == 7 and Outer.Inner.__qualname__ == "Outer.Inner"


def test_type_call_creates_class() -> None:
    Dyn = type("Dyn", (Point,), {"kind": "dyn", "norm": lambda self: abs(self.x) + abs(self.y)})
    d = Dyn(-3, 4)
    print(d, d.kind, d.norm(), Dyn.__name__, Dyn.__mro__[1] is Point)
    assert d.norm() == 7
