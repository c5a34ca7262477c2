"""References through values that may be None: `Optional[...]` fields, parameters,
locals and return values, where compiled code counts references with a test for
None first (None, True and False are pinned: `OXY_PINNED_SINGLETONS`). Objects
that pass through them must be counted exactly: no leak (reference-count deltas
of zero), and each one freed at the moment its last reference goes (finalizers
print in order)."""

import sys
import weakref
from typing import Optional

EVENTS: list[str] = []


class Payload:
    def __init__(self, name: str) -> None:
        self.name = name

    def __del__(self) -> None:
        EVENTS.append("del " + self.name)


class Link:
    def __init__(self, item: Optional[Payload], after: Optional["Link"]) -> None:
        self.item: Optional[Payload] = item
        self.after: Optional[Link] = after
        self.flag: Optional[bool] = None


def swap_in(link: Link, item: Optional[Payload]) -> Optional[Payload]:
    """Put `item` into the link; return what was there."""
    old = link.item
    link.item = item
    return old


def first_item(link: Optional[Link]) -> Optional[Payload]:
    while link is not None:
        if link.item is not None:
            return link.item
        link = link.after
    return None


def chain(n: int) -> Optional[Link]:
    head: Optional[Link] = None
    for i in range(n):
        head = Link(Payload("p%d" % i) if i % 3 == 0 else None, head)
    return head


def drop_every_other(head: Optional[Link]) -> int:
    dropped = 0
    link = head
    while link is not None:
        nxt = link.after
        if nxt is not None:
            link.after = nxt.after
            dropped += 1
        link = link.after
    return dropped


def toggle(link: Link, item: Payload, times: int) -> int:
    held = 0
    for i in range(times):
        if i % 2 == 0:
            link.item = item
        else:
            link.item = None
        if link.item is not None:
            held += 1
    link.item = None
    return held


def flags(link: Link, times: int) -> int:
    trues = 0
    for i in range(times):
        link.flag = i % 3 == 0
        if link.flag:
            trues += 1
        link.flag = None
    return trues


def pick(a: Optional[Payload], b: Optional[Payload], first: bool) -> Optional[Payload]:
    chosen = a if first else b
    return chosen


class Source:
    def __init__(self, item: Optional[Payload]) -> None:
        self.item = item

    def get(self, i: int) -> Optional[Payload]:
        return self.item if i % 2 == 0 else None


def drain(src: Source, times: int) -> int:
    """Calls `get` through the method table when a subclass overrides it."""
    found = 0
    for i in range(times):
        got = src.get(i)
        if got is not None:
            found += 1
    return found


def nones(times: int) -> int:
    count = 0
    for _ in range(times):
        if first_item(None) is None:
            count += 1
    return count


def test_swaps() -> None:
    p = Payload("a")
    q = Payload("b")
    base_p, base_q = sys.getrefcount(p), sys.getrefcount(q)
    link = Link(None, None)
    print(swap_in(link, p) is None)
    print(swap_in(link, q) is p)
    print(swap_in(link, None) is q)
    print(swap_in(link, None) is None)
    print(sys.getrefcount(p) - base_p, sys.getrefcount(q) - base_q)
    link.item = p
    del p
    print(EVENTS)
    link.item = None
    print(EVENTS)
    EVENTS.clear()


def test_chain() -> None:
    head = chain(9)
    item = first_item(head)
    print(item.name if item is not None else None)
    del item
    print(drop_every_other(head))
    print(sorted(EVENTS))
    EVENTS.clear()
    del head
    print(sorted(EVENTS))
    EVENTS.clear()


def test_toggle_and_flags() -> None:
    p = Payload("t")
    base = sys.getrefcount(p)
    link = Link(None, None)
    print(toggle(link, p, 100001), sys.getrefcount(p) - base)
    print(flags(link, 30000), link.flag)
    link.item = p
    link.flag = True
    print(link.item is p, link.flag)
    del p
    print(EVENTS)
    link.item = None
    print(EVENTS)
    EVENTS.clear()


def test_params_and_returns() -> None:
    a = Payload("x")
    base = sys.getrefcount(a)
    results = []
    for i in range(1000):
        r = pick(a if i % 2 else None, None if i % 3 else a, i % 5 == 0)
        results.append(r is a)
    del r
    print(results.count(True), sys.getrefcount(a) - base)
    results.clear()
    print(nones(200000))
    ref = weakref.ref(a)
    del a
    print(ref() is None, EVENTS)
    EVENTS.clear()


def test_overridden() -> None:
    class Every(Source):
        def get(self, i: int) -> Optional[Payload]:
            return self.item if i % 3 == 0 else None

    p = Payload("o")
    base = sys.getrefcount(p)
    plain = Source(p)
    every = Every(p)
    print(drain(plain, 1000), drain(every, 1000), sys.getrefcount(p) - base)
    del plain, every
    print(sys.getrefcount(p) - base)
    del p
    print(EVENTS)
    EVENTS.clear()


def test_interpreted_side() -> None:
    # The interpreter stores and clears the fields; compiled code reads them.
    link = Link(None, None)
    for i in range(50000):
        link.item = None if i % 2 else Payload("i")
        link.after = None
        first_item(link)
    print(len(EVENTS))
    link.item = None
    print(len(EVENTS), EVENTS[-1])
    EVENTS.clear()


test_swaps()
test_chain()
test_toggle_and_flags()
test_params_and_returns()
test_overridden()
test_interpreted_side()
