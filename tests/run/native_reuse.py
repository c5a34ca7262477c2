"""Instances made and dropped in large numbers: freed instances are reused by the
next allocation (see differences.md), and a reused instance must be a fresh one:
unset fields unset again, no stale weak references, subclasses and finalizers
kept apart, and stores that hand their value over to a field keep both alive."""

import gc
import weakref
from typing import Optional


class Cell:
    def __init__(self, left: Optional["Cell"], right: Optional["Cell"], tag: int) -> None:
        self.left = left
        self.right = right
        self.tag = tag


class Loose:
    """A field that __init__ sets only sometimes."""

    def __init__(self, fill: bool) -> None:
        self.always = 1.5
        if fill:
            self.sometimes = "set"

    def read(self) -> str:
        try:
            return self.sometimes
        except AttributeError:
            return "unset"


class Tracked:
    freed = 0

    def __del__(self) -> None:
        Tracked.freed += 1


class Sub(Cell):
    pass


def build(depth: int, tag: int) -> Cell:
    if depth == 0:
        return Cell(None, None, tag)
    return Cell(build(depth - 1, tag * 2), build(depth - 1, tag * 2 + 1), tag)


def total(c: Optional[Cell]) -> int:
    if c is None:
        return 0
    return c.tag + total(c.left) + total(c.right)


def test_rebuilt_trees_have_their_own_values() -> None:
    sums = []
    for round_ in range(4):
        tree = build(14, round_ + 1)
        sums.append(total(tree))
        del tree
    print(sums)


def test_big_tree_kept_while_others_come_and_go() -> None:
    keep = build(12, 7)
    before = total(keep)
    for i in range(6):
        t = build(10, i)
        assert total(t) > 0
    print(before, total(keep) == before)


def test_reused_instances_start_unset() -> None:
    full = [Loose(True) for _ in range(5000)]
    del full
    fresh = [Loose(False) for _ in range(5000)]
    print({x.read() for x in fresh}, {x.always for x in fresh})


def test_weak_references_do_not_survive_reuse() -> None:
    refs = [weakref.ref(Cell(None, None, i)) for i in range(3000)]
    alive = [Cell(None, None, -i) for i in range(3000)]
    print(sum(r() is not None for r in refs), len(alive), alive[5].tag)


def test_finalizers_run_for_every_instance() -> None:
    Tracked.freed = 0
    for _ in range(3):
        objs = [Tracked() for _ in range(2000)]
        del objs
    gc.collect()
    print(Tracked.freed)


def test_subclass_instances_keep_their_type() -> None:
    mix = [Sub(None, None, i) if i % 2 else Cell(None, None, i) for i in range(4000)]
    del mix
    again = [Cell(None, None, i) for i in range(2000)] + [Sub(None, None, i) for i in range(2000)]
    print(sorted({type(x).__name__ for x in again}), sum(isinstance(x, Sub) for x in again))


def test_identity_of_live_instances_is_unique() -> None:
    pool = []
    for i in range(2000):
        pool.append(Cell(None, None, i))
        Cell(None, None, -1)  # dropped at once
    print(len({id(c) for c in pool}), pool[1999].tag)


def test_field_takes_over_a_temporary() -> None:
    holder = Cell(None, None, 0)
    for i in range(1000):
        holder.left = Cell(None, None, i)  # the new instance lives only in the field
        holder.tag = i * 3 + (1 << 70)  # a big int stored from a temporary
    left = holder.left
    assert left is not None
    print(left.tag, holder.tag)
    r = weakref.ref(left)
    del left
    print(r() is not None)  # still held by the field
    holder.left = None
    print(r() is None)  # the field held the only reference


def test_cycles_of_reused_instances_are_collected() -> None:
    for _ in range(3):
        a = Cell(None, None, 1)
        b = Cell(a, None, 2)
        a.left = b
        r = weakref.ref(a)
        del a, b
        gc.collect()
        print(r() is None, end=" ")
    print()


def test_graphs_freed_by_the_collector_then_rebuilt() -> None:
    # Cyclic garbage is freed while the collector runs (those instances go back to
    # the allocator, not to the free list); the instances made next must be fresh.
    for round_ in range(3):
        nodes = [Cell(None, None, i) for i in range(3000)]
        for i, c in enumerate(nodes):
            c.left = nodes[(i + 1) % 3000]
            c.right = nodes[i // 2]
        refs = [weakref.ref(nodes[k]) for k in (0, 1500, 2999)]
        del nodes, c
        gc.collect()
        print([r() is None for r in refs], end=" ")
        fresh = [Cell(None, None, -i - round_) for i in range(3000)]
        print(sum(c.tag for c in fresh), all(c.left is None and c.right is None for c in fresh), end=" ")
        print(len({id(c) for c in fresh}), build(3, round_).right is not None)
