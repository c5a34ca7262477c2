"""Generator expressions: laziness, eager first iterable, nested for/if clauses,
late binding of captured variables, consumers (sum/any/all inlined, min, max,
sorted, dict, set, join, tuple), single-use, shadowed consumers."""

import itertools
from typing import Any, Callable, Generator, Iterator


def naturals() -> Iterator[int]:
    n = 0
    while True:
        yield n
        n += 1


def logged(log: list[str], xs: list[int]) -> Iterator[int]:
    for x in xs:
        log.append("src" + str(x))
        yield x


# ---------------------------------------------------------------- laziness

def test_lazy_infinite_source() -> None:
    squares = (n * n for n in naturals())
    r = [next(squares) for _ in range(5)]
    print(r)
    assert r == [0, 1, 4, 9, 16]
    r2 = list(itertools.islice((n for n in naturals() if n % 3 == 0), 4))
    print(r2)
    assert r2 == [0, 3, 6, 9]


def test_side_effects_only_when_consumed() -> None:
    log: list[str] = []

    def f(x: int) -> int:
        log.append("f" + str(x))
        return x * 10

    g = (f(x) for x in [1, 2, 3])
    print(log)
    assert log == []
    print(next(g), log)
    assert log == ["f1"]
    print(list(g), log)
    assert log == ["f1", "f2", "f3"]


def test_first_iterable_evaluated_immediately() -> None:
    log: list[str] = []

    def first() -> list[int]:
        log.append("first")
        return [1, 2]

    def second(x: int) -> list[int]:
        log.append("second" + str(x))
        return [x, x + 10]

    g = (a + b for a in first() for b in second(a))
    print(log)
    assert log == ["first"]
    r = list(g)
    print(r, log)
    assert r == [2, 12, 4, 14]


def test_first_iterable_error_at_creation() -> None:
    def bad() -> list[int]:
        raise ValueError("no source")

    try:
        g = (x for x in bad())
        print("created", list(g))
    except ValueError as e:
        print("ValueError at creation", e)
    try:
        n: object = 5
        h = (x for x in n)  # type: ignore[attr-defined]
        print("created", h)
    except TypeError as e:
        print("TypeError", e)


def test_second_iterable_error_lazy() -> None:
    def bad(x: int) -> list[int]:
        raise KeyError(x)

    g = (a + b for a in [1, 2] for b in bad(a))
    print("created")
    try:
        next(g)
    except KeyError as e:
        print("KeyError on iteration", e)


def test_condition_evaluated_lazily() -> None:
    log: list[str] = []

    def keep(x: int) -> bool:
        log.append("keep" + str(x))
        return x % 2 == 1

    g = (x for x in range(6) if keep(x))
    print(next(g), log)
    print(next(g), log)
    assert log == ["keep0", "keep1", "keep2", "keep3"]


# ---------------------------------------------------------------- clauses

def test_nested_for_and_if() -> None:
    r = list((x, y) for x in range(4) if x % 2 == 0 for y in range(x) if y != 1)
    print(r)
    assert r == [(2, 0)]
    r2 = list(a + b + c for a in "ab" for b in "xy" for c in "12")
    print(r2)
    assert len(r2) == 8


def test_multiple_ifs() -> None:
    r = list(x for x in range(30) if x % 2 == 0 if x % 3 == 0 if x > 0)
    print(r)
    assert r == [6, 12, 18, 24]


def test_nested_genexp() -> None:
    rows = [[1, 2], [3], [], [4, 5, 6]]
    flat = list(v for row in rows for v in row)
    sums = list(sum(v for v in row) for row in rows)
    inner = list(list(v * 2 for v in row) for row in rows)
    print(flat, sums, inner)
    assert flat == [1, 2, 3, 4, 5, 6] and sums == [3, 3, 0, 15]


def test_unpacking_targets() -> None:
    pairs = [(1, "a"), (2, "b"), (3, "c")]
    r = list(s * n for n, s in pairs)
    d = dict((v, k) for k, v in enumerate("xyz"))
    e = list(i + j for i, (j, _) in enumerate(pairs))
    print(r, d, e)
    assert r == ["a", "bb", "ccc"] and e == [1, 3, 5]


# ---------------------------------------------------------------- binding

def test_late_binding_capture() -> None:
    factor = 2
    g = (x * factor for x in range(4))
    print(next(g))
    factor = 100
    r = list(g)
    print(r)
    assert r == [100, 200, 300]


def test_first_iterable_bound_early() -> None:
    xs = [1, 2, 3]
    g = (x for x in xs)
    xs = [9, 9]
    r = list(g)
    print(r)
    assert r == [1, 2, 3]


def test_first_iterable_mutated_is_seen() -> None:
    xs = [1, 2, 3]
    g = (x for x in xs)
    xs.append(4)
    r = list(g)
    print(r)
    assert r == [1, 2, 3, 4]


def test_second_iterable_late_binding() -> None:
    ys = [10]
    g = (x + y for x in [1, 2] for y in ys)
    ys = [20, 30]
    r = list(g)
    print(r)
    assert r == [21, 31, 22, 32]


def test_loop_var_does_not_leak() -> None:
    x = "outer"
    g = list(x * 2 for x in range(3))
    print(g, x)
    assert x == "outer"
    y = -1
    t = sum(y for y in range(5))
    print(t, y)
    assert y == -1


def test_capture_in_nested_function() -> None:
    def make(n: int) -> Callable[[], list[int]]:
        def f() -> list[int]:
            return list(i * n for i in range(3))
        return f

    print(make(2)(), make(5)())


class Box:
    def __init__(self) -> None:
        self.scale = 3

    def scaled(self, xs: list[int]) -> list[int]:
        return list(x * self.scale for x in xs)



def test_genexp_captures_self_attr() -> None:
    b = Box()
    print(b.scaled([1, 2]))
    b.scale = 10
    print(b.scaled([1, 2]))


# ---------------------------------------------------------------- consumers

def test_sum_inline_kinds() -> None:
    a = sum(x for x in range(101))
    b = sum(x / 2 for x in range(5))
    c = sum(x > 2 for x in range(6))
    d = sum(x if x % 2 else x * 0.5 for x in range(5))
    e = sum(2 ** 70 + x for x in range(3))
    f = sum(x for x in range(0))
    g = sum(x * 0.1 for x in range(10))
    print(a, b, c, d, e, f, g)
    print(type(c).__name__, type(f).__name__, type(d).__name__)
    assert a == 5050 and c == 3 and f == 0


def test_sum_overflow_int64() -> None:
    big = 2 ** 62
    r = sum(big for _ in range(4))
    neg = sum(-big for _ in range(5))
    mixed = sum(x for x in [2 ** 63 - 1, 1, -(2 ** 64), 2 ** 64])
    print(r, neg, mixed)
    assert r == 2 ** 64 and mixed == 2 ** 63


def test_sum_type_error() -> None:
    words = ["a", "b"]
    try:
        print(sum(w for w in words))  # type: ignore[misc]
    except TypeError as e:
        print("TypeError", e)
    things: list[object] = [1, 2.5, "x"]
    try:
        print(sum(t for t in things))  # type: ignore[misc]
    except TypeError as e:
        print("TypeError", e)


def test_any_all_inline_early_exit() -> None:
    log: list[int] = []

    def see(x: int) -> int:
        log.append(x)
        return x

    r1 = any(see(x) > 2 for x in range(10))
    l1 = list(log)
    log.clear()
    r2 = all(see(x) < 3 for x in range(10))
    l2 = list(log)
    log.clear()
    r3 = any(see(x) > 100 for x in range(4))
    r4 = all(see(x) >= 0 for x in range(2))
    print(r1, l1, r2, l2, r3, r4, log)
    assert l1 == [0, 1, 2, 3] and l2 == [0, 1, 2, 3]
    assert log == [0, 1, 2, 3, 0, 1]


def test_any_all_return_bool() -> None:
    mixed: list[object] = [0, "", 3]
    mixed2: list[object] = [1, "a", []]
    empty: list[int] = []
    r = [any(x for x in mixed), all(x for x in mixed2), any(x for x in empty),
         all(x for x in empty), any(s for s in ["", "z"])]
    print(r)
    assert r == [True, False, False, True, True]


def test_any_all_nested_for_early_exit() -> None:
    seen: list[tuple[int, int]] = []

    def pair(x: int, y: int) -> int:
        seen.append((x, y))
        return x * y

    found = any(pair(x, y) == 2 for x in range(3) for y in range(3))
    print(found, seen)
    assert seen == [(0, 0), (0, 1), (0, 2), (1, 0), (1, 1), (1, 2)]
    seen.clear()
    ok = all(pair(x, y) < 2 for x in range(3) if x != 0 for y in range(3))
    print(ok, seen)


def test_min_max_sorted() -> None:
    words = ["pear", "fig", "banana", "kiwi"]
    print(min(len(w) for w in words), max(w for w in words), sorted(w[::-1] for w in words))
    print(max((len(w), w) for w in words), min((w for w in words), key=len))
    try:
        nothing: list[int] = []
        min(x for x in nothing)
    except ValueError as e:
        print("ValueError", e)
    none2: list[str] = []
    print(max((x for x in none2), default="empty"))


def test_dict_set_join_tuple() -> None:
    d = dict((k, len(k)) for k in ["aa", "b", "ccc"])
    s = set(x % 3 for x in range(10))
    j = "-".join(str(x) for x in range(5))
    t = tuple(c.upper() for c in "xyz")
    fs = frozenset(c for c in "hello")
    print(sorted(d.items()), sorted(s), j, t, sorted(fs))
    assert j == "0-1-2-3-4"


def test_list_extend_and_enumerate() -> None:
    out = [0]
    out.extend(x * 2 for x in range(3))
    e = list(enumerate(c for c in "ab"))
    z = list(zip((x for x in range(3)), (y for y in "pq")))
    print(out, e, z)


def test_iterated_twice() -> None:
    g = (x * x for x in range(4))
    first = list(g)
    second = list(g)
    print(first, second, sum(g), any(True for _ in g))
    assert first == [0, 1, 4, 9] and second == []


def test_genexp_is_generator() -> None:
    g = (x for x in range(3))
    print(type(g).__name__, g.__name__, iter(g) is g)  # type: ignore[attr-defined]
    print(g.__qualname__)  # type: ignore[attr-defined]


def test_genexp_send_throw_close() -> None:
    g: Generator[int, None, None] = (x for x in range(5))
    print(next(g), g.send(None))
    try:
        g.throw(KeyError("k"))
    except KeyError as e:
        print("KeyError", e)
    print(list(g))
    h: Generator[int, None, None] = (x for x in range(5))
    next(h)
    h.close()
    print(list(h))


def test_genexp_pep479() -> None:
    it = iter([1])
    g = (next(it) for _ in range(3))
    try:
        print(list(g))
    except RuntimeError as e:
        print("RuntimeError", e)


# ---------------------------------------------------------------- shadowing

def test_shadowed_sum_local() -> None:
    def sum(xs: Iterator[int]) -> str:  # noqa: A001
        return "local sum of " + ",".join(str(x) for x in xs)

    print(sum(x for x in range(3)))


def test_shadowed_any_all_closure() -> None:
    calls: list[str] = []

    def any(it: Iterator[bool]) -> bool:  # noqa: A001
        calls.append("any")
        return True

    def all(it: Iterator[bool]) -> bool:  # noqa: A001
        calls.append("all")
        return False

    def inner() -> tuple[bool, bool]:
        return any(x > 100 for x in range(3)), all(x >= 0 for x in range(3))

    print(inner(), calls)
    assert inner() == (True, False)


def test_sum_with_start_not_inlined() -> None:
    print(sum((x for x in range(4)), 100), sum((x for x in range(3)), 0.5))
    print(sum(([x] for x in range(3)), []))


# ---------------------------------------------------------------- more consumers and scoping


class V:
    def __init__(self, v: int) -> None:
        self.v = v

    def __add__(self, other: "V") -> "V":
        return V(self.v + other.v)

    def __radd__(self, other: int) -> "V":
        return V(self.v + other)


class BadBool:
    def __bool__(self) -> int:  # type: ignore[override]
        return 1


class LenOnly:
    def __init__(self, n: int) -> None:
        self.n = n

    def __len__(self) -> int:
        return self.n


class Scaler:
    factor: int

    def __init__(self, factor: int) -> None:
        self.factor = factor

    def total(self, xs: list[int]) -> int:
        return sum(x * self.factor for x in xs)

    def any_big(self, xs: list[int]) -> bool:
        return any(x * self.factor > 10 for x in xs)


class WithClassGenexp:
    base = 5
    firsts = list(x for x in range(base))
    try:
        later = list(x + base for x in range(3))  # type: ignore[name-defined]
    except NameError as e:
        later = [-1]
        err = str(e)


def test_sum_radd_objects() -> None:
    r = sum(V(i) for i in range(4))
    assert isinstance(r, V)
    print(r.v)


def test_sum_negative_zero() -> None:
    a = sum(x for x in [-0.0])
    b = sum(x for x in [-0.0, -0.0])
    c = sum(x for x in [-1.5, 1.5])
    print(a, b, c, sum([-0.0]))


def test_any_bad_bool() -> None:
    try:
        print(any(b for b in [BadBool()]))
    except TypeError as e:
        print("TypeError", e)
    print(all(x for x in [LenOnly(1), LenOnly(0)]), any(x for x in [LenOnly(0), LenOnly(2)]))


def test_inline_non_iterable() -> None:
    n: Any = 5
    try:
        print(sum(x for x in n))
    except TypeError as e:
        print("TypeError", e)
    try:
        print(any(x for x in n))
    except TypeError as e:
        print("TypeError", e)


def test_inline_various_sources() -> None:
    d = {"a": 1, "b": 0}
    print(sum(len(k) for k in d), any(v for v in d.values()), all(c.isalpha() for c in "abc"),
          sum(x for x in range(10, 0, -3)), sum(a * b for a, b in [(1, 2), (3, 4)]),
          any(x > 2 for x in {1, 2, 3}), sum(t for t in (1.5, 2.5)))


def test_inline_inside_generator() -> None:
    def g(n: int) -> Iterator[object]:
        for i in range(n):
            yield sum(x for x in range(i))
            yield any(x > 1 for x in range(i))

    print(list(g(4)))


def test_inline_inside_lambda_and_comprehension() -> None:
    f: Callable[[list[int]], bool] = lambda xs: any(x > 0 for x in xs)
    print(f([0, -1]), f([0, 3]))
    print([sum(y for y in range(x)) for x in range(5)])
    print([all(x != y for y in range(x)) for x in range(3)])
    print({x: sum(x * y for y in range(3)) for x in range(3)})


def test_inline_closure_variables() -> None:
    limit = 3

    def check(xs: list[int]) -> bool:
        return all(x < limit for x in xs)

    print(check([1, 2]))
    limit = 2
    print(check([1, 2]))


def test_inline_native_method() -> None:
    s = Scaler(3)
    print(s.total([1, 2, 3]), s.any_big([1, 2]), s.any_big([1, 4]))


def test_class_body_genexp() -> None:
    print(WithClassGenexp.firsts, WithClassGenexp.later, getattr(WithClassGenexp, "err", None))


def test_genexp_over_genexp() -> None:
    a = (x * 2 for x in range(5))
    b = (y + 1 for y in a if y > 2)
    print(list(b), list(a))


def test_genexp_dropped_closes_source() -> None:
    log: list[str] = []

    def src() -> Iterator[int]:
        try:
            yield 1
            yield 2
        finally:
            log.append("src finally")

    ge = (x for x in src())
    print(next(ge))
    log.append("before del")
    del ge
    log.append("after del")
    print(log)


def test_inline_early_exit_closes_source() -> None:
    log: list[str] = []

    def src() -> Iterator[int]:
        try:
            yield 1
            yield 2
        finally:
            log.append("src finally")

    def check() -> bool:
        r = any(x == 1 for x in src())
        log.append("after any")
        return r

    print(check(), log)


# ---------------------------------------------------------------- closures over genexp / generator cells


def test_genexp_lambdas_capture_cell() -> None:
    fs = list(lambda: x for x in range(3))
    print([f() for f in fs])
    lazy = [f() for f in (lambda: x * 10 for x in range(3))]
    print(lazy)


def test_generator_yields_closures() -> None:
    def g() -> Iterator[Callable[[], int]]:
        for i in range(3):
            yield lambda: i

    print([f() for f in g()], [f() for f in list(g())])


def test_generator_closure_sees_later_rebind() -> None:
    def g() -> Iterator[Callable[[], str]]:
        s = "one"
        yield lambda: s
        s = "two"
        yield lambda: s + "!"
        s = "three"

    fs = list(g())
    print([f() for f in fs])


def test_nested_generators_share_cell() -> None:
    def outer() -> Iterator[int]:
        total = 0

        def inner(n: int) -> Iterator[int]:
            nonlocal total
            for i in range(n):
                total += i
                yield total

        yield from inner(3)
        yield -1
        total = 100
        yield from inner(2)
        yield total

    print(list(outer()))


def test_genexp_cell_in_condition() -> None:
    threshold = 2
    preds = list((lambda v: v > threshold) for _ in range(2))
    threshold = 0
    print([p(1) for p in preds])


# ---------------------------------------------------------------- unusual targets and positions


class HT:
    def __init__(self) -> None:
        self.v = -1


def test_genexp_attr_subscript_targets() -> None:
    h = HT()
    d: dict[str, int] = {}
    r = list(h.v * 2 for h.v in range(3))
    r2 = list(d["k"] for d["k"] in [7, 8])
    print(r, h.v, r2, d)


# BUG: /tmp/gen_bugs/genexp_star_target.py -- a starred target in a generator
# expression's `for` clause (`for a, *rest in rows`) fails to compile: "cannot
# assign to this expression" (the same target compiles in a list comprehension).


def test_inline_attr_target() -> None:
    h = HT()
    print(any(h.v > 1 for h.v in range(5)), h.v)


def test_genexp_in_default_arg() -> None:
    def f(xs: Iterator[int] = (i * i for i in range(3))) -> list[int]:
        return list(xs)

    print(f(), f(), f(iter([9])))


def test_genexp_conditional_expression_elt() -> None:
    print(list("even" if x % 2 == 0 else "odd" for x in range(3)),
          sum(x if x > 1 else -x for x in range(4)))


def test_genexp_with_walrus_filter() -> None:
    data = [1, 5, 2, 8]
    print(list(y for x in data if (y := x * 2) > 4))


# ---------------------------------------------------------------- more shadowing of the inlined consumers


def loud_all(it: Iterator[object]) -> str:
    return "loud_all:" + ",".join(str(x) for x in it)


def test_shadow_by_for_target() -> None:
    out: list[object] = []
    fns: list[Callable[[Iterator[object]], object]] = [loud_all]
    for any in fns:  # noqa: A001
        out.append(any(x for x in range(3)))
    print(out)


def test_shadow_by_import_as() -> None:
    from statistics import fmean as sum  # noqa: A001
    print(sum(float(x) for x in range(4)))


def test_shadow_by_comprehension_var() -> None:
    fns: list[Callable[[Iterator[int]], object]] = [loud_all, max]
    print([sum(x for x in range(3)) for sum in fns])  # noqa: A001


def test_shadow_by_except_name() -> None:
    try:
        raise ValueError("v")
    except ValueError as all:  # noqa: A001
        try:
            all(x for x in range(3))  # type: ignore[operator]
        except TypeError as e:
            print("TypeError", e)


def test_shadow_by_walrus() -> None:
    if (any := loud_all) is not None:  # noqa: A001
        print(any(x for x in "ab"))


def test_shadow_lambda_param() -> None:
    f: Callable[[Callable[[Iterator[int]], object]], object] = lambda sum: sum(x for x in range(4))  # noqa: A006
    print(f(loud_all), f(max))


def test_shadow_in_nested_after_outer_assign() -> None:
    def outer() -> list[object]:
        res: list[object] = []

        def inner() -> object:
            return all(x for x in [1, 2])

        try:
            res.append(inner())
        except NameError as e:
            res.append("NameError " + str(e))
        all = loud_all  # noqa: A001, F841
        res.append(inner())
        return res

    print(outer())


# ---------------------------------------------------------------- module level, cell parameters

M_OFFSET = 1
M_LAZY = (x + M_OFFSET for x in range(3))
M_OFFSET = 100
M_SQUARES = list(x * x for x in range(5))
M_TOTAL = sum(x for x in range(10))
M_HAS_BIG = any(s > 10 for s in M_SQUARES)
M_ALL_POS = all(s >= 0 for s in M_SQUARES)


def m_module_gen() -> Iterator[int]:
    yield M_OFFSET


M_GEN = m_module_gen()
M_FIRST = next(M_GEN)
M_OFFSET = 5


def test_module_level_genexps() -> None:
    print(list(M_LAZY), M_SQUARES, M_TOTAL, M_HAS_BIG, M_ALL_POS, M_FIRST, list(M_GEN))


def test_cell_param() -> None:
    def g(n: int, s: str) -> Iterator[str]:
        def get() -> str:
            return s * n

        yield get()
        n += 1
        s = s.upper()
        yield get()

    it = g(2, "ab")
    first = next(it)
    print(first, list(it))


def test_generator_param_closure_escape() -> None:
    def g(n: int) -> Iterator[object]:
        def bump() -> int:
            nonlocal n
            n += 10
            return n

        yield bump
        yield n

    it = g(1)
    f = next(it)
    print(f(), f(), next(it))  # type: ignore[operator]


# ---------------------------------------------------------------- lambdas capturing the loop variable of a consumer genexp


def test_inline_lambda_captures_loop_var() -> None:
    x = "outer"
    fs: list[Callable[[], int]] = []
    r = any(fs.append(lambda: x) for x in range(3))  # type: ignore[func-returns-value]
    print(r, [f() for f in fs], x)


def test_inline_lambda_called_inside() -> None:
    y = -5
    r = sum((lambda: y * 2)() for y in range(4))
    print(r, y)


def test_inline_nested_genexp_captures() -> None:
    k = "keep"
    r = all(any(k == j for j in range(k + 1)) for k in range(3))
    print(r, k)


def test_inline_closure_in_nested_def() -> None:
    def outer() -> tuple[int, list[int]]:
        fs: list[Callable[[], int]] = []

        def reg(f: Callable[[], int]) -> int:
            fs.append(f)
            return 1

        total = sum(reg(lambda: i) for i in range(3))
        return total, [f() for f in fs]

    print(outer())
