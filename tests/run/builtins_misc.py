"""Builtins: print (sep/end), len, abs, min, max, sum, int(), float(),
str(), bool(), repr(), isinstance, divmod, pow, hex/oct/bin, range; the
math and sys modules through `import` and `from ... import`."""

import math
import sys
from math import gcd, factorial, isqrt

BIG: int = 2**64


def imax(a: int, b: int) -> int:
    return max(a, b)


def imin3(a: int, b: int, c: int) -> int:
    return min(a, b, c)


def list_max(xs: list[int]) -> int:
    return max(xs)


def list_sum(xs: list[int]) -> int:
    return sum(xs)


def fsum_list(xs: list[float]) -> float:
    return sum(xs)


def to_int(x: object) -> int:
    return int(x)  # type: ignore[call-overload]


def to_float(x: object) -> float:
    return float(x)  # type: ignore[arg-type]


def to_str(x: object) -> str:
    return str(x)


def to_bool(x: object) -> bool:
    return bool(x)


def is_int(x: object) -> bool:
    return isinstance(x, int)


def kind(x: object) -> str:
    if isinstance(x, (int, float)):
        return "number"
    if isinstance(x, (str, list, tuple)):
        return "sequence"
    return "other"


def test_print_variants() -> None:
    print(1, 2, 3)
    print(1, 2, sep="-", end="!\n")
    print("a", "b", sep="")
    print()
    print("no newline", end="")
    print(" <- joined")
    print(None, True, 1.5, "s", [1], (2,), {"k": 3}, sep=" | ")
    print("tab\tand\nnewline")
    print(2**64, -(2**63), 0.1 + 0.2, sep=",")


def test_len_builtin() -> None:
    r = [len("héllo"), len([1, 2, 3]), len({"a": 1}), len((1,)), len(range(0, 100, 7)), len(""), len([[]])]
    print(r)
    assert r == [5, 3, 1, 1, 15, 0, 1]
    try:
        len(5)  # type: ignore[arg-type]
        msg = "no error"
    except TypeError as e:
        msg = str(e)
    print(msg)
    assert msg == "object of type 'int' has no len()"


def test_min_max() -> None:
    r = [
        imax(3, -(2**64)),
        imax(2**63, 2**63 - 1),
        imin3(5, -1, 2**70),
        list_max([3, 1, 2**62, -5]),
        max(2, 2.0),
        min(2.0, 2),
        max(1, 2.5),
        min("b", "a", "c"),
        max([], default=-1),
        max("hello"),
        min([3.5, -0.0, 0.0]),
    ]
    print(r)
    assert r == [3, 2**63, -1, 2**62, 2, 2.0, 2.5, "a", -1, "o", -0.0]
    assert type(max(2, 2.0)).__name__ == "int"
    msgs = []
    try:
        list_max([])
    except ValueError as e:
        msgs.append(str(e))
    try:
        min([])
    except ValueError as e:
        msgs.append(str(e))
    print(msgs)
    assert msgs == ["max() arg is an empty sequence", "min() arg is an empty sequence"]


def test_sum() -> None:
    r = [list_sum([1, 2, 3]), list_sum([]), list_sum([2**63, 2**63, -1]), fsum_list([0.1] * 10), sum([1, 2], 100), sum([[1], [2]], []), sum([1, 0.5]), sum(range(101))]
    print(r)
    assert r == [6, 0, 2**64 - 1, 0.9999999999999999, 103, [1, 2], 1.5, 5050]


def test_int_conversion() -> None:
    r = [
        to_int("42"),
        to_int(" -17 "),
        to_int("1_000"),
        int("ff", 16),
        int("0x1f", 16),
        int("z", 36),
        int("0o17", 0),
        int("0b101", 0),
        to_int("9" * 30),
        to_int(3.99),
        to_int(-3.99),
        to_int(True),
        to_int(BIG + 0.0),
        to_int(-0.0),
        int(),
    ]
    print(r)
    assert r == [42, -17, 1000, 255, 31, 35, 15, 5, 999999999999999999999999999999, 3, -3, 1, BIG, 0, 0]
    assert type(to_int(True)).__name__ == "int"


def test_float_conversion() -> None:
    r = [to_float("1.5"), to_float("  -2e3 "), to_float("1_000.5"), to_float(3), to_float(2**53 + 1), to_float("  inf"), to_float("1e-400"), to_float(False), float()]
    print(r)
    assert r == [1.5, -2000.0, 1000.5, 3.0, 9007199254740992.0, float("inf"), 0.0, 0.0, 0.0]
    n = to_float("-nan")
    assert n != n


def test_str_and_bool_conversion() -> None:
    s = [to_str(3), to_str(3.0), to_str(-0.0), to_str(None), to_str(True), to_str([1, "a", 2.5]), to_str((1,)), to_str({"a": 1}), to_str("x"), str()]
    b = [to_bool("False"), to_bool(""), to_bool(0.0), to_bool([None]), to_bool(BIG), bool()]
    print(s, b)
    assert s == ["3", "3.0", "-0.0", "None", "True", "[1, 'a', 2.5]", "(1,)", "{'a': 1}", "x", ""]
    assert b == [True, False, False, True, True, False]


def test_repr_builtin() -> None:
    r = [repr(1), repr(-(2**64)), repr("a'b"), repr([1, "x"]), repr(None), repr(1.5), repr(True), repr({}), repr((1, 2.0))]
    print(r)
    assert r == ["1", "-18446744073709551616", '"a\'b"', "[1, 'x']", "None", "1.5", "True", "{}", "(1, 2.0)"]


def test_isinstance() -> None:
    vals: list[object] = [True, 1, 2**100, 1.0, "s", [], {}, (), None]
    ints = []
    kinds = []
    for v in vals:
        ints.append(is_int(v))
        kinds.append(kind(v))
    print(ints, kinds)
    assert ints == [True, True, True, False, False, False, False, False, False]
    assert kinds == ["number", "number", "number", "number", "sequence", "sequence", "other", "sequence", "other"]
    r = [isinstance(1, bool), isinstance(True, bool), isinstance(None, object), isinstance(1.0, (int, str)), isinstance(ValueError("x"), Exception)]
    print(r)
    assert r == [False, True, True, False, True]


def test_abs_divmod_pow() -> None:
    r = [abs(-3), abs(-2.5), repr(abs(-0.0)), abs(-(2**63)), abs(True), divmod(7, 2.0), divmod(-7, 2.5), pow(2, 10), pow(2, 10, 1000), pow(2.0, 3), pow(10, -2), pow(3, 200, 10**9 + 7)]
    print(r)
    assert r == [3, 2.5, "0.0", 2**63, 1, (3.0, 1.0), (-3.0, 0.5), 1024, 24, 8.0, 0.01, 136318165]


def test_hex_oct_bin() -> None:
    r = [hex(255), hex(-(2**64)), oct(8), oct(-8), bin(5), bin(-5), bin(0), hex(2**63 - 1)]
    print(r)
    assert r == ["0xff", "-0x10000000000000000", "0o10", "-0o10", "0b101", "-0b101", "0b0", "0x7fffffffffffffff"]


def test_math_and_sys_imports() -> None:
    r = [
        gcd(12, 18),
        gcd(2**64, 2**40 * 3),
        factorial(20),
        factorial(25),
        isqrt(10**20),
        isqrt(2**127),
        math.comb(50, 25),
        math.perm(5, 2),
        math.floor(-0.5),
        math.ceil(-0.5),
        math.log10(1000.0),
        math.inf > BIG,
        sys.maxsize,
        sys.maxsize == 2**63 - 1,
    ]
    print(r)
    assert r == [
        6,
        2**40,
        2432902008176640000,
        15511210043330985984000000,
        10000000000,
        13043817825332782212,
        126410606437752,
        20,
        -1,
        0,
        3.0,
        True,
        9223372036854775807,
        True,
    ]


def test_ord_chr_round_trip() -> None:
    total = 0
    text = ""
    for cp in [72, 233, 0x20AC, 0x1F600, 0x10FFFF]:
        c = chr(cp)
        text += c
        total += ord(c)
    print(len(text), total, text[:4])
    assert len(text) == 5
    assert total == 72 + 233 + 0x20AC + 0x1F600 + 0x10FFFF


def test_range_builtin_values() -> None:
    r = [list(range(3)), list(range(5, 0, -2)), range(10)[3], range(0, 20, 5)[-1], 7 in range(0, 10, 7), repr(range(2, 8, 3)), range(3) == range(0, 3)]
    print(r)
    assert r == [[0, 1, 2], [5, 3, 1], 3, 15, True, "range(2, 8, 3)", True]
