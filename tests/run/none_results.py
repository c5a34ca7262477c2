"""Results of compiled functions that return None on every path, released without a
count at all (`OXY_DECREF_PINNED`): dropped, kept, copied, compared, after a bare
`return`, an implicit one, one that raises on some path, and methods dispatched
by exact type (and a subclass's override)."""

import sys
from typing import Optional


class Box:
    def __init__(self) -> None:
        self.items: list[int] = []

    def add(self, x: int) -> None:
        self.items.append(x)

    def maybe(self, x: int) -> Optional[int]:
        if x > 2:
            return x
        return None


class Loud(Box):  # overrides add
    def add(self, x: int) -> None:
        self.items.append(-x)
        print("loud", x)


def nothing() -> None:
    pass


def bare(x: int) -> None:
    if x > 0:
        return
    print("bare", x)


def picky(x: int) -> None:
    if x == 3:
        raise ValueError("three")


def test_dropped_and_kept() -> None:
    b = Box()
    for i in range(5):
        b.add(i)
        nothing()
        bare(i)
    kept = nothing()  # type: ignore[func-returns-value]
    copy = kept
    print(b.items, kept, copy is None, bare(-1) is None)  # type: ignore[func-returns-value]
    print([b.maybe(i) for i in range(5)])


def test_raising() -> None:
    for i in range(5):
        try:
            picky(i)
            print("ok", i)
        except ValueError as e:
            print("ValueError", e)


def test_dispatch() -> None:
    boxes = [Box(), Loud(), Box()]
    results: list[object] = []
    for k, b in enumerate(boxes):
        results.append(b.add(k + 1))  # type: ignore[func-returns-value]
    print(results, [b.items for b in boxes])


def test_references() -> None:
    b = Box()
    marker = object()
    base = sys.getrefcount(marker)
    for _ in range(100):
        b.add(1)
        nothing()
    print(len(b.items), sys.getrefcount(marker) - base)
