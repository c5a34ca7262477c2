"""pop / remove / insert on values typed `list`: same results and errors as the
list methods, including indexes out of range, huge indexes, and __eq__ methods
that raise or change the list while remove() compares."""

from typing import List


class Weird:
    def __init__(self, target: List[object], mode: str) -> None:
        self.target = target
        self.mode = mode

    def __eq__(self, other: object) -> bool:
        if self.mode == "raise":
            raise RuntimeError("eq boom")
        if self.mode == "clear":
            self.target.clear()
        return False

    __hash__ = None  # type: ignore[assignment]


def pops(xs: List[int]) -> List[str]:
    out = []
    for i in [-1, 0, 1, -2, 99, -99, 10**30]:
        try:
            out.append(str(xs.pop(i)))
        except (IndexError, OverflowError) as e:
            out.append(type(e).__name__ + ": " + str(e))
    while True:
        try:
            out.append(str(xs.pop()))
        except IndexError as e:
            out.append("IndexError: " + str(e))
            break
    return out


def test_pop() -> None:
    print(pops([1, 2, 3, 4, 5, 6, 7]))
    print(pops([]))


def test_remove() -> None:
    xs: List[object] = [1, "a", 2.0, None, "a"]
    xs.remove("a")
    xs.remove(2)
    print(xs)
    try:
        xs.remove(42)
    except ValueError as e:
        print("ValueError:", e)
    ys: List[object] = [1, 2, 3]
    try:
        ys.remove(Weird(ys, "raise"))
    except RuntimeError as e:
        print("RuntimeError:", e)
    try:
        ys.remove(Weird(ys, "clear"))
    except ValueError as e:
        print("ValueError:", e, ys)


class Plain:
    def __init__(self, tag: str) -> None:
        self.tag = tag


class Loud(Plain):
    """Equal to any Plain with the same tag; says who was asked."""

    def __eq__(self, other: object) -> bool:
        print("  Loud.__eq__", self.tag, "vs", getattr(other, "tag", other))
        return isinstance(other, Plain) and other.tag == self.tag

    __hash__ = None  # type: ignore[assignment]


def test_remove_instances() -> None:
    a, b, c = Plain("a"), Plain("b"), Plain("c")
    xs: List[Plain] = [a, b, c, b]
    xs.remove(b)
    print([p.tag for p in xs])
    try:
        xs.remove(Plain("a"))  # equal tags, but plain instances compare by identity
    except ValueError as e:
        print("ValueError:", e)
    # A searched-for value whose class defines __eq__: each item is asked first,
    # then, since Loud subclasses Plain, Loud's reflected __eq__ is asked first.
    xs.remove(Loud("c"))
    print([p.tag for p in xs])
    # An item whose class defines __eq__ is asked about a plain value.
    ys: List[Plain] = [Plain("x"), Loud("y"), Plain("y")]
    ys.remove(Plain("y"))
    print([type(p).__name__ + ":" + p.tag for p in ys])
    # Mixed with items whose types compare by value.
    zs: List[object] = [1.0, a, "s", (1, 2), a]
    zs.remove(a)
    zs.remove(1)
    zs.remove((1, 2))
    print([type(z).__name__ for z in zs])


def test_insert() -> None:
    xs: List[int] = [1, 2, 3]
    for i in [0, -1, 100, -100, 2, 10**30, -(10**30)]:
        try:
            xs.insert(i, i % 1000)
        except OverflowError as e:
            print("OverflowError:", e)
    print(xs)


def test_queue_like_use() -> None:
    todo: List[int] = [1]
    seen = 0
    while todo:
        n = todo.pop()
        seen += 1
        if n < 200:
            todo.append(n * 2)
            todo.insert(0, n * 2 + 1)
    print(seen)
