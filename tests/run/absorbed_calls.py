"""Small functions whose bodies the C compiler must inline at hot call sites
(`absorb.rs`): accessors and updaters of native instances, a virtual call whose
targets are all small, a chain of small calls, one with a loop, one taking an int
(short and long), one returning an unboxed tuple. Their results, the exceptions
they raise (tracebacks name both frames, with their lines), module constants
rebound between and during calls, fields never set, Python subclasses that
override a method, reference counts, and a call that runs before its callee's
`def` did."""

import sys
import traceback
from typing import Optional

STEP = 2
LIMIT = 100


def set_const(name: str, value: int) -> None:
    globals()[name] = value


def frames(e: BaseException) -> list[tuple[str, Optional[int]]]:
    return [(fs.name, fs.lineno) for fs in traceback.extract_tb(e.__traceback__)][1:]


def early() -> int:
    return late(3)  # `late` is defined below: NameError until its def has run


try:
    print("early", early())
except NameError as e:
    print("early NameError", e)


def late(x: int) -> int:
    return x * STEP


print("early again", early())


class Node:
    def __init__(self, value: int, nxt: Optional["Node"]) -> None:
        self.value = value
        self.nxt = nxt
        self.visits = 0

    def get(self) -> int:
        self.visits += 1
        return self.value

    def bump(self, by: int) -> int:
        self.value += by * STEP
        return self.value

    def next_value(self) -> int:
        n = self.nxt
        if n is None:
            raise LookupError("no next node")
        return n.get()

    def tail(self) -> "Node":
        t = self
        while t.nxt is not None:
            t = t.nxt
        return t

    def pair(self) -> tuple[int, int]:
        return self.value, self.visits

    def kind(self) -> str:
        return "node"


class Leaf(Node):
    def kind(self) -> str:
        return "leaf"


class Weird(Node):  # interpreted
    pass


def walk(n: Node, rounds: int) -> int:
    total = 0
    for _ in range(rounds):
        total += n.get() + n.bump(1)
        if total > LIMIT * 1000:
            total -= LIMIT
    return total


def kinds(nodes: list[Node]) -> list[str]:
    return [n.kind() for n in nodes]


def test_accessors() -> None:
    a = Node(1, None)
    b = Node(5, a)
    print(walk(b, 10), b.visits, b.value)
    print(b.next_value(), a.visits, b.tail().value, b.pair())
    x, y = b.pair()
    print(x + y)
    print(kinds([a, Leaf(2, None), b, Weird(3, None)]))


def test_long_ints() -> None:
    n = Node(10**20, None)
    print(n.bump(10**19), n.bump(3), n.get(), walk(n, 3) > 0)
    m = Node(-(2**62), None)
    print(m.bump(-(2**61)), m.get())


def test_constants_rebound() -> None:
    n = Node(0, None)
    print(n.bump(1))
    set_const("STEP", 10**21)
    try:
        print(n.bump(1), walk(n, 2))
    finally:
        set_const("STEP", 2)
    print(n.bump(1))


class Rebinder(Node):
    def get(self) -> int:  # rebinds a constant in the middle of `walk`
        set_const("STEP", self.value + 7)
        return 1


def test_constant_rebound_inside() -> None:
    r = Rebinder(3, None)
    try:
        print(walk(r, 3), r.value)
    finally:
        set_const("STEP", 2)


def test_exceptions() -> None:
    lone = Node(4, None)
    try:
        lone.next_value()
    except LookupError as e:
        print("LookupError", e, frames(e))
    odd = Node(1, None)
    del odd.value
    try:
        walk(odd, 2)
    except AttributeError as e:
        print("AttributeError", e, frames(e))
    try:
        Node("x", None).bump(1)  # type: ignore[arg-type]
    except TypeError as e:
        print("TypeError", type(e).__name__)


def depth(k: int, n: Node) -> int:
    if k == 0:
        return n.get()
    return depth(k - 1, n) + n.get()


def test_recursion() -> None:
    n = Node(1, None)
    print(depth(50, n), n.visits)
    try:
        depth(10**6, n)
    except RecursionError:
        print("RecursionError")


def test_references() -> None:
    v = 10**30 + 1
    vs = [v]
    shared = Node(0, None)
    base_v = sys.getrefcount(vs[0])
    base_n = sys.getrefcount(shared)
    n = Node(vs[0], shared)
    for _ in range(10):
        n.get()
        n.next_value()
        n.tail()
        n.pair()
    del n
    print(sys.getrefcount(vs[0]) - base_v, sys.getrefcount(shared) - base_n, shared.visits)
