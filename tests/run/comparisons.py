"""Comparisons: chained comparisons evaluate each middle operand once and
short-circuit, mixed int/float/bool comparisons, str/list/tuple ordering,
identity and membership, and comparison TypeErrors."""

CALLS: int = 0
TRACE: list[str] = []


def counted(x: int) -> int:
    global CALLS
    CALLS += 1
    return x


def traced(tag: str, x: int) -> int:
    TRACE.append(tag)
    return x


def reset() -> None:
    global CALLS
    CALLS = 0
    TRACE.clear()


def between(lo: int, x: int, hi: int) -> bool:
    return lo <= x < hi


def fbetween(lo: float, x: float, hi: float) -> bool:
    return lo < x < hi


def sorted3(a: int, b: int, c: int) -> bool:
    return a <= b <= c


def all_distinct_chain(a: int, b: int, c: int) -> bool:
    return a != b != c


def less_any(a, b):
    return a < b


def eq_any(a, b):
    return a == b


def same(a: object, b: object) -> bool:
    return a is b


def str_less(a: str, b: str) -> bool:
    return a < b


def test_chain_middle_evaluated_once() -> None:
    reset()
    r1 = 1 < counted(5) < 10
    c1 = CALLS
    r2 = 1 < counted(0) < 10
    c2 = CALLS
    r3 = 0 <= counted(3) <= counted(3) <= 3
    c3 = CALLS
    print(r1, c1, r2, c2, r3, c3)
    assert r1 is True
    assert c1 == 1
    assert r2 is False
    assert c2 == 2
    assert r3 is True
    assert c3 == 4


def test_chain_short_circuit_order() -> None:
    reset()
    r1 = traced("a", 20) < traced("b", 10) < traced("c", 30)
    t1 = list(TRACE)
    reset()
    r2 = traced("a", 1) < traced("b", 2) < traced("c", 3) < traced("d", 0) < traced("e", 9)
    t2 = list(TRACE)
    reset()
    r3 = 1 > 2 < counted(3)
    print(r1, t1, r2, t2, r3, CALLS)
    assert r1 is False
    assert t1 == ["a", "b"]
    assert r2 is False
    assert t2 == ["a", "b", "c", "d"]
    assert r3 is False
    assert CALLS == 0


def test_chain_mixed_operators() -> None:
    r = [
        1 < 2 <= 2 == 2 != 3 > 0 >= 0,
        1 < 2 > 3,
        3 > 2 > 1 > 0 > -1,
        5 == 5 == 5.0,
        0 < 0.5 < 1 < 2**64 < 1e20 < 10**21,
        -(2**63) < -(2**62) < 0 < 2**62 < 2**63,
        1 == 1 != 1,
    ]
    print(r)
    assert r == [True, False, True, True, True, True, False]


def test_typed_chains_at_boundaries() -> None:
    r = [
        between(0, 0, 10),
        between(0, 10, 10),
        between(-(2**63), 2**62, 2**63),
        between(2**62, 2**63, 2**64),
        between(2**64, 2**64 - 1, 2**65),
        sorted3(1, 1, 1),
        sorted3(1, 3, 2),
        sorted3(-(2**64), 0, 2**64),
        all_distinct_chain(1, 2, 1),
        all_distinct_chain(1, 1, 2),
        fbetween(0.0, 0.5, 1.0),
        fbetween(0.0, float("nan"), 1.0),
    ]
    print(r)
    assert r == [True, False, True, True, False, True, False, True, True, False, True, False]


def test_int_float_bool_equality() -> None:
    r = [
        1 == 1.0,
        True == 1,
        False == 0,
        True == 1.0,
        eq_any(2**53 + 1, 2.0**53),
        eq_any(2**53, 2.0**53),
        False < True,
        True > 0.5,
        eq_any(0, -0.0),
        eq_any(1, "1"),
        eq_any([], ()),
        eq_any(None, 0),
        eq_any(None, None),
    ]
    print(r)
    assert r == [True, True, True, True, False, True, True, True, True, False, False, False, True]


def test_string_ordering() -> None:
    r = [
        str_less("abc", "abd"),
        str_less("Z", "a"),
        str_less("", "a"),
        str_less("ab", "abc"),
        str_less("abc", "ab"),
        str_less("é", "z"),
        str_less("z", "é"),
        str_less("😀", "\uffff"),
        str_less("\uffff", "😀"),
        "apple" == "apple",
        "a" < "b" < "c",
        "b" > "a" > "B",
        "abc" != "abc ",
    ]
    print(r)
    assert r == [True, True, True, True, False, False, True, False, True, True, True, True, True]


def test_sequence_ordering() -> None:
    r = [
        [1, 2] < [1, 3],
        [1, 2] < [1, 2, 0],
        (1, 2) == (1, 2),
        (1, 2) < (1, 2, 0),
        (2,) > (1, 9, 9),
        [1, 2] == [1, 2],
        [1, [2, 3]] == [1, [2, 3]],
        (1, "a") < (1, "b"),
        [2**64] > [2**63],
        [] < [0],
    ]
    print(r)
    assert r == [True, True, True, True, True, True, True, True, True, True]


def test_identity_and_none() -> None:
    x = None
    y = [1]
    z = y
    r = [x is None, y is not None, same(y, z), same(y, [1]), y == [1], same(None, None), same(True, 1 == 1)]
    print(r)
    assert r == [True, True, True, False, True, True, True]


def test_membership() -> None:
    d = {"a": 1, "b": 2}
    r = [
        3 in [1, 2, 3],
        4 not in [1, 2, 3],
        "x" not in "abc",
        "bc" in "abc",
        "" in "abc",
        "a" in d,
        1 in d,
        2**64 in [2**64],
        1.0 in [1, 2],
        (1, 2) in [(1, 2)],
        "é" in "café",
    ]
    print(r)
    assert r == [True, True, True, True, True, True, False, True, True, True, True]


def test_comparison_results_as_ints() -> None:
    xs = [5, -3, 0, 8, -1, 2**70]
    positives = 0
    for x in xs:
        positives += x > 0
    r = (3 > 2) + 1
    print(positives, r, True + True, (1 < 2) * 10)
    assert positives == 3
    assert r == 2
    assert True + True == 2
    assert (1 < 2) * 10 == 10


def test_ordering_type_errors() -> None:
    msgs = []
    try:
        less_any(1, "a")
    except TypeError as e:
        msgs.append(str(e))
    try:
        less_any([1], (1,))
    except TypeError as e:
        msgs.append(str(e))
    try:
        less_any(None, None)
    except TypeError as e:
        msgs.append(str(e))
    try:
        less_any({}, {})
    except TypeError as e:
        msgs.append(str(e))
    for m in msgs:
        print(m)
    assert msgs == [
        "'<' not supported between instances of 'int' and 'str'",
        "'<' not supported between instances of 'list' and 'tuple'",
        "'<' not supported between instances of 'NoneType' and 'NoneType'",
        "'<' not supported between instances of 'dict' and 'dict'",
    ]


def test_compare_untyped_mixed() -> None:
    r = [less_any(1, 1.5), less_any(2**64, 1e30), less_any(1e30, 2**64), less_any("a", "b"), less_any(False, 1), less_any(-0.0, 0)]
    print(r)
    assert r == [True, True, False, True, True, False]


def test_min_max_of_comparisons() -> None:
    vals = [3, -(2**63), 2**64, 0, -1]
    lo = vals[0]
    hi = vals[0]
    for v in vals:
        if v < lo:
            lo = v
        if v > hi:
            hi = v
    print(lo, hi)
    assert lo == -9223372036854775808
    assert hi == 18446744073709551616
