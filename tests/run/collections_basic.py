"""Lists, tuples and dicts: literals, indexing (negative, out of range, huge
indices), item assignment, append in loops, slicing, aliasing, iteration,
dict insertion order, KeyError messages, equal keys of different types."""

PRIMES: list[int] = [2, 3, 5, 7, 11]
ORIGIN: tuple[int, int] = (0, 0)
AGES: dict[str, int] = {"ann": 31, "bob": 27}


def get(xs: list[int], i: int) -> int:
    return xs[i]


def set_item(xs: list[int], i: int, v: int) -> None:
    xs[i] = v


def tget(t: tuple[int, int], i: int) -> int:
    return t[i]


def lookup(d: dict[str, int], k: str) -> int:
    return d[k]


def squares(n: int) -> list[int]:
    out = []
    for i in range(n):
        out.append(i * i)
    return out


def total(xs: list[int]) -> int:
    s = 0
    for x in xs:
        s += x
    return s


def ftotal(xs: list[float]) -> float:
    s = 0.0
    for x in xs:
        s += x
    return s


def word_counts(words: list[str]) -> dict[str, int]:
    counts: dict[str, int] = {}
    for w in words:
        counts[w] = counts.get(w, 0) + 1
    return counts


def swap(t: tuple[int, int]) -> tuple[int, int]:
    a, b = t
    return b, a


def add_points(p: tuple[int, int], q: tuple[int, int]) -> tuple[int, int]:
    return (p[0] + q[0], p[1] + q[1])


def group_by_len(words: list[str]) -> dict[int, list[str]]:
    groups: dict[int, list[str]] = {}
    for w in words:
        n = len(w)
        if n not in groups:
            groups[n] = []
        groups[n].append(w)
    return groups


def test_list_literals_and_indexing() -> None:
    xs = [10, 20, 30, 2**64, -(2**63)]
    r = [get(xs, 0), get(xs, -1), get(xs, -5), get(xs, 3), len(xs), xs[1], xs[-2], PRIMES[-1], [[1, 2], [3]][0][1]]
    print(r)
    assert r == [10, -(2**63), 10, 2**64, 5, 20, 2**64, 11, 2]


def test_list_index_errors() -> None:
    xs = [1, 2, 3]
    msgs = []
    for i in [3, -4, 2**64, -(2**70)]:
        try:
            get(xs, i)
            msgs.append("no error")
        except IndexError as e:
            msgs.append(str(e))
    try:
        set_item(xs, 3, 0)
    except IndexError as e:
        msgs.append(str(e))
    try:
        get([], 0)
    except IndexError as e:
        msgs.append(str(e))
    try:
        xs.pop(7)
    except IndexError as e:
        msgs.append(str(e))
    try:
        [].pop()
    except IndexError as e:
        msgs.append(str(e))
    for m in msgs:
        print(m)
    assert msgs == [
        "list index out of range",
        "list index out of range",
        "cannot fit 'int' into an index-sized integer",
        "cannot fit 'int' into an index-sized integer",
        "list assignment index out of range",
        "list index out of range",
        "pop index out of range",
        "pop from empty list",
    ]


def test_list_append_and_setitem() -> None:
    sq = squares(10)
    big = squares(1000)
    xs = [0, 0, 0]
    set_item(xs, 0, 5)
    set_item(xs, -1, 2**64)
    xs[1] = -7
    print(sq, total(big), xs)
    assert sq == [0, 1, 4, 9, 16, 25, 36, 49, 64, 81]
    assert len(big) == 1000
    assert total(big) == 332833500
    assert xs == [5, -7, 2**64]


def test_list_slicing_and_operators() -> None:
    xs = [0, 1, 2, 3, 4, 5]
    r = [xs[1:3], xs[::-1], xs[::2], xs[-2:], xs[:100], xs[4:1:-1], xs + [6], [0] * 3, [1, 2] * 0, 3 in xs, 9 in xs, xs == [0, 1, 2, 3, 4, 5], xs[:] is xs]
    print(r)
    assert r == [[1, 2], [5, 4, 3, 2, 1, 0], [0, 2, 4], [4, 5], [0, 1, 2, 3, 4, 5], [4, 3, 2], [0, 1, 2, 3, 4, 5, 6], [0, 0, 0], [], True, False, True, False]


def test_list_aliasing_and_copies() -> None:
    xs = [1, 2]
    ys = xs
    ys.append(3)
    zs = xs[:]
    zs.append(4)
    ws = list(xs)
    ws[0] = 100
    nested = [[0]] * 3
    nested[0].append(1)
    print(xs, ys, zs, ws, nested)
    assert xs == [1, 2, 3]
    assert ys is xs
    assert zs == [1, 2, 3, 4]
    assert ws == [100, 2, 3]
    assert nested == [[0, 1], [0, 1], [0, 1]]


def test_float_and_str_lists() -> None:
    fs = [0.1, 0.2, 0.3]
    words = ["b", "a", "c"]
    joined = ""
    for w in words:
        joined += w
    print(ftotal(fs), joined, ", ".join(words), sorted(words), max(words))
    assert ftotal(fs) == 0.6000000000000001
    assert joined == "bac"
    assert sorted(words) == ["a", "b", "c"]


def test_tuples() -> None:
    t = (1, "two", 3.0, None)
    a, b = swap((1, 2))
    p = add_points((1, 2), (2**63, -5))
    single = (5,)
    empty = ()
    nested = ((1, 2), (3, (4, 5)))
    print(t, t[1], t[-1], len(t), a, b, p, single, empty, nested[1][1][0])
    assert t[1] == "two"
    assert t[-1] is None
    assert (a, b) == (2, 1)
    assert p == (2**63 + 1, -3)
    assert len(single) == 1
    assert len(empty) == 0
    assert nested[1][1][0] == 4
    assert (1, 2) + (3,) == (1, 2, 3)
    assert ORIGIN == (0, 0)
    msgs = []
    for i in [2, -3]:
        try:
            tget((7, 8), i)
        except IndexError as e:
            msgs.append(str(e))
    print(msgs, tget((7, 8), -1))
    assert msgs == ["tuple index out of range", "tuple index out of range"]


def test_swap_and_multiple_assignment() -> None:
    a = 1
    b = 2**64
    a, b = b, a
    x = y = 7
    c, d, e = "xyz"
    print(a, b, x, y, c, d, e)
    assert a == 2**64
    assert b == 1
    assert x == 7
    assert y == 7
    assert (c, d, e) == ("x", "y", "z")


def test_dict_insertion_order() -> None:
    d: dict[str, int] = {}
    d["zeta"] = 1
    d["alpha"] = 2
    d["mid"] = 3
    d["zeta"] = 10
    keys = []
    for k in d:
        keys.append(k)
    print(d, keys)
    assert keys == ["zeta", "alpha", "mid"]
    d.pop("zeta")
    d["zeta"] = 11
    print(d, list(d.keys()), list(d.values()))
    assert list(d.keys()) == ["alpha", "mid", "zeta"]
    assert list(d.values()) == [2, 3, 11]


def test_dict_lookup_and_keyerror() -> None:
    d = {"a": 1, "b": 2}
    r = [lookup(d, "a"), lookup(AGES, "bob"), d.get("zz"), d.get("zz", 0), "a" in d, "zz" in d, len(d)]
    print(r)
    assert r == [1, 27, None, 0, True, False, 2]
    msgs = []
    try:
        lookup(d, "missing")
    except KeyError as e:
        msgs.append(str(e))
        msgs.append(repr(e.args))
    try:
        {(1, 2): 0}[(2, 1)]
    except KeyError as e:
        msgs.append(str(e))
    try:
        {1: 0}[2**64]
    except KeyError as e:
        msgs.append(str(e))
    print(msgs)
    assert msgs == ["'missing'", "('missing',)", "(2, 1)", "18446744073709551616"]


def test_dict_iteration_views() -> None:
    d = {"x": 1, "y": 2, "z": 3}
    items = []
    for k, v in d.items():
        items.append(k * v)
    vsum = 0
    for v in d.values():
        vsum += v
    print(items, vsum, list(d), list(d.items()))
    assert items == ["x", "yy", "zzz"]
    assert vsum == 6
    assert list(d.items()) == [("x", 1), ("y", 2), ("z", 3)]


def test_dict_equal_keys_of_different_types() -> None:
    d: dict[object, str] = {1: "int"}
    d[1.0] = "float"
    d[True] = "bool"
    print(d, len(d))
    assert len(d) == 1
    assert d[1] == "bool"
    k = list(d.keys())[0]
    assert type(k).__name__ == "int"
    big: dict[int, str] = {2**64: "big", -1: "neg"}
    big[2**64] = "BIG"
    print(big, big[18446744073709551616])
    assert big == {2**64: "BIG", -1: "neg"}


def test_word_counts_and_grouping() -> None:
    words = ["the", "cat", "and", "the", "hat", "the", "end", "a"]
    counts = word_counts(words)
    groups = group_by_len(words)
    print(counts)
    print(groups)
    assert counts == {"the": 3, "cat": 1, "and": 1, "hat": 1, "end": 1, "a": 1}
    assert list(counts) == ["the", "cat", "and", "hat", "end", "a"]
    assert groups == {3: ["the", "cat", "and", "the", "hat", "the", "end"], 1: ["a"]}


def test_dict_equality_and_update() -> None:
    a = {"x": 1, "y": 2}
    b = {"y": 2, "x": 1}
    c = dict(a)
    c["x"] = 100
    a.update({"z": 3})
    print(a == b, a, b, c)
    assert {"x": 1, "y": 2} == b
    assert a == {"x": 1, "y": 2, "z": 3}
    assert c == {"x": 100, "y": 2}
    assert {} == dict()
    assert [] == list()


def test_nested_collections() -> None:
    table: dict[str, list[int]] = {"evens": [], "odds": []}
    for i in range(7):
        if i % 2 == 0:
            table["evens"].append(i)
        else:
            table["odds"].append(i)
    records = [{"n": 1}, {"n": 2}]
    records[1]["n"] += 40
    grid = [[0, 0], [0, 0]]
    grid[1][0] = 5
    print(table, records, grid)
    assert table == {"evens": [0, 2, 4, 6], "odds": [1, 3, 5]}
    assert records == [{"n": 1}, {"n": 42}]
    assert grid == [[0, 0], [5, 0]]


def test_builtins_over_lists() -> None:
    xs = [3, -(2**64), 7, 2**63]
    r = [len(xs), sum(xs), min(xs), max(xs), sum([]), sum([0.5, 0.25]), sorted(xs), list(reversed(xs))]
    print(r)
    assert r == [4, 3 - 2**64 + 7 + 2**63, -(2**64), 2**63, 0, 0.75, [-(2**64), 3, 7, 2**63], [2**63, 7, -(2**64), 3]]
