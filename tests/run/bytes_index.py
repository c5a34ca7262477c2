"""Indexing bytes and bytearray with ints: compiled code reads the byte directly;
errors, negative indices and subclasses behave as in CPython."""


class Shifted(bytearray):
    def __getitem__(self, i):  # type: ignore[no-untyped-def, override]
        return 7


def read_all(b: bytes) -> list[int]:
    return [b[i] for i in range(-len(b), len(b))]


def read_array(b: bytearray, i: int) -> int:
    return b[i]


def test_bytes_items_and_negative_indices() -> None:
    print(read_all(b"\x00\x7f\x80\xff"), read_all(b""))
    assert read_all(b"ab") == [97, 98, 97, 98]


def test_bytearray_items_and_updates() -> None:
    a = bytearray(b"xyz")
    a[1] = 0
    print([read_array(a, i) for i in (0, 1, 2, -1, -3)])
    a.append(255)
    assert read_array(a, 3) == 255


def test_index_errors() -> None:
    for i in (3, -4, 2**70, -2**70):
        try:
            read_array(bytearray(b"abc"), i)
        except IndexError as e:
            print("IndexError", e)
        try:
            read_all(b"abc")
            b = b"abc"
            print(b[i])
        except IndexError as e:
            print("IndexError", e)


def test_subclass_getitem_is_called() -> None:
    s = Shifted(b"abc")
    print(read_array(s, 0), read_array(s, 100))


def test_sums_over_bytes() -> None:
    data = bytearray(range(256)) * 3
    total = 0
    for i in range(len(data)):
        total += data[i] * i
    print(total, sum(data[i] for i in range(0, len(data), 7)))
