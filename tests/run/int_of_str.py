"""int() of a value typed str: short decimal strings are read directly when
compiled; every other spelling int() accepts, and every error, must be int()'s."""


class Meaning(str):
    def __int__(self) -> int:
        return 42


def parse(s: str) -> int:
    return int(s)


def outcome(s: str) -> str:
    try:
        v = parse(s)
        return f"{v!r} {type(v).__name__}"
    except ValueError as e:
        return f"ValueError {e}"


def test_plain() -> None:
    for s in ["0", "-0", "+0", "7", "-7", "+42", "007", "-000123", "123456789012345678",
              "-123456789012345678", "999999999999999999", "1234567890123456789",
              "-9223372036854775808", "4611686018427387904", "1" * 40]:
        print(s, outcome(s))


def test_other_spellings() -> None:
    for s in [" 42", "42 ", "\t-3\n", "4_2", "1_000_000", "٣", "１２", "+-1", "--1"]:
        print(repr(s), outcome(s))


def test_errors() -> None:
    for s in ["", "-", "+", "12a", "0x10", "1e5", "1.5", "_1", "1_", "4__2", " ", "١٢x"]:
        print(repr(s), outcome(s))


def test_subclass() -> None:
    print(parse(Meaning("7")), parse(str(Meaning("7"))))


def test_sum() -> None:
    total = 0
    for i in range(-50, 50):
        total += parse(str(i * 12345))
    print(total)
