"""len() and truth of values typed list, str, tuple and dict: the exact types' sizes
are read directly, but a subclass's __len__ and __bool__ must still be called."""


class LongList(list):  # type: ignore[type-arg]
    def __len__(self) -> int:
        return 99


class FalseList(list):  # type: ignore[type-arg]
    def __bool__(self) -> bool:
        return False


class OddStr(str):
    def __len__(self) -> int:
        return 7

    def __bool__(self) -> bool:
        return False


class HugeTuple(tuple):  # type: ignore[type-arg]
    def __len__(self) -> int:
        return 2**62 - 1  # the longest length compiled code supports


class BadDict(dict):  # type: ignore[type-arg]
    def __len__(self) -> int:
        return -1


class NotIntLen(list):  # type: ignore[type-arg]
    def __len__(self) -> str:  # type: ignore[override]
        return "three"


def measure(s: str, xs: list[int], t: tuple[int, ...], d: dict[str, int]) -> list[object]:
    return [len(s), bool(s), "s" if s else "-", len(xs), "xs" if xs else "-", not xs, len(t), len(d)]


def count_down(xs: list[int]) -> int:
    n = 0
    while xs and n < 5:
        n += 1
    return n


def test_exact() -> None:
    print(measure("ab", [1], (1, 2), {"a": 1}))
    print(measure("", [], (), {}))


def test_subclasses() -> None:
    print(measure(OddStr("ab"), LongList([1]), HugeTuple((1,)), {}))
    print(measure("x", FalseList([1, 2]), (), {}))
    print(count_down(FalseList([1])), count_down(LongList()), count_down([]))


def test_errors() -> None:
    try:
        print(measure("", [], (), BadDict()))
    except ValueError as e:
        print("ValueError", e)
    try:
        print(measure("", NotIntLen(), (), {}))
    except TypeError as e:
        print("TypeError", e)
