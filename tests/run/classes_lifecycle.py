"""Native instances made and dropped in bulk: freed instances are reused for new
ones, which must start fresh (unset fields, no stale weak references, finalizers
that run once), and reference cycles among them are still collected."""

import gc
import weakref
from typing import List, Optional


class Cell:
    def __init__(self, n: int, ok: bool) -> None:
        self.n = n
        self.x = 1.5
        self.tag = "t" + str(n)
        self.next: Optional[Cell] = None
        if ok:
            self.extra = n * 2

    def read_extra(self) -> int:
        return self.extra


def churn(rounds: int, size: int) -> int:
    total = 0
    for r in range(rounds):
        cells: List[Cell] = [Cell(i, True) for i in range(size)]
        for c in cells:
            total += c.read_extra()
    return total


def test_reused_instances_start_unset() -> None:
    print(churn(5, 300))
    fresh = [Cell(i, False) for i in range(300)]
    missing = 0
    for c in fresh:
        try:
            c.read_extra()
        except AttributeError:
            missing += 1
    print(missing, fresh[7].n, fresh[7].x, fresh[7].tag, fresh[7].next)


def test_weakrefs_do_not_survive_reuse() -> None:
    refs = []
    for i in range(100):
        c = Cell(i, True)
        refs.append(weakref.ref(c))
    del c
    alive_before = sum(1 for r in refs if r() is not None)
    new = [Cell(i, True) for i in range(100)]
    alive_after = sum(1 for r in refs if r() is not None)
    print(alive_before, alive_after, len(new))


def test_cycles_collected() -> None:
    gc.collect()
    seen: List[int] = []
    for i in range(50):
        a, b = Cell(i, True), Cell(i + 1, True)
        a.next = b
        b.next = a
        weakref.finalize(a, seen.append, i)
    del a, b
    gc.collect()
    print(len(seen), sorted(seen)[:3])


class Mortal:
    def __init__(self, k: int) -> None:
        self.k = k


deaths: List[int] = []


def late_del(self: Mortal) -> None:
    deaths.append(self.k)


def test_finalizer_added_later_runs_once() -> None:
    for i in range(20):
        Mortal(i)
    Mortal.__del__ = late_del  # type: ignore[attr-defined]
    for i in range(5):
        Mortal(100 + i)
    gc.collect()
    print(sorted(deaths))
    del Mortal.__del__  # type: ignore[attr-defined]


def test_long_chains_free_without_deep_recursion() -> None:
    head: Optional[Cell] = None
    for i in range(300000):
        c = Cell(i, False)
        c.next = head
        head = c
    del c
    assert head is not None
    print(head.n)
    head = None
    mixed: List[object] = []
    for i in range(100000):
        mixed = [Cell(i, True), mixed]
    del mixed
    print("freed")


finalized: List[int] = [0]


class Dropper:
    """Its finalizer drops the next instance: each finalizer runs inside the
    previous one's, as deep as the chain is long."""

    def __init__(self, nxt: "Optional[Dropper]") -> None:
        self.nxt = nxt

    def __del__(self) -> None:
        self.nxt = None
        finalized[0] += 1


def test_long_chain_of_finalizers() -> None:
    head: Optional[Dropper] = None
    for _ in range(200_000):
        head = Dropper(head)
    head = None
    print(finalized[0])
    assert finalized[0] == 200_000
