"""Operators on values typed str call a subclass's operator methods, as the
interpreter does: `+` (and the reflected `__radd__` of a right operand that
is a subclass), `+=`, `in`, `==`, `!=` and the orderings. Exact strs keep
their direct paths; the subclasses here log each call and return proper
types."""

log: list[str] = []


class Tagged(str):
    def __add__(self, other: str) -> str:
        log.append("add")
        return "T(" + str.__add__(self, other) + ")"

    def __radd__(self, other: str) -> str:
        log.append("radd")
        return "R(" + other + str(self) + ")"

    def __contains__(self, item: object) -> bool:
        log.append("contains")
        return True

    def __eq__(self, other: object) -> bool:
        log.append("eq")
        return False

    def __ne__(self, other: object) -> bool:
        log.append("ne")
        return False

    def __hash__(self) -> int:
        return str.__hash__(self)

    def __lt__(self, other: str) -> bool:
        log.append("lt")
        return True

    def __ge__(self, other: str) -> bool:
        log.append("ge")
        return True


class Plain(str):
    pass


def ops(a: str, b: str) -> list[object]:
    out: list[object] = [a + b, b + a, a + b + "!", "<" + a, b in a, a in b, a == b, a != b]
    out += [a == a, a != a, a < b, a <= b, a > b, a >= b]
    c = a
    c += b
    out.append(c)
    if a < b:
        out.append("lt")
    return out


def test_exact_strs() -> None:
    print(ops("abc", "b"), ops("", ""), ops("é", "日本"))


def test_subclass_on_the_left() -> None:
    log.clear()
    print(ops(Tagged("ab"), "x"))
    print(log)


def test_subclass_on_the_right() -> None:
    log.clear()
    print(ops("x", Tagged("ab")))
    print(log)


def test_plain_subclass_behaves_as_str() -> None:
    r = ops(Plain("ab"), Plain("b"))
    print(r, [type(v).__name__ for v in r[:4]])


def test_errors() -> None:
    a: str = "ab"
    b: object = 5
    try:
        print(a + b)  # type: ignore[operator]
    except TypeError as e:
        print("TypeError", e)
    try:
        print(b in a)  # type: ignore[operator]
    except TypeError as e:
        print("TypeError", e)
