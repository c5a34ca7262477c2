"""Chains of `+` on values typed str (`a + b + c`, up to five operands and
beyond) are made at once when every operand is an exact str; a subclass
operand's `__add__` / `__radd__` runs at the point where the interpreter calls
it, between the evaluations of the operands around it."""

log: list[str] = []


def note(tag: str, s: str) -> str:
    log.append(tag)
    return s


class Loud(str):
    def __add__(self, other: str) -> str:
        log.append("add:" + str.__str__(self))
        return Loud(str.__add__(self, other))

    def __radd__(self, other: str) -> str:
        log.append("radd:" + str.__str__(self))
        return Loud(other + str.__str__(self))


def chains(a: str, b: str, c: str, d: str, e: str, f: str) -> list[str]:
    return [
        a + b + c,
        a + b + c + d,
        a + b + c + d + e,
        a + b + c + d + e + f,
        (a + b) + (c + d),
        a + (b + c) + d,
        a + "-" + b + "-" + c,
    ]


TEXTS: list[str] = ["", "a", "xyz", "é", "日本", "\U0001f600", "tab\t"]


def test_exact_strs() -> None:
    for i in range(len(TEXTS)):
        args = [TEXTS[(i + k) % len(TEXTS)] for k in range(6)]
        r = chains(args[0], args[1], args[2], args[3], args[4], args[5])
        print(r, [len(s) for s in r])


def test_large_and_empty() -> None:
    big = "x" * 100000
    s = big + "é" + big + "\U0001f600"
    print(len(s), s[99999:100002] == "xéx", s[-1] == "\U0001f600")
    empty = ""
    print(repr(empty + empty + empty), repr(empty + "a" + empty))


def test_order_of_evaluation() -> None:
    log.clear()
    r = note("a", "A") + note("b", "B") + note("c", "C") + note("d", "D")
    print(r, log)


def test_subclass_operands() -> None:
    for pos in range(4):
        log.clear()
        parts: list[str] = ["p", "q", "r", "s"]
        parts[pos] = Loud(parts[pos].upper())
        r = note("0", parts[0]) + note("1", parts[1]) + note("2", parts[2]) + note("3", parts[3])
        print(pos, str.__str__(r), type(r).__name__, log)


def boom() -> str:
    raise ValueError("boom")


def test_exception_mid_chain() -> None:
    log.clear()
    try:
        print(note("a", "A") + note("b", "B") + boom() + note("d", "D"))
    except ValueError as e:
        print("ValueError", e, log)
    log.clear()
    try:
        x: str = Loud("L")
        print(x + note("b", "B") + boom())
    except ValueError as e:
        print("ValueError", e, log)


def test_in_loops_and_augmented() -> None:
    out = ""
    for i in range(5):
        word = "w" + str(i)
        out += word + ":" + word.upper() + ";"
    print(out)
