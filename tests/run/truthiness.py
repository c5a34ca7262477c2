"""Truthiness of every basic type, and/or returning operand values (not
bools), short-circuit evaluation, not, conditional expressions, while loops
driven by truthiness."""

LOG: list[str] = []
VALUES: list[object] = [0, 1, -1, 0.0, -0.0, 0.5, "", " ", "0", [], [0], {}, {0: 0}, (), (0,), None, True, False, 2**64, float("nan")]


def note(tag: str, v: object) -> object:
    LOG.append(tag)
    return v


def truthy(x: object) -> str:
    if x:
        return "T"
    else:
        return "F"


def or_any(a, b):
    return a or b


def and_any(a, b):
    return a and b


def not_any(a) -> bool:
    return not a


def first_nonzero(a: int, b: int) -> int:
    return a or b


def both_int(a: int, b: int) -> int:
    return a and b


def float_or(a: float, b: float) -> float:
    return a or b


def name_or_default(s: str) -> str:
    return s or "anonymous"


def list_or_default(xs: list[int]) -> list[int]:
    return xs or [-1]


def float_truthy(x: float) -> bool:
    return bool(x)


def int_truthy(x: int) -> bool:
    if x:
        return True
    return False


def sign_word(n: int) -> str:
    return "positive" if n > 0 else "zero" if n == 0 else "negative"


def nothing() -> None:
    pass


def implicit_none(x):
    if x > 0:
        return x


def test_truthiness_table() -> None:
    out = ""
    for v in VALUES:
        out += truthy(v)
    print(out)
    assert out == "FTTFFTFTTFTFTFTFTFTT"
    bools = []
    for v in VALUES:
        bools.append(bool(v))
    print(bools)
    assert bools[0] is False
    assert bools[18] is True


def test_or_returns_operand() -> None:
    r = [or_any(0, "x"), or_any("", 0), or_any([], {}), or_any("a", "b"), or_any(None, 0.0), or_any(0.0, None), or_any([0], 5), or_any((), "t")]
    print(r)
    assert r == ["x", 0, {}, "a", 0.0, None, [0], "t"]
    r2 = 0 or "x"
    r3: object = "" or [] or 0.0 or "last"
    r4 = None or 0
    print(repr(r2), repr(r3), repr(r4))
    assert r2 == "x"
    assert r3 == "last"
    assert r4 == 0


def test_and_returns_operand() -> None:
    r = [and_any(0, 1), and_any("a", "b"), and_any([], 1), and_any(3, 0.0), and_any(None, "x"), and_any("x", None), and_any(2**64, -1)]
    print(r)
    assert r == [0, "b", [], 0.0, None, None, -1]
    r2 = 1 and "y" and [1, 2]
    r3 = 1 and "" and [1, 2]
    print(repr(r2), repr(r3))
    assert r2 == [1, 2]
    assert r3 == ""


def test_short_circuit_evaluation() -> None:
    LOG.clear()
    note("a", 0) and note("b", 1)
    t1 = list(LOG)
    LOG.clear()
    note("a", 1) or note("b", 1)
    t2 = list(LOG)
    LOG.clear()
    note("a", 1) and note("b", 0) and note("c", 1)
    t3 = list(LOG)
    LOG.clear()
    note("a", "") or note("b", []) or note("c", "hit") or note("d", 1)
    t4 = list(LOG)
    print(t1, t2, t3, t4)
    assert t1 == ["a"]
    assert t2 == ["a"]
    assert t3 == ["a", "b"]
    assert t4 == ["a", "b", "c"]
    # the right operand would raise if evaluated
    z = 0
    assert (z and 1 // z) == 0
    assert (5 or 1 // z) == 5


def test_not_operator() -> None:
    r = [not_any(0), not_any(""), not_any([1]), not_any(None), not_any(0.0), not_any("0"), not_any({}), not_any(2**100), not 0, not not 3]
    print(r)
    assert r == [True, True, False, True, True, False, True, False, True, True]


def test_typed_int_and_or() -> None:
    r = [first_nonzero(0, 7), first_nonzero(3, 7), first_nonzero(0, 2**64), first_nonzero(-(2**63), 1), both_int(0, 5), both_int(4, 5), both_int(2**64, 0), both_int(2**64, 2**65)]
    print(r)
    assert r == [7, 3, 2**64, -(2**63), 0, 5, 0, 2**65]


def test_typed_float_str_list_or() -> None:
    r1 = [float_or(0.0, 2.5), float_or(-0.0, 1.5), float_or(0.25, 9.0)]
    r2 = [name_or_default(""), name_or_default("bob")]
    r3 = [list_or_default([]), list_or_default([0])]
    print(r1, r2, r3)
    assert r1 == [2.5, 1.5, 0.25]
    assert r2 == ["anonymous", "bob"]
    assert r3 == [[-1], [0]]


def test_typed_truthiness_of_numbers() -> None:
    r = [float_truthy(0.0), float_truthy(-0.0), float_truthy(float("nan")), float_truthy(1e-300), int_truthy(0), int_truthy(-1), int_truthy(2**64), int_truthy(2**64 - 2**64)]
    print(r)
    assert r == [False, False, True, True, False, True, True, False]


def test_conditional_expressions() -> None:
    words = []
    for n in [5, 0, -5, 2**70, -(2**70)]:
        words.append(sign_word(n))
    print(words)
    assert words == ["positive", "zero", "negative", "positive", "negative"]
    d = 0
    safe = 1 // d if d else -1
    print(safe)
    assert safe == -1
    x = "yes" if [] else "no"
    y = "yes" if [0] else "no"
    assert (x, y) == ("no", "yes")


def test_if_on_values() -> None:
    hits = []
    for s in ["", "a", " "]:
        if s:
            hits.append("str:" + s)
    for xs in [[], [0], [1, 2]]:
        if xs:
            hits.append("list:" + str(len(xs)))
    for dd in [{}, {"k": 0}]:
        if not dd:
            hits.append("empty dict")
    if None:
        hits.append("none?")
    print(hits)
    assert hits == ["str:a", "str: ", "list:1", "list:2", "empty dict"]


def test_while_truthiness() -> None:
    stack = [1, 2, 3]
    popped = []
    while stack:
        popped.append(stack.pop())
    n = 2**70
    steps = 0
    while n:
        n //= 2
        steps += 1
    s = "abcd"
    cuts = 0
    while s:
        s = s[1:]
        cuts += 1
    print(popped, steps, cuts)
    assert popped == [3, 2, 1]
    assert steps == 71
    assert cuts == 4


def test_none_result_truthiness() -> None:
    nothing()
    r = implicit_none(0)
    alt = implicit_none(-1) or "default"
    kept = implicit_none(5) or "default"
    print(r, alt, kept, r is None, not r)
    assert r is None
    assert alt == "default"
    assert kept == 5


def test_precedence_of_boolean_ops() -> None:
    r = [0 or 2 and 3, 1 or 2 and 0, (0 or 0) and 1, not 1 or 2, not (1 or 2), 0 and 1 or 5, "" or not ""]
    print(r)
    assert r == [3, 1, 0, 2, False, 5, True]
