"""Regressions from the class test pass: Generic/NamedTuple bases, implicit
classmethods, __class__, __prepare__ names, class-body scoping, NotImplemented,
len() past 2**62, __builtins__, pickle protocols, __getstate__, __del__, self rebinding."""

import pickle, copy, weakref
from typing import Generic, TypeVar, NamedTuple

T = TypeVar("T")


class Box(Generic[T]):
    def __init__(self, v: T) -> None:
        self.v = v

    def get(self) -> T:
        return self.v


class Pair(NamedTuple):
    a: int
    b: int


class Base:
    subs: list = []

    def __init_subclass__(cls):
        Base.subs.append(cls.__name__)

    def __class_getitem__(cls, item):
        return f"{cls.__name__}[{item}]"

    def who(self) -> str:
        return __class__.__name__  # type: ignore[name-defined]


class A(Base):
    pass


class WithNew:
    def __new__(cls, x: int):
        o = super().__new__(cls)
        o.x = x  # type: ignore[attr-defined]
        return o


class Meta(type):
    @classmethod
    def __prepare__(mcls, name, bases):  # type: ignore[override]
        return {"helper": 5}


class UsesPrepared(metaclass=Meta):
    v = helper


def helper(n: int) -> int:
    return n + 1000


class Scoping:
    items = [1, 2, 3]
    doubled = [i * 2 for i in items]

    def helper(n):
        return n * 2  # type: ignore[operator]

    VAL = helper(3)  # type: ignore[arg-type]


class Num:
    def __init__(self, v: int) -> None:
        self.v = v

    def __add__(self, o: "Num") -> "Num":
        if not isinstance(o, Num):
            return NotImplemented
        return Num(self.v + o.v)

    def __eq__(self, o: object) -> bool:
        if not isinstance(o, Num):
            return NotImplemented
        return self.v == o.v

    def m(self, a: int) -> int:
        return a


class Point:
    def __init__(self, x: int, y: int) -> None:
        self.x = x
        self.y = y


class P3(Point):
    def __init__(self, x: int, y: int, z: int) -> None:
        super().__init__(x, y)
        self.z = z


log: list = []


class Dies:
    def __init__(self, n: int) -> None:
        self.n = n

    def __del__(self) -> None:
        log.append(self.n)


class Rebind:
    def __init__(self) -> None:
        self.k = 1

    def who(self) -> str:
        self = Other()  # type: ignore[assignment]
        return type(self).__name__


class Other:
    pass


def test_class_regressions() -> None:
    print(Box(3).get(), Pair(1, 2), Pair(1, 2).a)
    print(Base.subs, Base[int], A().who())  # type: ignore[misc]
    print(WithNew(4).x)  # type: ignore[attr-defined]
    print(UsesPrepared.v, Scoping.doubled, Scoping.VAL)
    try:
        Num(1).m(1, 2)  # type: ignore[call-arg]
    except TypeError as e:
        print(e)
    print(Num(1) == Num(1), Num(1) == 3, (Num(1) + Num(2)).v)
    try:
        Num(1) + "x"  # type: ignore[operator]
    except TypeError as e:
        print("TypeError", e)
    print(len(range(2**62 + 5)), "__builtins__" in globals())
    for proto in range(6):
        q = pickle.loads(pickle.dumps(P3(1, 2, 3), proto))
        print(proto, q.x, q.y, q.z, end="; ")
    print()
    print(P3(1, 2, 3).__getstate__())
    d = Dies(7)
    del d
    print(log, Rebind().who())


