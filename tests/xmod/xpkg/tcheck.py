"""Annotations that name `geom`'s native classes through imports under
`if TYPE_CHECKING:`, which type checkers read and the interpreter never runs (so this
module does not import geom when it is imported)."""

from __future__ import annotations

import typing
from typing import TYPE_CHECKING, Optional

if TYPE_CHECKING:
    from xpkg.geom import Node, Point

if typing.TYPE_CHECKING:
    import xpkg.geom as geo


def span(p: Point) -> int:
    return p.x - p.y


def walk(n: Optional[Node]) -> float:
    t = 0.0
    while n is not None:
        t += n.value
        n = n.nxt
    return t


def shifted(p: geo.Point, d: int) -> int:
    p.x += d
    return p.norm1()


def test_annotations_through_type_checking_imports() -> None:
    import xpkg.geom as real

    p = real.Point(7, 2)
    print(span(p), shifted(p, 3), p.x)
    print(span(real.Point3(5, 1, 9)), shifted(real.Point3(1, 1, 1), 1))
    n = real.Node(1.5, "a", real.Node(2.0, "b"))
    print(walk(n), walk(None))


def test_the_names_are_never_bound() -> None:
    print("Point" in globals(), "Node" in globals(), "geo" in globals())
    try:
        print(Point)
    except NameError as e:
        print("NameError", e)


def test_other_objects() -> None:
    class Duck:
        x = 10
        y = 4

    # (An annotation naming another module's class is a hint: anything else goes the
    # ordinary way.)
    print(span(Duck()))  # type: ignore[arg-type]
