"""for-loops and zip() loops over bytes and bytearray: exact ones are walked by
index with the items as unboxed ints; subclasses (which may override __iter__)
and other iterables take the iterator protocol. Mutation during the loop is seen
as the interpreter sees it."""

from typing import Any


class Rev(bytes):
    def __iter__(self):  # type: ignore[no-untyped-def]
        return iter(list(bytes(self))[::-1])


class Arr(bytearray):
    def __iter__(self):  # type: ignore[no-untyped-def]
        return iter([255, 254])


def total(data: bytes) -> int:
    t = 0
    for b in data:
        t += b
    return t


def total_arr(data: bytearray) -> int:
    t = 0
    for b in data:
        t = t * 3 + b
    return t


def as_objects(data: bytearray) -> list[Any]:
    out: list[Any] = []
    for b in data:
        out.append(b)
    return out


def test_plain_loops() -> None:
    print(total(b""), total(b"abc"), total(bytes(range(256))), total_arr(bytearray(b"\x00\xff\x10")))
    print(as_objects(bytearray(b"hi")), [type(x).__name__ for x in as_objects(bytearray(b"a"))])


def test_subclasses() -> None:
    print(total(Rev(b"\x01\x02\x03")), total_arr(Arr(b"abc")), as_objects(Arr(b"x")))


def grow(data: bytearray) -> list[int]:
    seen: list[int] = []
    for b in data:
        seen.append(b)
        if len(data) < 6:
            data.append(b + 1)
    return seen


def shrink(data: bytearray) -> list[int]:
    seen: list[int] = []
    for b in data:
        seen.append(b)
        del data[-1]
    return seen


def test_mutation_during_loop() -> None:
    print(grow(bytearray(b"\x01\x02")), shrink(bytearray(b"\x01\x02\x03\x04\x05")))


def twins(flags: bytearray) -> int:
    n = 0
    for x, y in zip(flags[:-2], flags[2:]):
        if x and y:
            n += 1
    return n


def pairs(a: bytes, b: list[int]) -> list[int]:
    out: list[int] = []
    for x, y in zip(a, b):
        out.append(x * 1000 + y)
    return out


def mixed(a: bytearray, b: bytes) -> list[Any]:
    out: list[Any] = []
    for x, y in zip(a, b):
        out.append((x, y))
    return out


def test_zip_loops() -> None:
    print(twins(bytearray(b"\x01\x00\x01\x01\x00\x01\x01")), twins(bytearray()), twins(Arr(b"\x01\x01\x01\x01")))
    print(pairs(b"\x01\x02\x03", [7, 8]), pairs(Rev(b"\x01\x02"), [5, 6, 7]))
    print(mixed(bytearray(b"ab"), b"xyz"), mixed(Arr(b"q"), b"12"))


def first_zero(data: bytes) -> int:
    for b in data:
        if b == 0:
            break
    else:
        return -1
    return b


def test_break_else() -> None:
    print(first_zero(b"\x05\x00\x07"), first_zero(b"\x01"), first_zero(b""))


def bad_target(data: bytes) -> list[str]:
    out: list[str] = []
    for b in data:
        out.append(hex(b))
    return out


def test_values() -> None:
    print(bad_target(b"\x00\x7f\x80\xff"), sum(b for b in b"\x10\x20"), [b for b in bytearray(b"ok")])
