"""A three-attribute record class (int, float, str) in three flavours, for
`benchmarks/memory.py`: a plain class, the same with `__slots__`, and the one
oxyc compiles (the plain class, which oxyc makes a native class)."""


class Record:
    def __init__(self, n: int, x: float, name: str) -> None:
        self.n: int = n
        self.x: float = x
        self.name: str = name


def make(count: int, name: str) -> list[Record]:
    out: list[Record] = []
    for i in range(count):
        out.append(Record(i * 1000, i * 0.5, name))
    return out
