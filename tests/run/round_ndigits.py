"""round(x, ndigits) of floats: compiled code rounds the exact binary value
half-even at the requested decimal place, as float.__round__ does. Checked
on exact halves, values just either side of a half, tiny and huge values,
zeros and their signs, every ndigits from -3 to 25 and some far outside,
non-finite values, and a pseudo-random sweep of bit patterns."""

import math
import struct

HALVES: list[float] = [
    0.5, 1.5, 2.5, -2.5, 0.125, 0.375, -0.375, 1.0625, 2.675, 1.005, 0.045, 1.4999999999999998,
    0.1, 0.7, 1234.5675, 999.9995, 9.995, 0.0049999999999999996, 2.5e-5, 0.00015,
]

EDGES: list[float] = [
    0.0, -0.0, 5e-324, -5e-324, 2.2250738585072014e-308, 1e-300, 1e-20, 4.9e-17, 0.3,
    1e15 + 0.5, 4503599627370495.5, 4503599627370496.0, 9007199254740993.0, 1e16, 1e22,
    1.7976931348623157e308, -123456789.987654321, 3.141592653589793, 2.718281828459045,
    float("inf"), float("-inf"), float("nan"),
]


def rounded(x: float, n: int) -> str:
    r = round(x, n)
    return repr(r) + ("-" if math.copysign(1.0, r) < 0 else "+")


def test_exact_halves() -> None:
    for x in HALVES:
        print(repr(x), [rounded(x, n) for n in range(0, 6)])
        print(repr(-x), [rounded(-x, n) for n in range(0, 6)])


def test_edges_and_every_ndigits() -> None:
    for x in EDGES:
        print(repr(x), " ".join(rounded(x, n) for n in range(-3, 26)))


def test_far_ndigits() -> None:
    for x in [1.5, -2.25, 1e-310, 123.456, float("nan")]:
        print(repr(x), [rounded(x, n) for n in [-400, -30, -1, 30, 308, 330, 400, 10**30, -(10**30)]])
    print(round(2.567, True), round(2.567, False))


def test_pseudo_random_bit_patterns() -> None:
    state = 20251205
    out: list[str] = []
    for i in range(4000):
        state = (state * 6364136223846793005 + 1442695040888963407) & 0xFFFFFFFFFFFFFFFF
        # Exponents around 1 (most values programs round) and some far away.
        if i % 4 == 0:
            bits = state
        else:
            bits = (state & 0x800FFFFFFFFFFFFF) | ((0x3E0 + (state >> 52) % 0x50) << 52)
        x = struct.unpack("<d", struct.pack("<Q", bits))[0]
        n = i % 17
        out.append(rounded(x, n))
    h = 0
    for s in out:
        for ch in s:
            h = (h * 31 + ord(ch)) & 0xFFFFFFFF
    print(len(out), h)
    print(out[:12])


def test_money() -> None:
    total = 0.0
    prices: list[float] = [19.99, 0.1, 0.2, 5.005, 2.675, 1.115, 100.0 / 3.0]
    for p in prices:
        for qty in range(1, 8):
            total += round(p * qty * 1.21, 2)
    print(repr(total), round(total, 2), round(total / 7, 4))


def test_errors() -> None:
    x = 2.5
    try:
        print(round(x, "2"))  # type: ignore[call-overload]
    except TypeError as e:
        print("TypeError", e)
    n: object = None
    print(round(x, n))  # type: ignore[call-overload]


def fixed(x: float, p: int) -> str:
    return f"{x:.{p}f}|{x:+.{p}f}|{x:012.{p}F}"


def test_fixed_point_formatting() -> None:
    # The same exact rounding serves f"{x:.Nf}": halves, tiny and large values, and
    # a sweep of bit patterns at every precision from 0 to 24.
    for x in HALVES + EDGES:
        print(repr(x), [fixed(x, p) for p in (0, 1, 2, 3, 6, 17, 22, 23)])
    state = 7
    h = 0
    for i in range(3000):
        state = (state * 6364136223846793005 + 1442695040888963407) & 0xFFFFFFFFFFFFFFFF
        bits = (state & 0x800FFFFFFFFFFFFF) | ((0x3C0 + (state >> 52) % 0xA0) << 52)
        x = struct.unpack("<d", struct.pack("<Q", bits))[0]
        s = fixed(x, i % 25)
        for ch in s:
            h = (h * 31 + ord(ch)) & 0xFFFFFFFF
        if i < 8:
            print(s)
    print(h)
