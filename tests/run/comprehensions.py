"""List, dict and set comprehensions: conditions, several for clauses,
nested comprehensions, iteration over strings/dicts/ranges, their own scope
for the loop variable, exceptions raised inside them."""

FACTOR: int = 3
WORDS: list[str] = ["apple", "Bob", "kiwi", "", "banana", "Eve", "fig"]


def squares(n: int) -> list[int]:
    return [i * i for i in range(n)]


def evens_below(n: int) -> list[int]:
    return [i for i in range(n) if i % 2 == 0]


def scaled(xs: list[int], k: int) -> list[int]:
    return [x * k for x in xs]


def lengths(words: list[str]) -> dict[str, int]:
    return {w: len(w) for w in words}


def invert(d: dict[str, int]) -> dict[int, str]:
    return {v: k for k, v in d.items()}


def pairs_below(n: int) -> list[tuple[int, int]]:
    return [(i, j) for i in range(n) for j in range(i) if (i + j) % 2 == 1]


def residues(xs: list[int], m: int) -> set[int]:
    return {x % m for x in xs}


def fib(n: int) -> int:
    a, b = 0, 1
    for _ in range(n):
        a, b = b, a + b
    return a


def test_list_comp_basic() -> None:
    r = [squares(6), evens_below(9), scaled([1, -2, 2**62], FACTOR), [c for c in "abc"], [c for c in ""], [FACTOR for _ in range(3)]]
    print(r)
    assert r == [[0, 1, 4, 9, 16, 25], [0, 2, 4, 6, 8], [3, -6, 3 * 2**62], ["a", "b", "c"], [], [3, 3, 3]]


def test_list_comp_conditions() -> None:
    r1 = [w for w in WORDS if w]
    r2 = [w for w in WORDS if w and "A" <= w[0] <= "Z"]
    r3 = [x for x in range(30) if x % 2 if x % 3]
    r4 = ["even" if x % 2 == 0 else "odd" for x in range(5)]
    r5 = [x if x > 0 else -x for x in [-3, 0, 4, -(2**64)]]
    print(r1, r2, r3, r4, r5)
    assert r1 == ["apple", "Bob", "kiwi", "banana", "Eve", "fig"]
    assert r2 == ["Bob", "Eve"]
    assert r3 == [1, 5, 7, 11, 13, 17, 19, 23, 25, 29]
    assert r4 == ["even", "odd", "even", "odd", "even"]
    assert r5 == [3, 0, 4, 2**64]


def test_nested_for_clauses() -> None:
    p = pairs_below(5)
    grid = [(r, c) for r in "ab" for c in range(2)]
    flat = [x for row in [[1, 2], [], [3]] for x in row]
    print(p, grid, flat)
    assert p == [(1, 0), (2, 1), (3, 0), (3, 2), (4, 1), (4, 3)]
    assert grid == [("a", 0), ("a", 1), ("b", 0), ("b", 1)]
    assert flat == [1, 2, 3]


def test_nested_comprehensions() -> None:
    table = [[i * j for j in range(1, 4)] for i in range(1, 4)]
    transposed = [[row[i] for row in table] for i in range(3)]
    print(table, transposed)
    assert table == [[1, 2, 3], [2, 4, 6], [3, 6, 9]]
    assert transposed == table


def test_dict_comprehensions() -> None:
    lens = lengths(["a", "bb", "ccc", "bb"])
    inv = invert({"one": 1, "two": 2, "uno": 1})
    sq = {i: i * i for i in range(-2, 3) if i != 0}
    nested = {k: [c for c in k] for k in ["ab", "c"]}
    print(lens, inv, sq, nested)
    assert lens == {"a": 1, "bb": 2, "ccc": 3}
    assert list(lens) == ["a", "bb", "ccc"]
    assert inv == {1: "uno", 2: "two"}
    assert list(inv) == [1, 2]
    assert sq == {-2: 4, -1: 1, 1: 1, 2: 4}
    assert nested == {"ab": ["a", "b"], "c": ["c"]}


def test_set_comprehensions() -> None:
    r = residues(list(range(20)), 3)
    chars = {c for c in "mississippi"}
    big = {x for x in [2**64, 2**64, 2**63, 1]}
    print(sorted(r), sorted(chars), sorted(big), len(chars))
    assert r == {0, 1, 2}
    assert sorted(chars) == ["i", "m", "p", "s"]
    assert len(big) == 3
    assert {x * 0 for x in range(5)} == {0}


def test_comprehension_scope() -> None:
    i = 100
    ys = [i for i in range(3)]
    x = "outer"
    zs = {x: 1 for x in "ab"}
    print(i, ys, x, zs)
    assert i == 100
    assert ys == [0, 1, 2]
    assert x == "outer"


def test_comprehension_uses_locals_params_globals() -> None:
    base = 10
    r = [base + x * FACTOR for x in range(4)]
    words = [w + "!" for w in WORDS if len(w) == base - 7]
    print(r, words)
    assert r == [10, 13, 16, 19]
    assert words == ["Bob!", "Eve!", "fig!"]


def test_comprehension_with_calls_and_big_ints() -> None:
    fibs = [fib(n) for n in range(0, 101, 10)]
    pows = [2**n for n in range(60, 66)]
    print(fibs)
    print(pows)
    assert fibs[-1] == 354224848179261915075
    assert fibs[:4] == [0, 55, 6765, 832040]
    assert pows == [2**60, 2**61, 2**62, 2**63, 2**64, 2**65]


def test_comprehension_over_dict_and_string() -> None:
    d = {"a": 1, "b": 2, "c": 3}
    r1 = [f"{k}={v}" for k, v in d.items()]
    r2 = [k for k in d if d[k] > 1]
    r3 = [chr(ord(c) - 32) for c in "héllo" if c != "l"]
    r4 = [s[::-1] for s in "ab cd ef".split()]
    print(r1, r2, r3, r4)
    assert r1 == ["a=1", "b=2", "c=3"]
    assert r2 == ["b", "c"]
    assert r3 == ["H", "É", "O"]
    assert r4 == ["ba", "dc", "fe"]


def test_exception_inside_comprehension() -> None:
    try:
        vals = [10 // x for x in [5, 2, 0, 1]]
        msg = "no error " + str(vals)
    except ZeroDivisionError as e:
        msg = type(e).__name__ + ": " + str(e)
    try:
        d = {k: [1, 2][k] for k in range(5)}
        msg2 = "no error " + str(d)
    except IndexError as e:
        msg2 = type(e).__name__ + ": " + str(e)
    print(msg, msg2)
    assert msg == "ZeroDivisionError: integer division or modulo by zero"
    assert msg2 == "IndexError: list index out of range"


def test_comprehension_results_are_new_lists() -> None:
    src = [1, 2, 3]
    copy = [x for x in src]
    copy.append(4)
    total = sum([x * x for x in src])
    print(src, copy, total, len([0 for _ in range(1000)]))
    assert src == [1, 2, 3]
    assert copy == [1, 2, 3, 4]
    assert total == 14
