"""64-bit values (hashes, random states) beyond the short-int range: compiled code
reuses the objects of such ints it drops. Values kept alive, dropped, negative,
int subclasses and ints shared with the interpreter must all keep their values."""


class MyInt(int):
    pass


M64 = 0xFFFFFFFFFFFFFFFF


def fnv(text: str, h: int) -> int:
    for ch in text:
        h = ((h ^ ord(ch)) * 1099511628211) & 0xFFFFFFFFFFFFFFFF
    return h


def states(seed: int, n: int) -> list[int]:
    out: list[int] = []
    s = seed
    for _ in range(n):
        s = (s * 6364136223846793005 + 1442695040888963407) & 0xFFFFFFFFFFFFFFFF
        out.append(s)
    return out


def dropped(seed: int, n: int) -> int:
    s = seed
    acc = 0
    for _ in range(n):
        s = (s * 6364136223846793005 + 1442695040888963407) & 0xFFFFFFFFFFFFFFFF
        acc ^= s >> 7
    return acc


class Lcg:
    def __init__(self, seed: int) -> None:
        self.state = seed

    def next(self) -> int:
        self.state = (self.state * 2862933555777941757 + 3037000493) & 0xFFFFFFFFFFFFFFFF
        return self.state >> 3


def test_hashes_and_states() -> None:
    print(fnv("hello", 14695981039346656037), fnv("", 2**63 + 5), fnv("é" * 50, 0))
    kept = states(12345, 40)
    print(kept[:3], kept[-1], len(set(kept)))
    # The kept values are still right after many more were made and dropped.
    print(dropped(99, 5000), kept == states(12345, 40))


def test_fields() -> None:
    g = Lcg(2**63 + 11)
    first = [g.next() for _ in range(5)]
    held = g.state
    more = [g.next() for _ in range(200)]
    print(first, held, more[-1], g.state)


def mix(a: int, b: int) -> int:
    return (a * 3 + b) & M64


def test_negative_and_subclasses() -> None:
    neg = -(2**70) - 3
    sub = MyInt(2**64 + 17)
    vals = [mix(neg, i) for i in range(4)] + [mix(sub, i) for i in range(4)]
    print(vals, neg, sub, type(sub).__name__)
    big = [2**63 + i for i in range(5)]
    print([mix(x, 1) for x in big], big)


def test_identity_and_sharing() -> None:
    xs = states(7, 10)
    ys = list(xs)
    del xs
    zs = states(8, 10)
    print(ys[0], zs[0], ys[0] != zs[0], all(isinstance(v, int) for v in ys + zs))
