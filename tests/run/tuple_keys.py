"""Set and dict lookups with keys typed tuple hash the key once and hand the
hash to the lookup (`in`, `s.add`, `d[k]`, `d[k] = v`, `d[k] += v`,
`d.get`). The hash must be the interpreter's to the bit, sets must place
their entries in the same slots (iteration order shows it), and keys whose
hash can run Python code must be hashed as often, and when, the interpreter
hashes them."""

import sys
from typing import Any


def lcg(state: int) -> int:
    return (state * 1103515245 + 12345) & 0x7FFFFFFF


SCALARS: list[Any] = [
    0, 1, -1, -2, 2**30 - 1, 2**30, -(2**30), 2**61 - 2, 2**61 - 1, 2**61,
    -(2**61) + 1, 2**62, -(2**63), 2**100, -(2**100), 1 << 200,
    0.0, -0.0, 1.5, -1.0, 1e300, float("inf"), float("-inf"),
    "", "a", "key", "é", "日本", b"", b"raw", None, True, False,
]


def test_hash_matches_the_interpreter() -> None:
    # Keys added by compiled code; the interpreter's own set code then looks
    # each one up with its own hash (the method call hashes afresh).
    s: set[tuple[Any, ...]] = set()
    keys: list[tuple[Any, ...]] = []
    for i in range(len(SCALARS)):
        for j in range(len(SCALARS)):
            key = (SCALARS[i], SCALARS[j])
            keys.append(key)
            s.add(key)
    deep: tuple[Any, ...] = (1,)
    for _ in range(20):
        deep = (deep,)
    nested: list[tuple[Any, ...]] = [
        (), ((),), (1, (2, (3, (4,)))), ((-1,), "x", (None, b"")), deep, (deep, deep),
    ]
    for key in nested:
        keys.append(key)
        s.add(key)
    print(len(s), len(keys))
    assert all(s.__contains__(k) for k in keys)
    assert s <= frozenset(keys) and frozenset(keys) <= s
    assert list(s) == list(set(keys))
    d: dict[tuple[Any, ...], int] = {}
    for n, key in enumerate(keys):
        d[key] = n
    assert all(d.__contains__(k) for k in keys)
    assert d == dict(zip(keys, range(len(keys))))
    print(sum(d.values()))


def test_set_order_with_removals() -> None:
    # Interleaved compiled adds and interpreted discards: dummy slots, reuse,
    # growth. The iteration order shows every slot.
    s: set[tuple[int, int]] = set()
    plain: Any = set()
    state = 7
    for step in range(3000):
        state = lcg(state)
        key = ((state >> 8) % 97 - 40, (state >> 16) % 13)
        if (state >> 4) % 5 == 0:
            s.discard(key)
            plain.discard(key)
        else:
            s.add(key)
            plain.add(key)
        if step % 500 == 0:
            assert list(s) == list(plain)
            print(step, len(s))
    assert list(s) == list(plain)
    print(list(s)[:8])


def test_set_order_under_churn() -> None:
    # Many seeds, key ranges and removal rates: sets that stay small (the
    # table inside the set object), that grow, and that fill with dummies.
    for seed in range(12):
        s: set[tuple[int, int]] = set()
        plain: Any = set()
        state = seed * 7919 + 1
        span = 5 + seed * 11
        rate = 2 + seed % 4
        for step in range(1500):
            state = lcg(state)
            key = ((state >> 8) % span, (state >> 20) % 3 - 1)
            if (state >> 4) % rate == 0:
                s.discard(key)
                plain.discard(key)
            else:
                if key not in s:
                    s.add(key)
                plain.add(key)
            if step % 50 == 0:
                assert list(s) == list(plain), (seed, step)
        assert list(s) == list(plain)
        print(seed, len(s), hash(tuple(s)) == hash(tuple(plain)))


def test_membership() -> None:
    s: set[tuple[int, str]] = {(1, "a"), (2, "b")}
    fs: frozenset[tuple[int, str]] = frozenset(s)
    d: dict[tuple[int, str], int] = {(1, "a"): 10}
    for key in [(1, "a"), (2, "b"), (3, "c"), (1, "b")]:
        print(key, key in s, key not in s, key in d, key not in d, key in fs)


def test_dict_ops() -> None:
    d: dict[tuple[int, int], int] = {}
    for i in range(40):
        key = (i % 6, i % 4)
        d[key] = d.get(key, 0) + 1
        d[key] += 10
        if key in d:
            d[key] -= 1
    print(sorted(d.items()))
    print(list(d)[:6])
    print(d.get((9, 9)), d.get((9, 9), -1), d.get((0, 0)))
    try:
        print(d[(9, 9)])
    except KeyError as e:
        print("KeyError", repr(e), e.args)
    try:
        d[(7, 7)] += 1
    except KeyError as e:
        print("KeyError", repr(e))


class Counted:
    """Hashes like its value and counts how often it is hashed and compared."""

    hashes = 0
    compares = 0

    def __init__(self, v: int) -> None:
        self.v = v

    def __hash__(self) -> int:
        Counted.hashes += 1
        return hash(self.v)

    def __eq__(self, other: object) -> bool:
        Counted.compares += 1
        return isinstance(other, Counted) and other.v == self.v


def test_keys_with_python_hashes() -> None:
    s: set[tuple[int, Any]] = set()
    d: dict[tuple[int, Any], int] = {}
    for i in range(6):
        key = (i % 3, Counted(i % 2))
        if key not in s:
            s.add(key)
        d[key] = d.get(key, 0) + 1
        if key in d:
            d[key] += 1
    print(len(s), sorted((k[0], k[1].v, n) for k, n in d.items()))
    print("hashes", Counted.hashes, "compares", Counted.compares)


class Mutating:
    """Has the hash of (1, 2); comparing it empties the set it lives in."""

    def __init__(self, home: Any) -> None:
        self.home = home

    def __hash__(self) -> int:
        return hash((1, 2))

    def __eq__(self, other: object) -> bool:
        self.home.clear()
        self.home.add((5, 6))
        return False


def test_comparison_that_changes_the_set() -> None:
    s: set[Any] = set()
    s.add(Mutating(s))
    key = (1, 2)
    typed: set[tuple[int, int]] = s
    print(key in typed, sorted(typed))
    typed.add(key)
    print(sorted(typed))
    t: set[Any] = set()
    t.add(Mutating(t))
    typed = t
    typed.add(key)
    print(sorted(typed))


class LoggingSet(set):  # type: ignore[type-arg]
    def add(self, item: Any) -> None:
        print("LoggingSet.add", item)
        super().add(item)

    def __contains__(self, item: object) -> bool:
        print("LoggingSet.__contains__", item)
        return super().__contains__(item)


class DefaultingDict(dict):  # type: ignore[type-arg]
    def __missing__(self, key: Any) -> int:
        print("__missing__", key)
        return 0


def test_subclasses() -> None:
    s: set[tuple[int, int]] = LoggingSet()
    key = (3, 4)
    if key not in s:
        s.add(key)
    print(key in s, sorted(s))
    d: dict[tuple[int, int], int] = DefaultingDict()
    print(d[key])
    d[key] += 5
    print(d, d.get(key), d.get((0, 0), "none"))


def test_key_rebound_in_loop() -> None:
    seen: set[tuple[int, int]] = set()
    key = (0, 0)
    repeats = 0
    for i in range(30):
        if key in seen:
            repeats += 1
        key = (i % 4, i % 3)
        seen.add(key)
    print(repeats, len(seen), sorted(seen))


def test_unhashable_key() -> None:
    s: set[tuple[Any, ...]] = set()
    d: dict[tuple[Any, ...], int] = {}
    key = (1, [2])
    for what, f in [
        ("in set", lambda: key in s),
        ("add", lambda: s.add(key)),
        ("in dict", lambda: key in d),
        ("getitem", lambda: d[key]),
        ("get", lambda: d.get(key)),
    ]:
        try:
            f()
        except TypeError as e:
            print(what, "TypeError", e)
    try:
        d[key] = 1
    except TypeError as e:
        print("setitem TypeError", e)
    try:
        if key in s:
            pass
    except TypeError as e:
        print("direct in TypeError", e)
    try:
        s.add(key)
    except TypeError as e:
        print("direct add TypeError", e)


def test_memo_search() -> None:
    memo: dict[tuple[int, int], int] = {}

    def paths(r: int, c: int) -> int:
        key = (r, c)
        if key in memo:
            return memo[key]
        if r == 0 or c == 0:
            result = 1
        else:
            result = paths(r - 1, c) + paths(r, c - 1)
        memo[key] = result
        return result

    print(paths(16, 16), len(memo))



class Flaky:
    """Hashes like (1, 2); == says no the first time, yes afterwards."""

    calls = 0

    def __hash__(self) -> int:
        return hash((1, 2))

    def __eq__(self, other: object) -> bool:
        Flaky.calls += 1
        return Flaky.calls > 1


def test_add_compares_once_when_the_table_grows() -> None:
    # Four entries: adding a fifth grows the table; == must run once, and its
    # "no" must stand.
    s: set[Any] = {10, 20, 30, Flaky()}
    typed: set[tuple[int, int]] = s
    key = (1, 2)
    typed.add(key)
    print(len(s), Flaky.calls, key in s)


class Grower:
    """Hashes like (1, 2); its first == grows the set it lives in, then says yes."""

    calls = 0

    def __init__(self, home: Any) -> None:
        self.home = home

    def __hash__(self) -> int:
        return hash((1, 2))

    def __eq__(self, other: object) -> bool:
        Grower.calls += 1
        if Grower.calls == 1:
            for i in range(20):
                self.home.add(1000 + i)
        return True


def test_add_takes_a_yes_from_an_eq_that_changed_the_set() -> None:
    s: set[Any] = set()
    s.add(Grower(s))
    typed: set[tuple[int, int]] = s
    typed.add((1, 2))
    print("calls", Grower.calls, len(s), (1, 2) in s)
    # `in` starts over after such a change (and so compares again).
    Grower.calls = 0
    t: set[Any] = set()
    t.add(Grower(t))
    typed = t
    print((1, 2) in typed, "calls", Grower.calls, len(t))


def test_growth_keeps_the_interpreters_layout() -> None:
    for n in [4, 5, 18, 19, 76, 77, 307, 1228, 50001]:
        s: set[tuple[int, int]] = set()
        plain: Any = set()
        for i in range(n):
            key = (i * 7919 % 1009, i)
            s.add(key)
            plain.add(key)
        assert list(s) == list(plain), n
        print(n, len(s), sys.getsizeof(s) == sys.getsizeof(plain))
