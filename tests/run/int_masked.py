"""Masked int arithmetic: `(expr) & MASK` with a literal mask below 2**64 is
computed in 64-bit wrapping arithmetic when compiled. The results must be
CPython's for every sign and size of operand (short, long, negative, huge)."""

VALUES: list[int] = [
    0, 1, -1, 5, -7, 255, 2**31, 2**62 - 1, 2**62, -2**62, -2**62 - 1,
    2**63 - 1, 2**63, -2**63, 2**64 - 1, 2**64, 2**64 + 3, -2**70 - 11,
    12345678901234567890123, -98765432109876543210987654321,
]


def mix_all(a: int, b: int) -> list[int]:
    return [
        (a * b + 7) & 0xFFFFFFFF,
        (-a - b) & 0xFFFF,
        (~a ^ b) & 0xFFFFFFFFFFFFFFFF,
        0xFF & (a << 3 | b),
        (a - b * 3) & 0x7FFFFFFFFFFFFFFF,
        ((a >> 3) * b) & 0xFFFFFFFFFFFF,
        (a * a * a * a) & 0xFFFFFFFFFFFFFFFF,
        (a << 63) & 0xFFFFFFFFFFFFFFFF,
        (a & b) & 0,
        (+a - 1) & 0x8000000000000000,
        (a * 18446744073709551615) & 18446744073709551615,
        (a + b) & 1,
        (a // 3 + b % 5) & 0xFFFF,
        ((a | b) & (a ^ b)) & 0xFFFFFFFFFFFFFFFF,
    ]


def test_masked_expressions_of_every_size() -> None:
    total = 0
    for a in VALUES:
        for b in VALUES:
            row = mix_all(a, b)
            for v in row:
                assert v >= 0
            total = (total * 31 + sum(row)) % 1000000007
    print(total)
    assert mix_all(-1, 0)[2] == 0
    assert mix_all(2**64 + 3, 1)[0] == 10


def fnv1a(text: str) -> int:
    h = 14695981039346656037
    for ch in text:
        h = ((h ^ ord(ch)) * 1099511628211) & 0xFFFFFFFFFFFFFFFF
    return h


def test_fnv_hash_matches_known_values() -> None:
    # FNV-1a 64 of "" and "a" are published constants.
    assert fnv1a("") == 0xCBF29CE484222325
    assert fnv1a("a") == 0xAF63DC4C8601EC8C
    print(fnv1a("hello world"), fnv1a("é∑ unicode ☃"))


class Lcg:
    def __init__(self, seed: int) -> None:
        self.state = seed

    def next(self) -> int:
        self.state = (self.state * 6364136223846793005 + 1442695040888963407) & 0xFFFFFFFFFFFFFFFF
        return self.state >> 33


def test_lcg_state_in_a_field() -> None:
    r = Lcg(42)
    out = [r.next() for _ in range(5)]
    print(out, r.state)
    assert all(0 <= x < 2**31 for x in out)


def test_mask_on_the_left_and_shifts() -> None:
    x = 0x123456789
    assert 0xFFFF & (x * 3) == (x * 3) % 65536
    assert (x << 40) & 0xFFFFFFFFFFFFFFFF == (x << 40) % 2**64
    big = 3**100
    assert (big * big + 1) & 0xFFFFFFFF == (big * big + 1) % 2**32
    print((big - 2**200) & 0xFFFFFFFFFFFFFFFF)


def test_bools_and_objects_are_left_alone() -> None:
    t: object = True
    flags = 0
    flags = (flags | 4) & 0xFF
    assert flags == 4
    assert (True + True) & 0xF == 2
    try:
        (t * 2 + "x") & 0xFF  # type: ignore[operator]
    except TypeError as e:
        print("TypeError", e)


def test_right_shift_of_64_bit_longs() -> None:
    out = []
    for v in [2**62, 2**63 - 1, 2**63, 2**64 - 1, 2**64, 2**90 + 5, -2**63, -2**64 - 1]:
        for s in [0, 1, 33, 62, 63, 64, 65, 100]:
            out.append(v >> s)
    print(out)
    assert (2**64 - 1) >> 33 == 2**31 - 1
    assert (-2**63) >> 1 == -2**62
