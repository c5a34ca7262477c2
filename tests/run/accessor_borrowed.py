"""Methods that return one of their instance's fields (accessors), called where
the result is only read or written through right away: the compiled caller may
use the field's own reference instead of counting one. Whatever the accessor
returns must stay alive exactly as long as it does under the interpreter,
including when the call goes to a Python subclass's override, when the module's
constants change, when the field is unset, and when the caller runs code that
replaces the field before it is done with the result."""

import sys
import weakref
from typing import Optional

FORWARD = 1
LOG: list[str] = []


class Cell:
    def __init__(self, name: str, value: int) -> None:
        self.name = name
        self.value = value

    def __del__(self) -> None:
        LOG.append("del " + self.name)


class Link:
    def __init__(self, a: Cell, b: Cell) -> None:
        self.a = a
        self.b = b
        self.way = FORWARD

    def source(self) -> Cell:
        return self.a if self.way == FORWARD else self.b

    def target(self) -> Cell:
        return self.b if self.way == FORWARD else self.a

    def first(self) -> Cell:
        return self.a

    def copy(self) -> None:
        self.target().value = self.source().value

    def bump(self) -> int:
        self.first().value += 1
        return self.first().value

    def swap_in(self, c: Cell) -> int:
        old = self.a
        self.a = c
        return old.value

    def bump_while_swapping(self, c: Cell) -> int:
        # The result of first() is used after a call that replaces the field:
        # the old cell must live until the += is done.
        self.first().value += self.swap_in(c)
        return self.a.value


class Guarded:
    """Returns a field through a local that an exception handler also uses before
    raising: the handler's release of the local must not be the field's."""

    def __init__(self, c: Cell) -> None:
        self.c = c

    def get(self, k: int) -> Cell:
        x = self.c
        try:
            10 // k
        except ZeroDivisionError:
            LOG.append("handler sees " + str(x.value))
            raise ValueError("zero")
        return x

    def peek(self, k: int) -> int:
        return self.get(k).value


class LoudLink(Link):
    """An interpreted-style override: the compiled dispatch falls back to it."""

    def source(self) -> Cell:
        LOG.append("LoudLink.source")
        return Cell("fresh", 1000)


class Holder:
    def __init__(self) -> None:
        self.item: Optional[Cell] = None

    def get(self) -> Optional[Cell]:
        return self.item

    def describe(self) -> str:
        return "empty" if self.get() is None else "full"


class Node:
    def __init__(self, v: int) -> None:
        self.v = v
        self.next: Optional[Node] = None

    def succ(self) -> Optional["Node"]:
        return self.next


def run_links() -> None:
    a = Cell("a", 1)
    b = Cell("b", 2)
    link = Link(a, b)
    before = (sys.getrefcount(a), sys.getrefcount(b))
    for k in range(1000):
        a.value = k
        link.copy()
    after = (sys.getrefcount(a), sys.getrefcount(b))
    print("copy", b.value, "refcounts unchanged:", before == after)
    link.way = 2
    link.copy()
    print("backward", a.value, b.value)
    print("bump", link.bump(), link.bump())


def run_override() -> None:
    a = Cell("la", 5)
    b = Cell("lb", 6)
    loud = LoudLink(a, b)
    loud.copy()
    print("override", b.value, LOG)
    LOG.clear()
    # A list of both kinds: the exact type goes the compiled way, the other the
    # override's.
    links: list[Link] = [Link(Cell("x", 7), Cell("y", 0)), LoudLink(Cell("z", 8), Cell("w", 0))]
    for ln in links:
        ln.copy()
    print("mixed", [ln.b.value for ln in links])
    links.clear()
    print("freed", sorted(LOG))
    LOG.clear()


def run_only_owner() -> None:
    # The field holds the only reference: the result must not be freed early.
    link = Link(Cell("solo-a", 3), Cell("solo-b", 4))
    probe = weakref.ref(link.a)
    link.copy()
    print("only owner alive:", probe() is not None, link.b.value, LOG)
    old = Cell("old", 10)
    link2 = Link(old, Cell("other", 0))
    del old
    print("swap", link2.bump_while_swapping(Cell("new", 20)), LOG)
    LOG.clear()


def run_optional() -> None:
    h = Holder()
    print(h.describe())
    h.item = Cell("held", 1)
    print(h.describe())
    h.item = None
    print(h.describe(), LOG)
    LOG.clear()
    n = Node(1)
    n.next = Node(2)
    total = 0
    cur: Optional[Node] = n
    while cur is not None:
        total += cur.v
        cur = cur.succ()
    print("walk", total)


def run_guarded() -> None:
    g = Guarded(Cell("guarded", 7))
    before = sys.getrefcount(g.c)
    for k in (0, 2, 0, -3):
        try:
            print("peek", g.peek(k))
        except ValueError as e:
            print("caught", e)
    print("guarded refcount unchanged:", sys.getrefcount(g.c) == before, g.c.value, LOG)
    LOG.clear()


def run_unset() -> None:
    class Half(Link):
        def __init__(self) -> None:
            pass

    try:
        Half().copy()
    except AttributeError as e:
        print("unset:", e)


def run_constants_changed() -> None:
    global FORWARD
    a = Cell("ca", 1)
    b = Cell("cb", 2)
    link = Link(a, b)
    FORWARD = 2  # now `way == FORWARD` is false for this link: it copies b -> a
    link.copy()
    print("constants changed", a.value, b.value)
    FORWARD = 1
    link.copy()
    print("constants back", a.value, b.value)


run_links()
run_override()
run_only_owner()
run_optional()
run_guarded()
run_unset()
run_constants_changed()
print("end", sorted(LOG))
