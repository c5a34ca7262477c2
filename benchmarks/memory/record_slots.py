"""The `__slots__` flavour of benchmarks/memory/record.py."""


class Record:
    __slots__ = ("n", "x", "name")

    def __init__(self, n: int, x: float, name: str) -> None:
        self.n: int = n
        self.x: float = x
        self.name: str = name


def make(count: int, name: str) -> list[Record]:
    out: list[Record] = []
    for i in range(count):
        out.append(Record(i * 1000, i * 0.5, name))
    return out
