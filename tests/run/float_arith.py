"""Float arithmetic: C-double semantics with Python's signs for // and %,
mixed int/float operations, inf/nan, signed zero, comparisons between big
ints and floats, the math module."""

import math
from math import sqrt, floor, ceil, pi, inf, nan

HUGE: float = 1e308


def fadd(a: float, b: float) -> float:
    return a + b


def fsub(a: float, b: float) -> float:
    return a - b


def fmul(a: float, b: float) -> float:
    return a * b


def fdiv(a: float, b: float) -> float:
    return a / b


def ffloordiv(a: float, b: float) -> float:
    return a // b


def fmod(a: float, b: float) -> float:
    return a % b


def fpow(a: float, b: float) -> float:
    return a**b


def fneg(a: float) -> float:
    return -a


def fdivmod(a: float, b: float) -> tuple[float, float]:
    return divmod(a, b)


def mixed_div(a: int, b: float) -> float:
    return a / b


def mixed_floordiv(a: int, b: float) -> float:
    return a // b


def mixed_mod(a: float, b: int) -> float:
    return a % b


def mixed_add(a: int, b: float) -> float:
    return a + b


def int_true_div(a: int, b: int) -> float:
    return a / b


def int_eq_float(a: int, b: float) -> bool:
    return a == b


def int_gt_float(a: int, b: float) -> bool:
    return a > b


def int_lt_float(a: int, b: float) -> bool:
    return a < b


def fmax(a: float, b: float) -> float:
    return max(a, b)


def fmin(a: float, b: float) -> float:
    return min(a, b)


def sum_tenths(n: int) -> float:
    total = 0.0
    for _ in range(n):
        total += 0.1
    return total


def leibniz(terms: int) -> float:
    total = 0.0
    sign = 1.0
    for k in range(terms):
        total += sign / (2 * k + 1)
        sign = -sign
    return 4.0 * total


def newton_sqrt(x: float) -> float:
    guess = x / 2.0
    for _ in range(30):
        guess = (guess + x / guess) / 2.0
    return guess


def test_basic_float_ops() -> None:
    r = [fadd(0.1, 0.2), fsub(1.0, 0.9), fmul(1.5, 2.0), fdiv(7.0, 2.0), fadd(1.1, 2.2), fmul(100.0, 1.1), fneg(2.5), fneg(0.0)]
    print(r)
    assert r[0] == 0.30000000000000004
    assert r[1] == 0.09999999999999998
    assert r[2] == 3.0
    assert r[3] == 3.5
    assert r[4] == 3.3000000000000003
    assert r[5] == 110.00000000000001
    assert r[6] == -2.5
    assert repr(r[7]) == "-0.0"


def test_floordiv_float_signs() -> None:
    r = [
        ffloordiv(7.0, 2.0),
        ffloordiv(-7.0, 2.0),
        ffloordiv(7.0, -2.0),
        ffloordiv(-7.0, -2.0),
        ffloordiv(7.5, 0.5),
        ffloordiv(-0.5, 2.0),
        mixed_floordiv(7, 2.0),
        mixed_floordiv(-7, 2.0),
    ]
    print(r)
    assert r == [3.0, -4.0, -4.0, 3.0, 15.0, -1.0, 3.0, -4.0]


def test_mod_float_signs() -> None:
    r = [
        fmod(7.0, 3.0),
        fmod(-7.0, 3.0),
        fmod(7.0, -3.0),
        fmod(-7.0, -3.0),
        fmod(5.5, 2.0),
        fmod(-0.0, 1.0),
        fmod(0.0, -1.0),
        fmod(-1e-20, 1.0),
        fmod(3.0, 0.7),
        fmod(-3.0, 0.7),
        mixed_mod(-7.5, 2),
    ]
    print(r)
    assert r[:6] == [1.0, 2.0, -2.0, -1.0, 1.5, 0.0]
    assert repr(r[5]) == "0.0"
    assert repr(r[6]) == "-0.0"
    assert r[7] == 1.0
    assert r[8] == 0.20000000000000018
    assert r[9] == 0.4999999999999998
    assert r[10] == 0.5


def test_float_divmod() -> None:
    r = [fdivmod(7.5, 2.0), fdivmod(-7.5, 2.0), fdivmod(7.5, -2.0), fdivmod(-0.0, 1.0)]
    print(r)
    assert r == [(3.0, 1.5), (-4.0, 0.5), (-4.0, -0.5), (-0.0, 0.0)]
    q, m = fdivmod(-0.0, 1.0)
    assert repr(q) == "-0.0"


def test_int_float_mixing() -> None:
    r = [mixed_add(1, 0.5), mixed_div(3, 2.0), int_true_div(3, 2), int_true_div(-1, 4), mixed_add(2**53, 1.0), mixed_div(10**20, 1e10)]
    print(r)
    assert r == [1.5, 1.5, 1.5, -0.25, 9007199254740992.0, 10000000000.0]
    # a float result even when the value is integral
    assert repr(int_true_div(4, 2)) == "2.0"
    assert repr(mixed_add(1, 1.0)) == "2.0"


def test_big_int_vs_float_compare() -> None:
    r = [
        int_eq_float(2**53 + 1, 2.0**53),
        int_gt_float(2**53 + 1, 2.0**53),
        int_gt_float(10**400, HUGE),
        int_lt_float(10**400, inf),
        int_gt_float(-(10**400), -inf),
        int_eq_float(2**63, 9.223372036854776e18),
        int_eq_float(2**63 - 1, 9.223372036854776e18),
        int_lt_float(2**63 - 1, 9.223372036854776e18),
        int_eq_float(1, 1.0),
        int_eq_float(0, -0.0),
        int_lt_float(5, nan),
        int_gt_float(5, nan),
        int_eq_float(5, nan),
    ]
    print(r)
    assert r == [False, True, True, True, True, True, False, True, True, True, False, False, False]


def test_inf_and_overflow_to_inf() -> None:
    r = [fmul(HUGE, 10.0), fmul(-HUGE, 10.0), fsub(inf, inf), fmul(inf, 0.0), fdiv(1.0, inf), fdiv(-1.0, inf), fadd(HUGE, HUGE)]
    print(r)
    assert r[0] == inf
    assert r[1] == -inf
    assert math.isnan(r[2])
    assert math.isnan(r[3])
    assert repr(r[4]) == "0.0"
    assert repr(r[5]) == "-0.0"
    assert math.isinf(r[6])
    # underflow to zero and subnormals
    tiny = fpow(2.0, -1074.0)
    print(tiny, fdiv(tiny, 2.0), fmul(1e-320, 1e-10))
    assert tiny == 5e-324
    assert fdiv(tiny, 2.0) == 0.0


def test_nan_comparisons() -> None:
    x = float("nan")
    r = [x == x, x != x, x < 1.0, x > 1.0, x <= x, x >= x, 1.0 < x, x == nan, math.isnan(x)]
    print(r)
    assert r == [False, True, False, False, False, False, False, False, True]
    # max/min keep the first argument when comparisons are false
    m = [fmax(nan, 1.0), fmax(1.0, nan), fmin(nan, 1.0), fmin(1.0, nan)]
    print(m)
    assert math.isnan(m[0])
    assert m[1] == 1.0
    assert math.isnan(m[2])
    assert m[3] == 1.0


def test_float_pow() -> None:
    r = [fpow(2.0, 0.5), fpow(10.0, -2.0), fpow(0.0, 0.0), fpow(-2.0, 2.0), fpow(-2.0, 3.0), fpow(1.5, 100.0), fpow(inf, 0.0), fpow(1.0, nan)]
    print(r)
    assert r == [1.4142135623730951, 0.01, 1.0, 4.0, -8.0, 4.065611775352152e17, 1.0, 1.0]
    assert fpow(4.0, -0.5) == 0.5


def test_signed_zero() -> None:
    nz = fneg(0.0)
    r = [nz == 0.0, repr(nz), repr(fmul(0.0, -1.0)), repr(fadd(nz, 0.0)), repr(fadd(nz, nz)), math.copysign(1.0, nz), repr(abs(nz))]
    print(r)
    assert r == [True, "-0.0", "-0.0", "0.0", "-0.0", -1.0, "0.0"]


def test_float_int_conversions() -> None:
    r = [float(2**63), float(-(2**63)), float(2**64 - 1), float(2**53 + 1)]
    print(r)
    assert r == [9.223372036854776e18, -9.223372036854776e18, 1.8446744073709552e19, 9007199254740992.0]
    i = [int(1e20), int(-2.5), int(2.5), int(2.0**63), int(-0.999), len(str(int(HUGE)))]
    print(i)
    assert i == [100000000000000000000, -2, 2, 9223372036854775808, 0, 309]


def test_math_module() -> None:
    r = [
        sqrt(2.0),
        math.sqrt(16.0),
        floor(-2.5),
        ceil(2.1),
        pi,
        math.floor(1e20),
        math.trunc(-3.7),
        math.hypot(3.0, 4.0),
        math.fabs(-2.0),
        math.isinf(HUGE * 10.0),
        math.isfinite(HUGE),
        math.log2(1024.0),
        math.exp(0.0),
    ]
    print(r)
    assert r == [1.4142135623730951, 4.0, -3, 3, 3.141592653589793, 100000000000000000000, -3, 5.0, 2.0, True, True, 10.0, 1.0]
    assert type(floor(2.5)).__name__ == "int"
    assert type(math.sqrt(16.0)).__name__ == "float"


def test_float_accumulation() -> None:
    s = sum_tenths(10)
    lb = leibniz(1000)
    ns = newton_sqrt(2.0)
    print(s, lb, ns)
    assert s == 0.9999999999999999
    assert lb == 3.140592653839794
    assert ns == 1.414213562373095 or ns == 1.4142135623730951
    assert abs(ns - sqrt(2.0)) < 1e-15


def test_float_chained_compare() -> None:
    a = 0.1
    b = 0.2
    c = fadd(a, b)
    r = [a < b < c, 0.0 <= a < 1.0, c == 0.3, c > 0.3, -inf < -HUGE < 0.0 < HUGE < inf, 0.0 == -0.0 == 0]
    print(r)
    assert r == [True, True, False, True, True, True]


def test_float_methods() -> None:
    r = [(2.0).is_integer(), (2.5).is_integer(), (0.5).as_integer_ratio(), (-0.75).as_integer_ratio(), (255.0).hex()]
    print(r)
    assert r == [True, False, (1, 2), (-3, 4), "0x1.fe00000000000p+7"]
