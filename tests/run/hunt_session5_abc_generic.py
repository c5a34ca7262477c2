"""Adversarial tests for native ABC classes and native Generic[T] classes (GC
types like their Python bases): instances alive at interpreter exit, cycles,
collections under gc.set_threshold(1, 1, 1), Python subclasses, pickling, copying,
weak references, register() and abstract members."""

import abc
import copy
import gc
import pickle
import weakref
from abc import ABC, ABCMeta, abstractmethod
from typing import Any, Dict, Generic, List, Optional, TypeVar

T = TypeVar("T")
S = TypeVar("S")
N = TypeVar("N", int, float)


class Counter(ABC):
    """Only unboxed fields: still a GC type (its base is a Python class)."""

    def __init__(self, n: int, f: float, flag: bool) -> None:
        self.n = n
        self.f = f
        self.flag = flag

    @abstractmethod
    def bump(self) -> int: ...

    def twice(self) -> int:
        self.bump()
        return self.bump()


class Up(Counter):
    def bump(self) -> int:
        self.n += 1
        return self.n


class Linked(ABC):
    def __init__(self, name: str) -> None:
        self.name = name
        self.other: Optional["Linked"] = None
        self.payload: List[Any] = []

    @property
    @abstractmethod
    def kind(self) -> str: ...

    @classmethod
    @abstractmethod
    def make(cls, name: str) -> "Linked": ...

    @staticmethod
    @abstractmethod
    def version() -> int: ...


class LinkA(Linked):
    @property
    def kind(self) -> str:
        return "A"

    @classmethod
    def make(cls, name: str) -> "Linked":
        return cls(name)

    @staticmethod
    def version() -> int:
        return 2


class MetaStyle(metaclass=ABCMeta):
    def __init__(self) -> None:
        self.held: Optional[object] = None

    @abstractmethod
    def go(self) -> str: ...


class MetaImpl(MetaStyle):
    def go(self) -> str:
        return "go"


class Box(Generic[T]):
    def __init__(self, item: T) -> None:
        self.item = item
        self.count = 0

    def get(self) -> T:
        self.count += 1
        return self.item


class IntBox(Box[int]):
    def doubled(self) -> int:
        return self.get() * 2


class Pair(Box[T], Generic[T, S]):
    def __init__(self, a: T, b: S) -> None:
        super().__init__(a)
        self.second = b

    def swap(self) -> "Pair[S, T]":
        return Pair(self.second, self.item)


class Num(Generic[N]):
    def __init__(self, v: N) -> None:
        self.v: N = v


class GNode(Generic[T]):
    def __init__(self, value: T) -> None:
        self.value = value
        self.next: Optional["GNode[T]"] = None


class AbstractRepo(ABC, Generic[T]):
    def __init__(self) -> None:
        self.store: Dict[int, T] = {}

    @abstractmethod
    def key(self, item: T) -> int: ...

    def add(self, item: T) -> int:
        k = self.key(item)
        self.store[k] = item
        return k


class LenRepo(AbstractRepo[str]):
    def key(self, item: str) -> int:
        return len(item)


# --- instances alive when the interpreter exits: plain, in cycles, holding their
# own class, held by a class attribute, a Python subclass instance in a cycle.

ALIVE_UP = Up(1, 2.5, True)
ALIVE_A = LinkA("a")
ALIVE_B = LinkA("b")
ALIVE_A.other = ALIVE_B
ALIVE_B.other = ALIVE_A
ALIVE_A.payload.append(ALIVE_A)
ALIVE_A.payload.append(LinkA)
SELF_BOX: Box[Any] = Box(None)
SELF_BOX.item = SELF_BOX
GENERIC_RING = GNode(0)
GENERIC_RING.next = GNode(1)
GENERIC_RING.next.next = GENERIC_RING

# Python subclasses, defined by interpreted code (exec) so that their attribute
# stores are not seen by the compiler.
PY_SRC = """
class PySubLinked(LinkA):
    extra = 1

    @property
    def kind(self):
        return "py"

    def setup(self, other):
        self.attrs = {"self": self}
        self.other = other
        return self


class PyUp(Up):
    def bump(self):
        self.n += 10
        return self.n

    def loop(self):
        self.me = self
        self.box = Box(self)
        return self


class PyGen(GNode):
    tag = "t"

    def loop(self):
        self.next = self
        self.more = [self]
        return self


LinkA.cached = LinkA("cached")
LinkA.cached.other = LinkA.cached
"""
PY_NS: Dict[str, Any] = dict(globals())
exec(PY_SRC, PY_NS)
PySubLinked: Any = PY_NS["PySubLinked"]
PyUp: Any = PY_NS["PyUp"]
PyGen: Any = PY_NS["PyGen"]
ALIVE_PY = PySubLinked("py").setup(ALIVE_A)


def test_alive_at_exit_is_usable() -> None:
    print(ALIVE_UP.twice(), ALIVE_A.other.name if ALIVE_A.other else None, ALIVE_A.kind)
    print(SELF_BOX.get() is SELF_BOX, GENERIC_RING.next.next is GENERIC_RING)  # type: ignore[union-attr]
    print(ALIVE_PY.kind, ALIVE_PY.extra, ALIVE_PY.attrs["self"] is ALIVE_PY, type(ALIVE_PY).__mro__[1].__name__)


def test_cycles_collected() -> None:
    refs: List[Any] = []
    for i in range(50):
        a = LinkA.make(f"a{i}")
        b = LinkA.make(f"b{i}")
        a.other = b
        b.other = a
        a.payload.append([b, {"a": a}])
        refs.append(weakref.ref(a))
        n: GNode[Any] = GNode(a)
        n.next = GNode(n)
        a.payload.append(n)
        m = MetaImpl()
        m.held = m
        refs.append(weakref.ref(m))
    del a, b, n, m
    gc.collect()
    print(sum(r() is not None for r in refs), len(refs))


def test_collect_with_tiny_thresholds() -> None:
    old = gc.get_threshold()
    gc.set_threshold(1, 1, 1)
    try:
        keep: List[Any] = []
        total = 0
        for i in range(3000):
            u = Up(i, i * 0.5, i % 2 == 0)
            total += u.twice()
            l = LinkA(str(i))
            l.other = l
            l.payload.append(u)
            b = Box(l)
            p: Pair[Any, Any] = Pair(b, [b, l])
            if i % 97 == 0:
                keep.append(p)
            r = LenRepo()
            r.add("x" * (i % 7))
            r.store[99] = r  # type: ignore[assignment]
        print(total, len(keep), [k.get().get().name for k in keep][:4])
        gc.collect()
        print([len(k.second) for k in keep][:3], keep[-1].swap().get()[1].name)
    finally:
        gc.set_threshold(*old)


def test_python_subclass_cycles_through_dict() -> None:
    ws = []
    for i in range(20):
        p = PyUp(i, 0.0, False).loop()
        ws.append(weakref.ref(p))
    del p
    gc.collect()
    print(sum(w() is not None for w in ws), PyUp(1, 1.0, True).twice())
    g = PyGen(5).loop()
    w = weakref.ref(g)
    del g
    gc.collect()
    print(w() is None, PY_NS["LinkA"].cached.other.name)


def test_abstract_members() -> None:
    for cls in (Counter, Linked, MetaStyle, AbstractRepo):
        try:
            cls()  # type: ignore[abstract, call-arg]
        except TypeError as e:
            print(cls.__name__, "TypeError", str(e).split(" with ")[0], sorted(cls.__abstractmethods__))
    print(LinkA.make("m").kind, LinkA.version(), type(LinkA.make("q")).__name__)
    print(sorted(Linked.__abstractmethods__), LinkA.__abstractmethods__)


def test_register_and_isinstance() -> None:
    class Virtual:
        def go(self) -> str:
            return "virtual"

    MetaStyle.register(Virtual)
    Counter.register(int)
    print(isinstance(Virtual(), MetaStyle), issubclass(Virtual, MetaStyle), isinstance(3, Counter))
    print(isinstance(MetaImpl(), MetaStyle), isinstance(Up(1, 1.0, True), Linked), issubclass(bool, Counter))
    print(isinstance(ALIVE_PY, Linked), isinstance(LenRepo(), AbstractRepo))


def test_pickle_and_copy() -> None:
    u = Up(2**70, -0.5, False)
    u2 = pickle.loads(pickle.dumps(u))
    print(u2.n, u2.f, u2.flag, u2.twice(), u.n)
    a = LinkA("p")
    a.other = a
    a.payload = [a, 1, "s"]
    a2 = pickle.loads(pickle.dumps(a))
    print(a2.other is a2, a2.payload[0] is a2, a2.payload[1:], a2.kind)
    a3 = copy.deepcopy(a)
    print(a3.other is a3, a3 is not a, a3.payload[0] is a3)
    a4 = copy.copy(a)
    print(a4.other is a, a4.payload is a.payload)
    b = Pair(1, "x")
    print(pickle.loads(pickle.dumps(b)).swap().get(), copy.copy(b).second)
    r = LenRepo()
    r.add("abc")
    r2 = pickle.loads(pickle.dumps(r))
    print(r2.store, r2.add("zz"), sorted(r2.store))
    m = MetaImpl()
    print(pickle.loads(pickle.dumps(m)).held)


def test_weakrefs() -> None:
    called: List[str] = []
    a = LinkA("w")
    r = weakref.ref(a, lambda _: called.append("cb"))
    ws: "weakref.WeakSet[Any]" = weakref.WeakSet()
    wd: "weakref.WeakKeyDictionary[Any, int]" = weakref.WeakKeyDictionary()
    b = IntBox(3)
    ws.add(b)
    wd[a] = 1
    print(r() is a, len(ws), len(wd), b.doubled())
    del a
    print(called, len(wd), r())
    del b
    print(len(ws))
    p = weakref.proxy(Up(4, 0.0, True))
    try:
        p.bump()
    except ReferenceError as e:
        print("ReferenceError", e)


def test_generic_subscripts() -> None:
    print(Box[int], Pair[int, str], Pair.__parameters__, IntBox.__orig_bases__)  # type: ignore[attr-defined]
    x = Box[int](5)
    y = Pair[int, str](1, "a")
    print(x.get(), y.swap().get(), type(x).__name__, type(y).__qualname__)
    print(Num(1).v, Num(1.5).v, IntBox(21).doubled(), LenRepo[0:0] if False else "ok")  # type: ignore[misc]
    try:
        Box[int, str]  # type: ignore[misc]
    except TypeError as e:
        print("TypeError", e)
    print(isinstance(IntBox(1), Box), issubclass(Pair, Box), Box.__mro__[-2].__name__)


def test_many_instances_dropped_and_reused() -> None:
    # GC instances going through the free list (if any): state must be fresh.
    ids: set = set()
    for round_ in range(3):
        batch = [LinkA(str(i)) for i in range(2000)]
        for x in batch[::2]:
            x.other = x
        del batch
        gc.collect()
        fresh = [LinkA("n") for _ in range(2000)]
        print(round_, sum(f.other is not None for f in fresh), sum(len(f.payload) for f in fresh))
        ids.update(id(f) for f in fresh)
        del fresh
    print(len(ids) > 0)


class WithDel(ABC):
    freed: List[str] = []

    def __init__(self, tag: str) -> None:
        self.tag = tag
        self.ref: Optional[Any] = None

    @abstractmethod
    def m(self) -> int: ...

    def __del__(self) -> None:
        WithDel.freed.append(self.tag)


class WithDelImpl(WithDel):
    def m(self) -> int:
        return 1


ALIVE_DEL = WithDelImpl("at-exit")
ALIVE_DEL.ref = ALIVE_DEL


def test_del_in_abc_cycles() -> None:
    WithDel.freed.clear()
    for i in range(5):
        x = WithDelImpl(f"c{i}")
        x.ref = [x]
    del x
    gc.collect()
    y = WithDelImpl("plain")
    del y
    print(sorted(WithDel.freed))
