"""Classes defined under module-level statements (`if`/`else`, `try`/`except`, loops,
`with`): compiled as ordinary classes made when the statement runs, with their
methods compiled (zero-argument `super()` and `__class__` refer to the class the
statement made; in a loop, where each iteration makes a new class, such a statement
runs interpreted). Name lookups in their bodies, qualified names, decorators,
metaclasses, subclassing (also from interpreted code) behave as in CPython."""

import contextlib
import dataclasses
import sys
from typing import Iterator, Optional

SCALE = 3

if sys.version_info >= (3, 8):

    class Meter:
        """Counts in metres."""

        unit = "m"
        factor = SCALE * 2

        def __init__(self, value: int) -> None:
            self.value = value

        def scaled(self) -> int:
            total = 0
            for _ in range(self.factor):
                total += self.value
            return total

        def __repr__(self) -> str:
            return f"{self.value}{self.unit}"

        def __eq__(self, other: object) -> bool:
            return isinstance(other, Meter) and other.value == self.value

        __hash__ = None  # type: ignore[assignment]

else:

    class Meter:  # type: ignore[no-redef]
        unit = "old"

        def __init__(self, value: int) -> None:
            self.value = value


try:
    from fractions import Fraction as _F

    class Ratio:
        def __init__(self, a: int, b: int) -> None:
            self.q = _F(a, b)

        def half(self) -> "Ratio":
            r = Ratio(1, 1)
            r.q = self.q / 2
            return r

        def __str__(self) -> str:
            return str(self.q)

except ImportError:

    class Ratio:  # type: ignore[no-redef]
        pass


made = []
for tag in ("a", "b", "c"):

    class Tagged:
        label = tag * 2

        def show(self) -> str:
            return self.label + "!"

    made.append(Tagged)

n = 0
while n < 2:

    class Counter:
        start = n

        def count(self, k: int) -> list[int]:
            return [self.start + i for i in range(k)]

    n += 1


@contextlib.contextmanager
def section() -> Iterator[None]:
    yield


with section():

    class InWith:
        def where(self) -> str:
            return "with"


if SCALE > 0:

    @dataclasses.dataclass(order=True)
    class Pair:
        x: int
        y: int = 0

        def total(self) -> int:
            return self.x + self.y


if True:

    class Base:
        registry: list[str] = []

        def __init_subclass__(cls, **kw: object) -> None:
            Base.registry.append(cls.__name__)

        def name(self) -> str:
            return "base"

    class Child(Base):
        def name(self) -> str:
            return "child/" + Base.name(self)

    class Explicit(Base):
        def name(self) -> str:
            return "explicit/" + super(Explicit, self).name()


if SCALE:
    # Zero-argument super() in compiled methods: the class this statement made.

    class Meta(type):
        def __call__(cls, *args: object) -> object:
            obj = super().__call__(*args)
            return obj

    class WithMeta(metaclass=Meta):
        def __init__(self, v: int) -> None:
            self.v = v

    class UsesSuper(Base):
        def name(self) -> str:
            return "super/" + super().name()


def test_if_branch_taken() -> None:
    m = Meter(4)
    print(m, m.scaled(), Meter.unit, Meter.factor, Meter.__doc__)
    print(Meter.__qualname__, Meter.scaled.__qualname__, Meter.__module__ == __name__)
    print(m == Meter(4), m == Meter(5), Meter.__hash__ is None)


def test_try_branch() -> None:
    r = Ratio(3, 4)
    print(r, r.half(), type(r.half()).__name__)


def test_class_per_loop_iteration() -> None:
    print([c().show() for c in made], len({id(c) for c in made}))
    print(Tagged.label, made[0] is not made[1])


def test_while_and_with() -> None:
    print(Counter().count(3), InWith().where())


def test_dataclass_under_if() -> None:
    ps = sorted([Pair(2, 1), Pair(1, 5), Pair(1, 2)])
    print(ps, ps[0].total(), Pair(3) == Pair(3, 0))


def test_inheritance_and_hooks() -> None:
    print(Child().name(), Explicit().name(), UsesSuper().name())
    print(Base.registry)
    print(WithMeta(9).v, type(WithMeta).__name__)


def test_subclass_in_interpreted_code() -> None:
    src = "class Sub(Meter):\n    def scaled(self):\n        return -1\n"
    ns: dict[str, object] = {"Meter": Meter}
    exec(src, ns)
    sub = ns["Sub"]
    obj = sub(2)  # type: ignore[operator]
    print(obj.scaled(), isinstance(obj, Meter), obj)


def test_attributes_are_dynamic() -> None:
    m = Meter(1)
    m.extra = "dict"  # type: ignore[attr-defined]
    print(m.extra, sorted(vars(m)))  # type: ignore[attr-defined]


def test_method_errors() -> None:
    try:
        Meter(2).scaled(5)  # type: ignore[call-arg]
    except TypeError as e:
        print("TypeError", e)
    try:
        Meter(1).missing  # type: ignore[attr-defined]
    except AttributeError as e:
        print("AttributeError", e)


def maybe(flag: bool) -> Optional[type]:
    if flag:
        return Meter
    return None


def test_class_objects_as_values() -> None:
    cls = maybe(True)
    assert cls is not None
    print(cls(7), maybe(False))


made_in_loop = []
for base_name in ("x", "y"):

    class LoopSuper(Base):
        tag = base_name

        def name(self) -> str:
            return self.tag + "/" + super().name()

        def cls(self) -> type:
            return __class__  # type: ignore[name-defined]

    made_in_loop.append(LoopSuper)


try:
    import no_such_module_here  # type: ignore[import-not-found]
except ImportError:

    class Fallback(Base):
        """Defined when the import fails."""

        def name(self) -> str:
            return "fallback/" + super().name()

        @classmethod
        def make(cls) -> "Fallback":
            return cls()

        def me(self) -> type:
            return __class__  # type: ignore[name-defined]


def deco(c: type) -> type:
    c.decorated = True  # type: ignore[attr-defined]
    return c


if SCALE:

    @deco
    class Decorated(Base):
        def name(self) -> str:
            return "decorated/" + super().name()

        def me(self) -> type:
            return __class__  # type: ignore[name-defined]


def test_super_in_loop_classes() -> None:
    print([c().name() for c in made_in_loop], [c().cls() is c for c in made_in_loop])


def test_super_in_fallback_and_decorated_classes() -> None:
    f = Fallback.make()
    print(f.name(), f.me() is Fallback, Fallback.__doc__)
    d = Decorated()
    print(d.name(), d.me() is Decorated, getattr(Decorated, "decorated", None))
    print(Base.registry[-4:])
