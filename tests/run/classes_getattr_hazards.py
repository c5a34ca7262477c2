"""Hazards of reads that reach __getattr__ from compiled code: unbounded recursion through
__getattr__ or a property getter raises RecursionError; a __getattr__ that frees field
values or answers twice must not leave compiled code with dangling values."""

from typing import Any


class Rec:
    x: int

    def __getattr__(self, name: str) -> Any:
        return self.x + 1


class PropRec:
    def __init__(self) -> None:
        self.k = 1

    @property
    def p(self) -> int:
        return self.p + 1


KEEP: list = []


class Holder:
    big: int


class Hook:
    h: Holder
    y: int

    def __getattr__(self, name: str) -> Any:
        self.h.big = 5
        KEEP.append(10**30 + int("12345"))
        return 1


def add(h: Holder, k: Hook) -> int:
    return h.big + k.y


class Twin:
    n: int

    def __getattr__(self, name: str) -> Any:
        return int("1" + "0" * 30)


def twin_sum(a: Twin, b: Twin) -> int:
    return a.n + b.n


def test_hazards() -> None:
    for f in [lambda: Rec().x, lambda: PropRec().p]:
        try:
            f()
        except RecursionError:
            print("RecursionError")
    h = Holder()
    h.big = 10**30 + int("7")
    k = Hook()
    k.h = h
    print(add(h, k))
    print(twin_sum(Twin(), Twin()))



