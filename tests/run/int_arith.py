"""Integer arithmetic: results around the tagged-int boundaries (2**62, 2**63,
2**64 and their negatives), overflow into big ints and back, floor division
and modulo for every sign combination, divmod, pow, abs and bit_length."""

P62: int = 2**62
P63: int = 2**63
P64: int = 2**64
MAX64: int = 2**63 - 1


def add(a: int, b: int) -> int:
    return a + b


def sub(a: int, b: int) -> int:
    return a - b


def mul(a: int, b: int) -> int:
    return a * b


def neg(a: int) -> int:
    return -a


def pos(a: int) -> int:
    return +a


def floordiv(a: int, b: int) -> int:
    return a // b


def mod(a: int, b: int) -> int:
    return a % b


def truediv(a: int, b: int) -> float:
    return a / b


def int_divmod(a: int, b: int) -> tuple[int, int]:
    return divmod(a, b)


def ipow(a: int, b: int) -> int:
    return a**b


def ipow_neg(a: int, b: int) -> float:
    # a negative exponent gives a float
    return a**b


def ipow_mod(a: int, b: int, m: int) -> int:
    return pow(a, b, m)


def iabs(a: int) -> int:
    return abs(a)


def bit_len(a: int) -> int:
    return a.bit_length()


def factorial_loop(n: int) -> int:
    result = 1
    i = 2
    while i <= n:
        result *= i
        i += 1
    return result


def factorial_rec(n: int) -> int:
    if n <= 1:
        return 1
    return n * factorial_rec(n - 1)


def lcg_next(x: int) -> int:
    return (x * 6364136223846793005 + 1442695040888963407) % P64


def gcd(a: int, b: int) -> int:
    while b != 0:
        a, b = b, a % b
    return abs(a)


def sum_squares(lo: int, hi: int) -> int:
    total = 0
    for i in range(lo, hi):
        total += i * i
    return total


def test_add_boundaries() -> None:
    r1 = add(P62 - 1, 1)
    r2 = add(P62, P62)
    r3 = add(MAX64, 1)
    r4 = add(P64 - 1, 1)
    r5 = add(-P62, -1)
    r6 = add(-P63, -P63)
    print(r1, r2, r3, r4, r5, r6)
    assert r1 == 4611686018427387904
    assert r2 == 9223372036854775808
    assert r3 == 9223372036854775808
    assert r4 == 18446744073709551616
    assert r5 == -4611686018427387905
    assert r6 == -18446744073709551616
    # big + big back to small, small + big
    r7 = add(P64, -P64)
    r8 = add(10**30, 1)
    r9 = add(1, -(10**30))
    print(r7, r8, r9)
    assert r7 == 0
    assert r8 == 1000000000000000000000000000001
    assert r9 == -999999999999999999999999999999
    assert add(r7, 5) == 5


def test_sub_boundaries() -> None:
    r1 = sub(-P62, 1)
    r2 = sub(0, P63)
    r3 = sub(P64, 1)
    r4 = sub(P63, P63)
    r5 = sub(-P63, 1)
    r6 = sub(MAX64, -1)
    r7 = sub(-MAX64, 2)
    print(r1, r2, r3, r4, r5, r6, r7)
    assert r1 == -4611686018427387905
    assert r2 == -9223372036854775808
    assert r3 == 18446744073709551615
    assert r4 == 0
    assert r5 == -9223372036854775809
    assert r6 == 9223372036854775808
    assert r7 == -9223372036854775809


def test_mul_boundaries() -> None:
    r1 = mul(2**31, 2**31)
    r2 = mul(2**32, 2**32)
    r3 = mul(-P62, -1)
    r4 = mul(P63, -1)
    r5 = mul(3037000499, 3037000499)
    r6 = mul(3037000500, 3037000500)
    r7 = mul(-3037000500, 3037000500)
    r8 = mul(P64, 0)
    print(r1, r2, r3, r4)
    print(r5, r6, r7, r8)
    assert r1 == P62
    assert r2 == 18446744073709551616
    assert r3 == 4611686018427387904
    assert r4 == -9223372036854775808
    assert r5 == 9223372030926249001
    assert r6 == 9223372037000250000
    assert r7 == -9223372037000250000
    assert r8 == 0
    assert add(r8, 1) == 1
    assert mul(-1, -MAX64 - 1) == 9223372036854775808
    assert mul(P64, P64) == 340282366920938463463374607431768211456


def test_negation_and_unary_plus() -> None:
    vals = [0, 1, -1, P62 - 1, -P62, P62, -P63, P63, MAX64, -P64]
    out = []
    for v in vals:
        out.append(neg(v))
    print(out)
    assert out == [
        0,
        -1,
        1,
        -4611686018427387903,
        4611686018427387904,
        -4611686018427387904,
        9223372036854775808,
        -9223372036854775808,
        -9223372036854775807,
        18446744073709551616,
    ]
    assert pos(-P63) == -9223372036854775808
    assert neg(neg(-P62)) == -P62


def test_floordiv_all_signs() -> None:
    results = [
        floordiv(7, 2),
        floordiv(-7, 2),
        floordiv(7, -2),
        floordiv(-7, -2),
        floordiv(6, -3),
        floordiv(-6, 3),
        floordiv(0, -5),
        floordiv(1, 3),
        floordiv(-1, 3),
    ]
    print(results)
    assert results == [3, -4, -4, 3, -2, -2, 0, 0, -1]


def test_mod_all_signs() -> None:
    results = [
        mod(7, 3),
        mod(-7, 3),
        mod(7, -3),
        mod(-7, -3),
        mod(0, -3),
        mod(-6, 3),
        mod(6, -3),
        mod(1, 1),
        mod(-1, 5),
    ]
    print(results)
    assert results == [1, 2, -2, -1, 0, 0, 0, 0, 4]


def test_floordiv_mod_boundaries() -> None:
    r1 = floordiv(-P62, -1)
    r2 = floordiv(-P63, -1)
    r3 = floordiv(-P64, -1)
    r4 = floordiv(P64, 2)
    r5 = floordiv(-P64 - 1, P64)
    r6 = mod(-1, P64)
    r7 = mod(P64 + 5, 7)
    r8 = floordiv(-P63, 7)
    r9 = mod(-P63, 7)
    r10 = floordiv(P63, -7)
    r11 = mod(P63, -7)
    print(r1, r2, r3, r4, r5)
    print(r6, r7, r8, r9, r10, r11)
    assert r1 == 4611686018427387904
    assert r2 == 9223372036854775808
    assert r3 == 18446744073709551616
    assert r4 == 9223372036854775808
    assert r5 == -2
    assert r6 == 18446744073709551615
    assert r7 == 0
    assert r8 == -1317624576693539402
    assert r9 == 6
    assert r10 == -1317624576693539402
    assert r11 == -6
    # invariant a == (a // b) * b + a % b
    for a in [P64 + 3, -P64 - 3, P62, -P62, 17, -17]:
        for b in [3, -3, P63, -P63]:
            assert floordiv(a, b) * b + mod(a, b) == a


def test_divmod_signs() -> None:
    pairs = [(7, 2), (-7, 2), (7, -2), (-7, -2), (0, 5), (P64 + 1, P62), (-P63, 3), (P63 + 7, -10)]
    for a, b in pairs:
        q, r = int_divmod(a, b)
        print(a, b, q, r)
        assert q == a // b
        assert r == a % b
    assert int_divmod(-7, 2) == (-4, 1)
    assert int_divmod(7, -2) == (-4, -1)
    assert int_divmod(-7, -2) == (3, -1)
    assert int_divmod(P64 + 1, P62) == (4, 1)
    assert int_divmod(-P63, 3) == (-3074457345618258603, 1)
    assert int_divmod(P63 + 7, -10) == (-922337203685477582, -5)


def test_true_division_of_ints() -> None:
    r = [truediv(7, 2), truediv(-7, 2), truediv(1, 3), truediv(P63, 2), truediv(P64 + 1, 1), truediv(10**20, 10**10), truediv(6, 3)]
    print(r)
    assert r[0] == 3.5
    assert r[1] == -3.5
    assert r[2] == 0.3333333333333333
    assert r[3] == 4.611686018427388e18
    assert r[4] == 1.8446744073709552e19
    assert r[5] == 10000000000.0
    assert r[6] == 2.0
    assert repr(r[6]) == "2.0"


def test_pow_results() -> None:
    r = [
        ipow(2, 10),
        ipow(2, 62),
        ipow(2, 63),
        ipow(2, 64),
        ipow(2, 100),
        ipow(-2, 63),
        ipow(-3, 3),
        ipow(0, 0),
        ipow(10, 20),
        ipow(7, 0),
        ipow(-1, 1001),
        ipow(1, 10**6),
    ]
    print(r)
    assert r == [
        1024,
        4611686018427387904,
        9223372036854775808,
        18446744073709551616,
        1267650600228229401496703205376,
        -9223372036854775808,
        -27,
        1,
        100000000000000000000,
        1,
        -1,
        1,
    ]
    big = ipow(3, 200)
    print(len(str(big)), big % 1000)
    assert len(str(big)) == 96
    assert big % 1000 == 1


def test_pow_negative_exponent_and_modular() -> None:
    r = [ipow_neg(2, -1), ipow_neg(4, -2), ipow_neg(-2, -3), ipow_neg(10, -3)]
    print(r)
    assert r == [0.5, 0.0625, -0.125, 0.001]
    m = [ipow_mod(3, 4, 5), ipow_mod(-2, 3, 5), ipow_mod(2, -1, 5), ipow_mod(3, 200, 10**9 + 7), ipow_mod(2, 100, P64)]
    print(m)
    assert m == [1, 2, 3, 136318165, 0]


def test_abs_boundaries() -> None:
    r = [iabs(-5), iabs(5), iabs(0), iabs(-P62), iabs(-P63), iabs(-P64), iabs(-MAX64), iabs(P63)]
    print(r)
    assert r == [5, 5, 0, P62, 9223372036854775808, 18446744073709551616, MAX64, P63]


def test_bit_length() -> None:
    vals = [0, 1, 255, 256, -1, -256, -257, P62 - 1, P62, -P62, P63, -P63, P64, MAX64]
    r = []
    for v in vals:
        r.append(bit_len(v))
    print(r)
    assert r == [0, 1, 8, 9, 1, 9, 9, 62, 63, 63, 64, 64, 65, 63]


def test_factorials_cross_64_bits() -> None:
    f20 = factorial_loop(20)
    f21 = factorial_loop(21)
    f25 = factorial_rec(25)
    print(f20, f21, f25)
    assert f20 == 2432902008176640000
    assert f21 == 51090942171709440000
    assert f25 == 15511210043330985984000000
    assert factorial_rec(21) == f21
    # dividing back down to small ints
    assert f25 // factorial_loop(24) == 25


def test_lcg_modulo_2_64() -> None:
    x = 1
    seq = []
    for _ in range(5):
        x = lcg_next(x)
        seq.append(x)
    print(seq)
    assert seq == [
        7806831264735756412,
        9396908728118811419,
        11960119808228829710,
        7062582979898595269,
        14673421054488193520,
    ]


def test_gcd_and_loops() -> None:
    r = [gcd(12, 18), gcd(-12, 18), gcd(17, 5), gcd(0, 9), gcd(P64, P62 * 3), gcd(2**70, 6**20)]
    print(r)
    assert r == [6, 6, 1, 9, 4611686018427387904, 1048576]
    s = sum_squares(3_000_000, 3_000_010)
    print(s)
    assert s == 90000270000285


def test_augmented_assignment() -> None:
    x = 5
    x += 3
    assert x == 8
    x *= P62
    assert x == 36893488147419103232
    x -= 1
    assert x == 36893488147419103231
    x //= 1024
    assert x == 36028797018963967
    x %= 1000
    assert x == 967
    x **= 3
    assert x == 904231063
    x -= 904231063 + P63
    print(x)
    assert x == -9223372036854775808
    x = -x
    assert x == P63


def test_compare_big_and_small() -> None:
    checks = [
        P63 > P62,
        -P63 < -P62,
        P64 == 2**64,
        P64 != P64 + 1,
        MAX64 < P63,
        -P63 - 1 < -P63,
        1 < P64,
        -P64 < -1,
        add(P62, P62) == P63,
    ]
    print(checks)
    assert checks == [True, True, True, True, True, True, True, True, True]


def test_literal_operands() -> None:
    # Both operands literals: compiled code folds those whose result is a short int.
    print(1 << 20, 1 << 61, 1 << 62, 1 << 63, 3 << 100, -1 << 62, -1 << 63)
    print(-7 // 2, 7 // -2, -7 // -2, -7 % 2, 7 % -2, -6 % -3, 5 >> 100, -5 >> 100, -7 >> 1)
    print(4611686018427387903 + 1, -4611686018427387904 - 1, (1 << 61) * 2, 3037000499 * 3037000499)
    print(0xF0 & 0x3C, 0xF0 | 0x0F, 6 ^ 3, 10 - 3 * 4, (2 + 3) * (7 - 9), 7 / 2, 2**10, 2**-1)
    for f in (lambda: 1 // 0, lambda: 1 % 0, lambda: 1 << -1, lambda: 1 >> -1):
        try:
            print(f())
        except (ZeroDivisionError, ValueError) as e:
            print(type(e).__name__, e)
