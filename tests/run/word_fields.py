"""Int fields kept as 64-bit words: a masked store read back at once is the
value stored, and shifting an int just made from a 64-bit word shifts the
word. Results must be the interpreter's for every shift count and for words
with the top bits set."""


class Rng:
    def __init__(self, seed: int) -> None:
        self.state: int = seed
        self.fstate: float = 0.5

    def next(self, bound: int) -> int:
        self.state = (self.state * 6364136223846793005 + 1442695040888963407) & 0xFFFFFFFFFFFFFFFF
        return (self.state >> 33) % bound

    def top(self, k: int) -> int:
        self.state = (self.state * 2862933555777941757 + 3037000493) & 0xFFFFFFFFFFFFFFFF
        return self.state >> k

    def shifts(self) -> list[int]:
        self.state = (self.state ^ 0xFFFFFFFFFFFFFFFF) & 0xFFFFFFFFFFFFFFFF
        return [self.state >> 2, self.state >> 3, self.state >> 31, self.state >> 32,
                self.state >> 62, self.state >> 63, self.state >> 1, self.state >> 0]

    def half(self) -> float:
        self.fstate = self.fstate * 0.5 + 0.25
        return self.fstate * 2.0


def test_lcg_stream() -> None:
    r = Rng(20240607)
    print([r.next(1000) for _ in range(12)])
    print([r.top(k) for k in range(0, 64, 7)])
    assert r.state < 2**64


def test_every_shift_of_high_words() -> None:
    r = Rng(0)
    print(r.shifts())
    r.state = 2**64 - 1
    print(r.shifts())
    r.state = 2**63
    print(r.shifts())
    r.state = 2**62 - 1
    print(r.shifts())


def test_float_field_read_back() -> None:
    r = Rng(1)
    print([r.half() for _ in range(4)])


class Sub(Rng):
    def next(self, bound: int) -> int:
        return super().next(bound) + 1


def test_subclass_and_state_from_outside() -> None:
    s = Sub(5)
    print([s.next(10) for _ in range(5)], s.state)
    s.state = 12345678901234567890123
    print(s.next(100), s.state)


def test_float_field_keeps_its_bits() -> None:
    import struct

    r = Rng(1)
    for pattern in ["01000000e00df47f", "000000000000f87f", "0000000000000080"]:
        r.fstate = struct.unpack("<d", bytes.fromhex(pattern))[0]
        a = r.fstate
        b = r.fstate
        # (Reads in a row agree to the bit; the bits of the first pattern are a
        # documented difference, so only the agreement is printed.)
        print(struct.pack("<d", a) == struct.pack("<d", b), a == a)
