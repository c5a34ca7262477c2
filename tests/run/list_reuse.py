"""Lists that a function builds and drops on every call (work lists, small
displays): compiled code keeps the freed ones for the next display. A list
made again must be indistinguishable from a new one: empty of the old items,
its items released last to first as list's own dealloc does, the size
sys.getsizeof reports, tracked by the collector, and never shared with a list
that is still alive."""

import gc
import sys
from typing import Optional

log: list[str] = []


class Noisy:
    def __init__(self, name: str) -> None:
        self.name = name

    def __del__(self) -> None:
        log.append(self.name)


class Node:
    def __init__(self, name: str) -> None:
        self.name = name
        self.out: list[Node] = []


def reachable(start: Node) -> list[str]:
    seen: set[str] = {start.name}
    todo: list[Node] = [start]
    order: list[str] = []
    while todo:
        n = todo.pop()
        order.append(n.name)
        for m in n.out:
            if m.name not in seen:
                seen.add(m.name)
                todo.append(m)
    return order


def test_work_lists_per_call() -> None:
    nodes = [Node(f"n{i}") for i in range(12)]
    for i, n in enumerate(nodes):
        n.out.append(nodes[(i * 5 + 1) % 12])
        n.out.append(nodes[(i + 3) % 12])
    results = [reachable(nodes[k]) for k in range(12)]
    for r in results:
        assert len(r) == len(set(r))
    print(results[0])
    print([len(r) for r in results])
    print(results[7][:5])


def three(a: str, b: str, c: str) -> int:
    items = [Noisy(a), Noisy(b), Noisy(c)]
    return len(items)


def test_items_released_last_to_first() -> None:
    log.clear()
    n = three("a", "b", "c")
    print(n, log)
    assert log == ["c", "b", "a"]
    log.clear()
    for k in range(3):
        three(f"x{k}", f"y{k}", f"z{k}")
    print(log)


class Rebuilder:
    """Builds and drops lists while a dropped list's items are being released."""

    def __init__(self, name: str, out: list[list[str]]) -> None:
        self.name = name
        self.out = out

    def __del__(self) -> None:
        tmp = [self.name, self.name.upper()]
        pair = [tmp[1]]
        self.out.append(tmp + pair)


def drop_rebuilders(out: list[list[str]]) -> int:
    held = [Rebuilder("p", out), Rebuilder("q", out), Rebuilder("r", out)]
    return len(held)


def test_lists_made_while_items_are_released() -> None:
    out: list[list[str]] = []
    for _ in range(4):
        drop_rebuilders(out)
    print(out[:3], len(out))
    assert out[0] == ["r", "R", "R"]
    assert len(out) == 12


def one(x: int) -> list[int]:
    return [x]


def two(x: int, y: int) -> list[int]:
    return [x, y]


def grown(n: int) -> int:
    acc = [0]
    for i in range(n):
        acc.append(i)
    return sum(acc)


def test_sizes_after_reuse() -> None:
    # Big lists grow and are dropped; the small displays after them must still
    # report list's own sizes (len == allocated for a display).
    sizes: list[int] = []
    for n in (1, 9, 40, 3):
        sizes.append(grown(n))
        sizes.append(sys.getsizeof(one(n)) - sys.getsizeof([]))
        sizes.append(sys.getsizeof(two(n, n)) - sys.getsizeof([]))
    print(sizes)


def fresh_pair(x: str) -> list[str]:
    scratch = [x, x]
    kept = [x + "!"]
    scratch.append(x)
    return kept


def test_live_lists_never_shared() -> None:
    kept = [fresh_pair(c) for c in "abcdef"]
    again = [fresh_pair(c) for c in "uvw"]
    everything = kept + again
    ids = {id(x) for x in everything}
    print(len(ids), kept, again)
    assert len(ids) == len(everything)
    kept[0].append("more")
    print(kept[:2], again[0])


def appended_after_reuse(n: int) -> list[int]:
    out = [n]
    for i in range(n):
        out.append(i * n)
    return out


def test_growth_after_reuse() -> None:
    for _ in range(3):
        grown(20)
    a = appended_after_reuse(5)
    b = appended_after_reuse(17)
    print(a, b[-3:], len(b))
    assert b[0] == 17 and len(b) == 18


def cycle_through_display(tag: str) -> None:
    box = [tag, None]
    box[1] = box  # type: ignore[call-overload]


def tracked_display(x: int) -> bool:
    a = [x]
    return gc.is_tracked(a)


def test_collector_sees_reused_lists() -> None:
    for k in range(3):
        grown(k)
    print(tracked_display(1), tracked_display(2))
    gc.collect()
    for k in range(5):
        cycle_through_display(f"t{k}")
    found = gc.collect()
    print(found >= 5)
    assert found >= 5


def nested(depth: int) -> int:
    inner: list[object] = [depth]
    for d in range(depth):
        inner = [inner, d]
    return len(inner)


def test_nested_lists_released() -> None:
    print(nested(3), nested(50_000), nested(0))


def maybe_first(xs: list[Optional[str]]) -> Optional[str]:
    copy = [x for x in xs if x is not None]
    head = [copy[0]] if copy else [None]
    return head[0]


def test_displays_and_comprehensions() -> None:
    print(maybe_first(["a", None, "b"]), maybe_first([None]), maybe_first([]))
    rows = [[i, i * i] for i in range(4)]
    print(rows)


freed: list[int] = [0]


class Link:
    """Its finalizer frees the next link through a list display: a chain of
    finalizers each freeing a list, as deep as the chain is long."""

    def __init__(self, nxt: "Optional[Link]") -> None:
        self.nxt = nxt

    def __del__(self) -> None:
        held = [self.nxt]
        self.nxt = None
        freed[0] += len(held)


def test_long_chain_of_finalizers_freeing_lists() -> None:
    head: Optional[Link] = None
    for _ in range(100_000):
        head = Link(head)
    head = None
    print(freed[0])
    assert freed[0] == 100_000
