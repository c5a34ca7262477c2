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
