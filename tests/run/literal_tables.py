"""Displays of many literals (data tables in the source): tuples, lists, sets and
dicts of numbers, strings, bytes, None/True/False/..., negative numbers and nested
tuples. The compiled module makes each such display from one prebuilt tuple; the
values, types, order, identity rules and errors must be the interpreter's."""

from typing import Dict, List, Set, Tuple

PRIMES = (2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37, 41, 43, 47, 53, 59, 61, 67, 71)

MIXED = (
    0,
    -1,
    9223372036854775807,
    -9223372036854775808,
    -9223372036854775809,
    123456789012345678901234567890,
    -0.0,
    1e999,
    -1e999,
    2.5e-308,
    3j,
    "",
    "caf\u00e9",
    "nul\x00inside",
    "\U0001f600",
    b"",
    b"\x00\xffbytes",
    None,
    True,
    False,
    ...,
    (1, (2, (3, "deep")), ()),
)

GRID = (
    (0, 0), (0, 1), (0, 2), (0, 3), (1, 0), (1, 1), (1, 2), (1, 3),
    (2, 0), (2, 1), (2, 2), (2, 3), (3, 0), (3, 1), (3, 2), (3, 3),
)


def show(v: object) -> str:
    return type(v).__name__ + ":" + repr(v)


def test_tuple_values() -> None:
    print(len(PRIMES), sum(PRIMES), PRIMES[-1], PRIMES[5:9])
    print([show(v) for v in MIXED])
    print(len(GRID), GRID[5], sum(a * b for a, b in GRID))
    # The same object every time, as a constant of the interpreter is.
    print(MIXED[7] == float("inf"), str(MIXED[6]), MIXED[9] > 0)


def table() -> Tuple[int, ...]:
    return (10, 20, 30, 40, 50, 60, 70, 80, 90, 100, 110, 120, 130, 140, 150, 160, 170)


def fresh_list() -> List[int]:
    return [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18]


def fresh_set() -> Set[object]:
    return {1, True, 1.0, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, "x", b"x", None}


def fresh_dict() -> Dict[object, str]:
    return {
        1: "one",
        True: "true",
        1.0: "float one",
        2: "two",
        "a": "A",
        "b": "B",
        (1, 2): "pair",
        None: "none",
        -5: "minus five",
        b"k": "bytes",
        3: "three",
        4: "four",
        5: "five",
        6: "six",
        7: "seven",
        8: "eight",
        "a": "A again",
    }


def test_identity_and_freshness() -> None:
    print(table() is table(), sum(table()))
    a = fresh_list()
    b = fresh_list()
    print(a is b, a == b)
    a.append(99)
    a[0] = -1
    print(a[:3], a[-1], fresh_list()[:3], len(fresh_list()))
    s = fresh_set()
    s.add("new")
    print(len(s), len(fresh_set()), "new" in fresh_set())


def test_set_semantics() -> None:
    s = fresh_set()
    # 1, True and 1.0 are one element: the first inserted, 1, stays.
    ones = [show(v) for v in s if v == 1]
    print(ones, len(s))
    print(sorted(repr(v) for v in s))


def test_dict_semantics() -> None:
    d = fresh_dict()
    print(len(d))
    # Equal keys keep the first key object and the last value, in first-seen order.
    print([(show(k), v) for k, v in d.items()])
    d["c"] = "C"
    print(len(d), len(fresh_dict()), "c" in fresh_dict())


def test_typed_tables() -> None:
    xs: List[int] = [5, 3, 8, 1, 9, 2, 7, 4, 6, 0, 15, 13, 11, 14, 12, 10]
    total = 0
    for x in xs:
        total += x * x
    xs.sort()
    print(total, xs[:4], xs[-1])
    fs: List[float] = [0.5, 1.5, 2.5, 3.5, 4.5, 5.5, 6.5, 7.5, 8.5, 9.5, 10.5, 11.5, 12.5, 13.5, 14.5, 15.5]
    acc = 0.0
    for f in fs:
        acc += f
    print(acc)
    names: Tuple[str, ...] = ("a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k", "l", "m", "n", "o", "p")
    print("".join(names[::2]), names.index("k"))


def test_local_tables_in_loops() -> None:
    out = []
    for i in range(3):
        row = [i, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15]  # not all literals
        lits = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15]
        lits[i] = -1
        out.append((row[0], lits[:4], sum(lits)))
    print(out)


def test_just_below_and_at_the_threshold() -> None:
    fifteen = (1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15)
    sixteen = (1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16)
    print(len(fifteen), len(sixteen), fifteen == sixteen[:15], sixteen[15])
    mixed = [(1, 2), [3], 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17]
    print(mixed[:2], len(mixed))


def test_errors_from_tables() -> None:
    try:
        print({1: 1, 2: 2, 3: 3, 4: 4, 5: 5, 6: 6, 7: 7, 8: 8, 9: 9, 10: 10, 11: 11, 12: 12, 13: 13, 14: 14, 15: 15, (16, [16]): 16})  # type: ignore[dict-item]
    except TypeError as e:
        print("TypeError:", e)
    i = len(PRIMES)
    try:
        print(PRIMES[i])
    except IndexError as e:
        print("IndexError:", e)
    try:
        PRIMES.index(4)
    except ValueError as e:
        print("ValueError:", e)
