"""Bitwise operators on ints: shifts (small, across 2**62/2**63/2**64, huge
shift counts, negative counts -> ValueError), &, |, ^, ~ on negative and big
operands, bools as operands."""

P62: int = 2**62
P63: int = 2**63
P64: int = 2**64
MASK64: int = 2**64 - 1


def shl(a: int, n: int) -> int:
    return a << n


def shr(a: int, n: int) -> int:
    return a >> n


def band(a: int, b: int) -> int:
    return a & b


def bor(a: int, b: int) -> int:
    return a | b


def bxor(a: int, b: int) -> int:
    return a ^ b


def binv(a: int) -> int:
    return ~a


def band_bool(a: bool, b: bool) -> bool:
    return a & b


def bor_bool(a: bool, b: bool) -> bool:
    return a | b


def bxor_bool(a: bool, b: bool) -> bool:
    return a ^ b


def popcount(n: int) -> int:
    count = 0
    while n:
        n &= n - 1
        count += 1
    return count


def reverse_bits32(n: int) -> int:
    result = 0
    for _ in range(32):
        result = (result << 1) | (n & 1)
        n >>= 1
    return result


def rotl64(x: int, r: int) -> int:
    return ((x << r) | (x >> (64 - r))) & MASK64


def test_shift_left_small() -> None:
    r = [shl(1, 0), shl(1, 10), shl(3, 5), shl(-1, 4), shl(0, 100), shl(-7, 1)]
    print(r)
    assert r == [1, 1024, 96, -16, 0, -14]


def test_shift_left_boundaries() -> None:
    r = [shl(1, 61), shl(1, 62), shl(1, 63), shl(1, 64), shl(1, 100), shl(-1, 63), shl(P62 - 1, 1), shl(5, 62), shl(-3, 63)]
    print(r)
    assert r == [
        2305843009213693952,
        4611686018427387904,
        9223372036854775808,
        18446744073709551616,
        1267650600228229401496703205376,
        -9223372036854775808,
        9223372036854775806,
        23058430092136939520,
        -27670116110564327424,
    ]
    assert shl(P64, 1) == 2**65
    assert shl(-P64, 3) == -(2**67)


def test_shift_right() -> None:
    r = [
        shr(1024, 3),
        shr(-1, 10),
        shr(-1024, 3),
        shr(-7, 1),
        shr(7, 1),
        shr(P64, 1),
        shr(P64 + 123, 64),
        shr(5, 100),
        shr(-5, 100),
        shr(P63, 1),
        shr(12345678901234567, 13),
        shr(-P64, 2),
    ]
    print(r)
    assert r == [128, -1, -128, -4, 3, P63, 1, 0, -1, P62, 1507040881498, -(2**62)]
    # shifting a big value right lands in the small range
    assert shr(P63, 1) + 1 == 4611686018427387905


def test_huge_shift_counts() -> None:
    r = [shr(1, P64), shr(-1, P64), shl(0, P64), shr(P64 * P64, P64), shr(-(P64 * P64), 2**70)]
    print(r)
    assert r == [0, -1, 0, 0, -1]


def test_negative_shift_count() -> None:
    msgs = []
    for n in [-1, -64, -P64]:
        try:
            shl(1, n)
            msgs.append("no error")
        except ValueError as e:
            msgs.append("shl " + str(e))
        try:
            shr(1, n)
            msgs.append("no error")
        except ValueError as e:
            msgs.append("shr " + str(e))
    print(msgs)
    assert msgs == ["shl negative shift count", "shr negative shift count"] * 3


def test_and_or_xor_negatives() -> None:
    r = [
        band(-1, 0xFF),
        band(-256, 0xFF),
        band(-5, -3),
        bor(-5, 3),
        bxor(-5, 3),
        bxor(6, -1),
        binv(0),
        binv(-1),
        binv(5),
        band(-P63, MASK64),
    ]
    print(r)
    assert r == [255, 0, -7, -5, -8, -7, -1, 0, -6, 9223372036854775808]


def test_invert_boundaries() -> None:
    r = [binv(P62), binv(-P62 - 1), binv(-P63), binv(P63 - 1), binv(P64), binv(-P64)]
    print(r)
    assert r == [
        -4611686018427387905,
        4611686018427387904,
        9223372036854775807,
        -9223372036854775808,
        -18446744073709551617,
        18446744073709551615,
    ]


def test_bitwise_big_operands() -> None:
    r = [
        bor(P64, 1),
        band(P64 + P63, P63),
        bxor(P64, P64),
        band(-P64, P64 - 1),
        band(-P64 - 1, 0xFFFF),
        bor(-P63, 1),
        bxor(-P63, -1),
        bxor(MASK64, P63),
        band(-(2**100), MASK64),
        band(-(2**100) - 1, MASK64),
    ]
    print(r)
    assert r == [
        18446744073709551617,
        9223372036854775808,
        0,
        0,
        65535,
        -9223372036854775807,
        9223372036854775807,
        9223372036854775807,
        0,
        18446744073709551615,
    ]


def test_popcount_and_bit_count() -> None:
    r = [popcount(0), popcount(1), popcount(0xF0F0), popcount(MASK64), popcount(P64 + 7), popcount(2**200 - 1)]
    print(r)
    assert r == [0, 1, 8, 64, 4, 200]
    assert (0xF0F0).bit_count() == 8
    assert (-7).bit_count() == 3


def test_reverse_and_rotate() -> None:
    r1 = reverse_bits32(1)
    r2 = reverse_bits32(0x12345678)
    r3 = rotl64(1, 63)
    r4 = rotl64(P63, 1)
    r5 = rotl64(0x0123456789ABCDEF, 8)
    print(r1, r2, r3, r4, r5)
    assert r1 == 2147483648
    assert r2 == 0x1E6A2C48
    assert r3 == P63
    assert r4 == 1
    assert r5 == 0x23456789ABCDEF01


def test_xor_swap_and_masks() -> None:
    a = 123456789012345678901234567890
    b = -42
    a ^= b
    b ^= a
    a ^= b
    print(a, b)
    assert a == -42
    assert b == 123456789012345678901234567890
    flags = 0
    for bit in [0, 3, 62, 63, 64]:
        flags |= 1 << bit
    print(flags, flags & (1 << 63) != 0, flags & (1 << 61) != 0)
    assert flags == 1 + 8 + P62 + P63 + P64
    flags &= ~(1 << 63)
    assert flags == 1 + 8 + P62 + P64


def test_bool_operands() -> None:
    r = [band_bool(True, False), bor_bool(True, False), bxor_bool(True, True), bxor_bool(False, True)]
    print(r)
    assert r == [False, True, False, True]
    assert type(band_bool(True, True)) is bool


def test_shift_arith_mix() -> None:
    r = [shl(1, 63) - 1, shl(1, 64) - 1, -shl(1, 63), shr(shl(P62, 10), 10), shl(3, 62) // 3, (shl(1, 62) + shl(1, 62)) >> 63]
    print(r)
    assert r == [9223372036854775807, MASK64, -9223372036854775808, P62, P62, 1]
