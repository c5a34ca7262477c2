"""Uses the native classes of `geom`: fields, methods, subclasses (compiled and
Python), Optional fields, a dataclass, and functions taking instances."""

from typing import Optional

import xpkg.geom as g
from xpkg.geom import V2, Node, Pair, Point, Point3, Weird, dot, first_name, make_point


def sum_x(ps: list[Point]) -> int:
    s = 0
    for p in ps:
        s += p.x
    return s


def norms(ps: list[Point]) -> int:
    s = 0
    for p in ps:
        s += p.norm1()
    return s


def bump(p: Point, d: int) -> None:
    p.x = p.x + d
    p.y += d


def chain_len(n: Optional[Node]) -> int:
    c = 0
    while n is not None:
        c += 1
        n = n.nxt
    return c


def dotted(p: g.Point) -> float:
    return p.scaled(0.5) + g.dot(p, p)


def test_fields_and_methods() -> None:
    ps = [Point(i, -i) for i in range(10)]
    print(sum_x(ps), norms(ps))
    p = ps[3]
    bump(p, 5)
    print(p.x, p.y, p.label(), p.scaled(), p.scaled(0.5), p.scaled(k=3.0))
    q = make_point(2, 3)
    print(dot(p, q), g.dot(q, q), dotted(q), q.moved(1).label(), q.moved(dy=2, dx=1).x)


def test_subclasses() -> None:
    ps: list[Point] = [Point(1, 2), Point3(1, 2, 3)]
    print(norms(ps), sum_x(ps))

    class Py(Point):
        def norm1(self) -> int:
            return 1000

    class Prop(Point):
        @property  # type: ignore[misc]
        def x(self) -> int:
            return 50

        @x.setter
        def x(self, v: int) -> None:
            pass

    print(norms([Py(1, 1), Point(1, 1), Point3(1, 1, 1)]), sum_x([Py(4, 4), Prop(9, 9)]))


def test_optional_fields() -> None:
    n = Node(1.5, "a", Node(2.5, "b"))
    print(n.value, n.name, chain_len(n), n.total(), first_name(n.nxt), first_name(None))
    n.nxt = None
    print(chain_len(n), n.total())
    n.name = n.name + "!"
    n.value *= 2
    print(n.name, n.value)


def test_wrong_types_and_unset_fields() -> None:
    try:
        bump("x", 1)  # type: ignore[arg-type]
    except AttributeError as e:
        print("AttributeError", e)
    try:
        chain_len(3)  # type: ignore[arg-type]
    except AttributeError as e:
        print("AttributeError", e)
    try:
        dot(Point(1, 1), "q")  # type: ignore[arg-type]
    except (TypeError, AttributeError):
        print("rejected")
    p = Point.__new__(Point)
    try:
        print(p.x)
    except AttributeError as e:
        print("AttributeError", e)
    try:
        print(p.norm1())
    except AttributeError as e:
        print("AttributeError", e)


def store_x(p: Point, v: object) -> None:
    p.x = v  # type: ignore[assignment]


def store_next(n: Node, v: object) -> None:
    n.nxt = v  # type: ignore[assignment]


def test_dataclass_and_getattr() -> None:
    d = Pair(1, "x")
    d.a += 1
    print(d.a, d.b, d)
    w = Weird()
    print(w.v, w.nothing)


def make_via_module(x: int) -> g.Point:
    return g.Point(x, x)


class Fake:
    def __init__(self, a: int, b: int) -> None:
        self.a = a

    def label(self) -> str:
        return "fake"


def test_rebound_class_name() -> None:
    print(make_via_module(2).label(), Point3(1, 2, 3).label(), Node(1.0, "n").total())
    saved = g.Point
    g.Point = Fake  # type: ignore[misc, assignment]
    try:
        print(make_via_module(3).label())
    finally:
        g.Point = saved  # type: ignore[misc]
    print(make_via_module(4).label())


def vsum(vs: list[V2]) -> V2:
    acc = V2(0.0, 0.0)
    for v in vs:
        acc = acc + v * 2.0
        acc += v
    return acc


def flipped(v: V2) -> V2:
    return -v


def test_operators() -> None:
    vs = [V2(1.0, 2.0), V2(-0.5, 4.0)]
    print(vsum(vs), vs[0] - vs[1], flipped(vs[1]), -flipped(vs[0]))

    class Neg(V2):
        def __neg__(self) -> "V2":
            return V2(100.0, 100.0)

    print(flipped(Neg(1.0, 1.0)))

    class PyV(V2):
        def __radd__(self, o: object) -> str:  # type: ignore[override]
            return "radd"

    print(V2(1.0, 1.0) + PyV(0.0, 0.0))
    try:
        print(vs[0] - 3)  # type: ignore[operator]
    except TypeError as e:
        print("TypeError", e)
    try:
        print(vs[0] + 1)  # type: ignore[operator]
    except (AttributeError, TypeError):
        # (Compiled, __add__ checks its annotated parameter: docs/differences.md.)
        print("rejected")
