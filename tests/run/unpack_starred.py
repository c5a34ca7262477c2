"""Starred assignment targets (`a, *rest = xs`, `first, *mid, last = ...`,
nested, in `for` and comprehension targets, with attribute and subscript
targets) from lists, tuples, strings, ranges, dicts, iterators, generators
and custom iterables; CPython's messages for too few values, and those of plain
unpacking (too many / too few / not iterable); evaluation and store order."""

from typing import Any, Iterator


def head_tail(xs: list[int]) -> tuple[int, list[int]]:
    a, *rest = xs
    return a, rest


def test_head_tail() -> None:
    r = [head_tail([1, 2, 3]), head_tail([7])]
    print(r)
    assert r == [(1, [2, 3]), (7, [])]


def init_last(xs: list[int]) -> tuple[list[int], int]:
    *init, last = xs
    return init, last


def test_init_last() -> None:
    r = [init_last([1, 2, 3]), init_last([5])]
    print(r)
    assert r == [([1, 2], 3), ([], 5)]


def first_mid_last(xs: list[str]) -> tuple[str, list[str], str]:
    first, *mid, last = xs
    return first, mid, last


def test_first_mid_last() -> None:
    r = [first_mid_last(["a", "b", "c", "d"]), first_mid_last(["x", "y"])]
    print(r)
    assert r == [("a", ["b", "c"], "d"), ("x", [], "y")]


def star_is_a_new_list(xs: list[int]) -> bool:
    *copy, = xs
    return copy == xs and copy is not xs and type(copy) is list


def test_single_star_copies() -> None:
    r = star_is_a_new_list([1, 2])
    print(r)
    assert r


def from_tuple(t: tuple[int, str, float, bool]) -> tuple[int, list[object], bool]:
    a, *b, c = t
    return a, b, c


def test_from_typed_tuple() -> None:
    r = from_tuple((1, "s", 2.5, True))
    print(r)
    assert r == (1, ["s", 2.5], True)


def short_tuple(t: tuple[int, int]) -> tuple[int, list[int], int]:
    b: list[int]
    a, *b, c = t
    return a, b, c


def test_typed_tuple_empty_star() -> None:
    r = short_tuple((1, 2))
    print(r)
    assert r == (1, [], 2)


def typed_targets(t: tuple[int, float]) -> float:
    n: int
    x: float
    rest: list[object]
    n, *rest, x = t
    return n + x + len(rest)


def test_declared_target_types() -> None:
    r = typed_targets((2, 0.5))
    print(r)
    assert r == 2.5


def from_str(s: str) -> tuple[str, list[str], str]:
    a, *b, c = s  # type: ignore[str-unpack]
    return a, b, c


def test_from_string() -> None:
    r = from_str("hello")
    print(r)
    assert r == ("h", ["e", "l", "l"], "o")


def from_range(n: int) -> tuple[int, list[int]]:
    *a, b = range(n)
    return b, a


def test_from_range() -> None:
    r = from_range(5)
    print(r)
    assert r == (4, [0, 1, 2, 3])


def from_dict_and_set() -> tuple[str, list[str], list[int]]:
    k, *ks = {"x": 1, "y": 2, "z": 3}
    *s, = {3, 1, 2}
    return k, ks, sorted(s)


def test_from_dict_and_set() -> None:
    r = from_dict_and_set()
    print(r)
    assert r == ("x", ["y", "z"], [1, 2, 3])


def from_bytes(b: bytes) -> tuple[int, list[int]]:
    first, *others = b
    return first, others


def test_from_bytes() -> None:
    r = from_bytes(b"AB")
    print(r)
    assert r == (65, [66])


def numbers(n: int) -> Iterator[int]:
    for i in range(n):
        yield i * i


def from_generator(n: int) -> tuple[int, list[int], int]:
    a, *b, c = numbers(n)
    return a, b, c


def test_from_generator() -> None:
    r = from_generator(5)
    print(r)
    assert r == (0, [1, 4, 9], 16)


def from_iterator() -> tuple[int, list[int], list[int]]:
    it = iter([1, 2, 3, 4])
    a, *b = it
    rest = list(it)
    return a, b, rest


def test_iterator_is_exhausted() -> None:
    r = from_iterator()
    print(r)
    assert r == (1, [2, 3, 4], [])


class Countdown:
    def __init__(self, n: int) -> None:
        self.n = n

    def __iter__(self) -> "Countdown":
        return self

    def __next__(self) -> int:
        if self.n <= 0:
            raise StopIteration
        self.n -= 1
        return self.n


class OldSequence:
    """Iterable only through __getitem__ (the old sequence protocol)."""

    def __getitem__(self, i: int) -> str:
        if i >= 3:
            raise IndexError(i)
        return "abc"[i]


def from_custom_iterables() -> tuple[object, ...]:
    a, *b = Countdown(4)
    seq: Any = OldSequence()
    *c, d = seq
    return a, b, c, d


def test_from_custom_iterables() -> None:
    r = from_custom_iterables()
    print(r)
    assert r == (3, [2, 1, 0], ["a", "b"], "c")


def nested(xs: list[Any]) -> tuple[object, ...]:
    (a, *b), c, *d = xs
    return a, b, c, d


def test_nested_star_left() -> None:
    r = nested([[1, 2, 3], 4, 5, 6])
    print(r)
    assert r == (1, [2, 3], 4, [5, 6])


def nested_right(xs: list[Any]) -> tuple[object, ...]:
    a, (b, *c) = xs
    [d, *e] = c
    return a, b, c, d, e


def test_nested_star_right_and_list_target() -> None:
    r = nested_right([0, "xyz"])
    print(r)
    assert r == (0, "x", ["y", "z"], "y", ["z"])


def star_of_tuple_target(xs: list[int]) -> tuple[int, int, int]:
    a, *(b, c) = xs
    return a, b, c


def test_starred_tuple_target() -> None:
    r = star_of_tuple_target([1, 2, 3])
    print(r)
    assert r == (1, 2, 3)
    try:
        star_of_tuple_target([1, 2, 3, 4])
    except ValueError as e:
        print(e)


def chained_assignment(xs: list[int]) -> tuple[list[int], int, list[int]]:
    whole = a, *b = xs
    return whole, a, b


def test_chained_assignment() -> None:
    r = chained_assignment([4, 5, 6])
    print(r)
    assert r == ([4, 5, 6], 4, [5, 6])


def in_for_target(rows: list[list[int]]) -> list[str]:
    out = []
    for first, *others in rows:
        out.append("%d:%s" % (first, others))
    for *front, last in rows:
        out.append("%s|%d" % (front, last))
    return out


def test_for_targets() -> None:
    r = in_for_target([[1, 2, 3], [4]])
    print(r)
    assert r == ["1:[2, 3]", "4:[]", "[1, 2]|3", "[]|4"]


def for_over_items(d: dict[str, tuple[int, int, int]]) -> list[str]:
    out = []
    for k, (first, *rest) in d.items():
        out.append(k + str(first) + str(rest))
    return out


def test_for_over_dict_items() -> None:
    r = for_over_items({"a": (1, 2, 3), "b": (4, 5, 6)})
    print(r)
    assert r == ["a1[2, 3]", "b4[5, 6]"]


def in_comprehension(rows: list[list[int]]) -> tuple[list[list[int]], dict[int, int]]:
    tails = [rest for _, *rest in rows]
    counts = {head: len(rest) for head, *rest in rows}
    return tails, counts


def test_comprehension_targets() -> None:
    r = in_comprehension([[1, 2, 3], [4], [5, 6]])
    print(r)
    assert r == ([[2, 3], [], [6]], {1: 2, 4: 0, 5: 1})


def for_range_rows(n: int) -> int:
    total = 0
    for a, *b in [range(i + 1) for i in range(n)]:
        total += a + len(b)
    return total


def test_for_rows_of_ranges() -> None:
    r = for_range_rows(4)
    print(r)
    assert r == 6


class Box:
    def __init__(self) -> None:
        self.head: object = None
        self.tail: object = None


def attribute_and_subscript_targets(xs: list[int]) -> tuple[object, object, dict[str, object]]:
    box = Box()
    d: dict[str, object] = {}
    box.head, *box.tail = xs  # type: ignore[misc]
    *d["init"], d["last"] = xs
    return box.head, box.tail, d


def test_attribute_and_subscript_targets() -> None:
    r = attribute_and_subscript_targets([1, 2, 3])
    print(r)
    assert r == (1, [2, 3], {"init": [1, 2], "last": 3})


class LoggingDict(dict[str, object]):
    def __init__(self, log: list[str]) -> None:
        super().__init__()
        self.log = log

    def __setitem__(self, key: str, value: object) -> None:
        self.log.append("set %s=%r" % (key, value))
        super().__setitem__(key, value)


def store_order() -> list[str]:
    log: list[str] = []
    d = LoggingDict(log)
    d["a"], *d["b"], d["c"] = [1, 2, 3, 4]
    return log


def test_stores_happen_left_to_right() -> None:
    r = store_order()
    print(r)
    assert r == ["set a=1", "set b=[2, 3]", "set c=4"]


def swap_with_star(xs: list[int]) -> list[int]:
    a, *b = xs
    *c, d = b + [a]
    return c + [d]


def test_rotate() -> None:
    r = swap_with_star([1, 2, 3, 4])
    print(r)
    assert r == [2, 3, 4, 1]


def large_unpack() -> tuple[int, int, int]:
    first, *_, last = range(100000)
    return first, len(_), last


def test_large_unpack() -> None:
    r = large_unpack()
    print(r)
    assert r == (0, 99998, 99999)


def rebinding_loop(xs: list[int]) -> list[int]:
    out = []
    while xs:
        x, *xs = xs
        out.append(x * 2)
    return out


def test_rebinding_in_loop() -> None:
    r = rebinding_loop([1, 2, 3])
    print(r)
    assert r == [2, 4, 6]


# ---- errors ----


def unpack_error(kind: int, value: object) -> str:
    try:
        if kind == 0:
            a, *b, c = value  # type: ignore[misc]
        elif kind == 1:
            a, b, *c, d, e = value  # type: ignore[misc]
        elif kind == 2:
            a, b = value  # type: ignore[misc]
        elif kind == 3:
            a, b, c = value  # type: ignore[misc]
        else:
            *a, b = value  # type: ignore[misc]
        return "ok"
    except (ValueError, TypeError) as e:
        return "%s: %s" % (type(e).__name__, e)


def test_not_enough_values_with_star() -> None:
    r = [
        unpack_error(0, [1]),
        unpack_error(0, []),
        unpack_error(1, [1, 2, 3]),
        unpack_error(1, (1,)),
        unpack_error(4, ""),
        unpack_error(0, iter([1])),
        unpack_error(0, "a"),
        unpack_error(1, numbers(3)),
    ]
    for line in r:
        print(line)
    assert r[0] == "ValueError: not enough values to unpack (expected at least 2, got 1)"
    assert r[1] == "ValueError: not enough values to unpack (expected at least 2, got 0)"
    assert r[2] == "ValueError: not enough values to unpack (expected at least 4, got 3)"
    assert r[3] == "ValueError: not enough values to unpack (expected at least 4, got 1)"


def test_plain_unpacking_messages() -> None:
    r = [
        unpack_error(2, [1, 2, 3]),
        unpack_error(2, (1, 2, 3)),
        unpack_error(2, iter(range(5))),
        unpack_error(2, "abc"),
        unpack_error(3, [1, 2]),
        unpack_error(3, iter([1])),
        unpack_error(2, {1: 2, 3: 4, 5: 6}),
    ]
    for line in r:
        print(line)
    assert r[0] == "ValueError: too many values to unpack (expected 2)"
    assert r[4] == "ValueError: not enough values to unpack (expected 3, got 2)"


def test_not_iterable() -> None:
    r = [unpack_error(0, 5), unpack_error(2, None), unpack_error(4, 2.5), unpack_error(1, object())]
    for line in r:
        print(line)
    assert r[0] == "TypeError: cannot unpack non-iterable int object"
    assert r[1] == "TypeError: cannot unpack non-iterable NoneType object"


def failing_numbers() -> Iterator[int]:
    yield 1
    yield 2
    raise KeyError("generator failed")


def generator_raises() -> str:
    a = b = None
    try:
        a, *b = failing_numbers()
    except KeyError as e:
        return "KeyError %s, a=%r b=%r" % (e, a, b)
    return "no error"


def test_iterator_error_propagates_and_binds_nothing() -> None:
    r = generator_raises()
    print(r)
    assert r == "KeyError 'generator failed', a=None b=None"


def partial_store_failure() -> str:
    d: dict[str, object] = {}
    t = (0,)
    try:
        d["x"], *t[0], d["y"] = [1, 2, 3]  # type: ignore[index]
    except TypeError as e:
        return "TypeError %s %r" % (e, d)
    return "stored %r" % (d,)


def test_store_after_failing_store() -> None:
    r = partial_store_failure()
    print(r)


# ---- module level ----

MOD_FIRST, *MOD_REST = "module"  # type: ignore[str-unpack]
for _k, *_vals in [("a", 1, 2)]:
    MOD_VALS = _vals


def test_module_level() -> None:
    print(MOD_FIRST, MOD_REST, MOD_VALS)
    assert (MOD_FIRST, MOD_REST, MOD_VALS) == ("m", ["o", "d", "u", "l", "e"], [1, 2])
