"""Every parameter kind: positional-only, keyword-only, `*args`, `**kwargs`, their
defaults, direct calls between compiled functions that bind them, and CPython's
TypeError messages for calls that do not bind."""

import functools
from typing import Any, Callable, Iterator


def report(f: Callable[..., Any], *args: Any, **kwargs: Any) -> str:
    """Call f and describe the result or the TypeError it raised."""
    try:
        return repr(f(*args, **kwargs))
    except TypeError as e:
        return "TypeError: " + str(e)


def star_args(*args: int) -> tuple[int, ...]:
    return args


def first_and_rest(first: int, *rest: int) -> int:
    total = first
    for r in rest:
        total += r * 10
    return total


def kwonly(a: int, *, b: int, c: int = 3) -> int:
    return a * 100 + b * 10 + c


def bare_kwonly_default(*, scale: float = 2.0) -> float:
    return scale * 1.5


def posonly(a: int, b: int, /, c: int = 7) -> list[int]:
    return [a, b, c]


def posonly_kwargs(a: int, /, **kw: int) -> tuple[int, list[tuple[str, int]]]:
    return a, sorted(kw.items())


def everything(
    p: int, /, q: str, r: float = 0.5, *args: str, k: int, m: bool = False, **rest: object
) -> str:
    return f"{p} {q} {r} {args} {k} {m} {sorted(rest.items())}"


def kwargs_only(**kw: Any) -> dict[str, Any]:
    return kw


def test_star_args_collects_extra_positionals() -> None:
    assert star_args() == ()
    assert star_args(1) == (1,)
    assert star_args(1, 2, 3) == (1, 2, 3)
    print(star_args(), star_args(4, 5), type(star_args(1)).__name__)


def test_star_args_after_positional() -> None:
    assert first_and_rest(1) == 1
    assert first_and_rest(1, 2, 3) == 51
    print(first_and_rest(5), first_and_rest(5, 1), first_and_rest(first=9))


def test_star_args_from_python_calls() -> None:
    # Called through a value: the wrapper binds the arguments.
    f: Callable[..., Any] = star_args
    print(f(*range(4)), f(*[]), report(f, x=1))


def test_kwonly_direct_calls() -> None:
    assert kwonly(1, b=2) == 123
    assert kwonly(1, b=2, c=9) == 129
    assert kwonly(c=0, b=1, a=4) == 410
    print(kwonly(1, b=2), kwonly(a=1, b=5, c=5))


def test_kwonly_errors() -> None:
    f: Callable[..., Any] = kwonly
    print(report(f, 1))
    print(report(f, 1, 2))
    print(report(f, 1, 2, b=3))
    print(report(f, 1, 2, 3, b=3, c=4))
    print(report(f, b=1))
    print(report(f, 1, b=2, d=4))
    print(report(f, 1, a=2, b=3))


def test_kwonly_missing_several() -> None:
    def three(*, x: int, y: int, z: int) -> int:
        return x + y + z

    g: Callable[..., Any] = three
    print(report(g))
    print(report(g, y=1))
    print(report(g, x=1, z=2))
    print(report(g, 1, 2))


def test_bare_star_default() -> None:
    assert bare_kwonly_default() == 3.0
    assert bare_kwonly_default(scale=4.0) == 6.0
    print(bare_kwonly_default(), bare_kwonly_default(scale=1.0))
    print(report(bare_kwonly_default, 1.0))


def test_posonly_binding() -> None:
    assert posonly(1, 2) == [1, 2, 7]
    assert posonly(1, 2, 3) == [1, 2, 3]
    assert posonly(1, 2, c=4) == [1, 2, 4]
    print(posonly(1, 2), posonly(3, 4, c=5))


def test_posonly_errors() -> None:
    f: Callable[..., Any] = posonly
    print(report(f, 1, b=2))
    print(report(f, a=1, b=2))
    print(report(f, 1))
    print(report(f, 1, 2, 3, 4))
    print(report(f, 1, 2, d=4))


def test_posonly_name_goes_to_kwargs() -> None:
    assert posonly_kwargs(1) == (1, [])
    assert posonly_kwargs(1, a=2) == (1, [("a", 2)])
    print(posonly_kwargs(1, a=2, z=3), report(posonly_kwargs, a=5))


def test_everything_together() -> None:
    print(everything(1, "q", k=2))
    print(everything(1, "q", 2.5, "x", "y", k=3, m=True, z=1, a=2))
    print(everything(1, q="w", k=0, extra=None))
    f: Callable[..., Any] = everything
    print(report(f, 1, "q"))
    print(report(f, p=1, q="q", k=1))
    print(report(f, 1, "q", 1.0, "a", q="again", k=1))


def test_kwargs_collects() -> None:
    assert kwargs_only() == {}
    d = kwargs_only(a=1, b="two")
    assert d == {"a": 1, "b": "two"}
    print(d, list(d), kwargs_only(**{"x": 1}), report(kwargs_only, 1))


def test_kwargs_is_a_fresh_dict() -> None:
    src = {"a": 1}
    d = kwargs_only(**src)
    d["b"] = 2
    assert src == {"a": 1}
    print(src, d)


def test_kwargs_keeps_keyword_order() -> None:
    print(list(kwargs_only(z=1, a=2, m=3)))
    f: Callable[..., Any] = kwargs_only
    print(list(f(q=1, b=2, **{"c": 3, "a": 4})))


def test_args_tuple_typed_reads() -> None:
    def total(*xs: int) -> int:
        s = 0
        for i in range(len(xs)):
            s += xs[i]
        return s

    assert total() == 0
    assert total(1, 2, 3) == 6
    assert total(2**70, 1) == 2**70 + 1
    print(total(5, 6), total(*range(10)))


def test_args_wrong_element_type() -> None:
    def total(*xs: int) -> int:
        return sum(xs)

    print(report(total, 1, 2))


def test_kwargs_typed_values() -> None:
    def weights(**w: float) -> float:
        s = 0.0
        for k in w:
            s += w[k]
        return s

    assert weights() == 0.0
    assert weights(a=1.5, b=2.5) == 4.0
    print(weights(a=0.25), weights(x=1.0, y=2.0, z=3.0))


def test_defaults_evaluated_once() -> None:
    calls: list[int] = []

    def make() -> list[int]:
        calls.append(1)
        return []

    def f(x: int, *, acc: list[int] = make()) -> list[int]:
        acc.append(x)
        return acc

    f(1)
    f(2)
    assert f(3) == [1, 2, 3]
    assert len(calls) == 1
    print(f(4), len(calls), f(5, acc=[0]))


def test_kwonly_default_in_closure() -> None:
    base = 10

    def add(x: int, *, step: int = 1, extra: int = base) -> int:
        return x + step + extra + base

    assert add(1) == 22
    assert add(1, step=5) == 26
    print(add(0), add(0, extra=0), add(0, step=0, extra=0))


def test_lambda_star_args() -> None:
    f = lambda *a, **k: (a, sorted(k))  # noqa: E731
    g = lambda x, /, *, y=2: x * y  # noqa: E731
    print(f(), f(1, 2, b=3, a=4), g(3), g(3, y=5), report(g, x=1))


def test_generator_with_star_args() -> None:
    def chain(*parts: list[int], sep: int = -1) -> Iterator[int]:
        for i, p in enumerate(parts):
            if i:
                yield sep
            yield from p

    assert list(chain([1, 2], [3])) == [1, 2, -1, 3]
    assert list(chain()) == []
    print(list(chain([1], [2], [3], sep=0)))


def test_generator_kwargs_outlive_call() -> None:
    def items(**kw: int) -> Iterator[tuple[str, int]]:
        yield from sorted(kw.items())

    g = items(b=2, a=1)
    print(next(g), list(g))


def test_forwarding_decorator() -> None:
    log: list[str] = []

    def traced(fn: Callable[..., int]) -> Callable[..., int]:
        @functools.wraps(fn)
        def wrapper(*args: Any, **kwargs: Any) -> int:
            log.append(f"{fn.__name__}{args}{sorted(kwargs.items())}")
            return fn(*args, **kwargs)

        return wrapper

    @traced
    def area(w: int, h: int = 2, *, depth: int = 1) -> int:
        return w * h * depth

    assert area(3) == 6
    assert area(3, 4, depth=2) == 24
    print(area(w=5), log, area.__name__, report(area, 1, 2, 3))


def test_method_star_args() -> None:
    class Acc:
        def __init__(self, *start: int, scale: int = 1) -> None:
            self.items = [s * scale for s in start]

        def add(self, *more: int, **named: int) -> int:
            self.items.extend(more)
            self.items.extend(named.values())
            return len(self.items)

    a = Acc(1, 2, scale=3)
    assert a.items == [3, 6]
    assert a.add(4, x=5) == 4
    print(a.items, a.add(), Acc().items, report(a.add, 1, scale=2))


class Shape:
    def __init__(self, name: str, *, sides: int = 0) -> None:
        self.name = name
        self.sides = sides

    def describe(self, /, *, verbose: bool = False) -> str:
        if verbose:
            return f"{self.name} with {self.sides} sides"
        return self.name

    def scaled(self, *factors: float) -> float:
        out = float(self.sides)
        for f in factors:
            out *= f
        return out


def test_native_class_kwonly_init() -> None:
    s = Shape("square", sides=4)
    t = Shape("blob")
    assert s.sides == 4 and t.sides == 0
    print(s.describe(), s.describe(verbose=True), t.describe(verbose=True))
    print(s.scaled(), s.scaled(0.5, 3.0), report(Shape, "x", 3))


def test_native_method_errors() -> None:
    s = Shape("tri", sides=3)
    print(report(s.describe, True))
    print(report(Shape.describe, self=s))
    print(report(Shape, name="n", sides=1, colour="red"))


def recurse_args(n: int, *acc: int) -> tuple[int, ...]:
    if n == 0:
        return acc
    return recurse_args(n - 1, *acc, n)


def count_kw(n: int, **seen: int) -> int:
    if n == 0:
        return len(seen)
    seen[f"k{n}"] = n
    return count_kw(n - 1, **seen)


def test_recursion_with_collectors() -> None:
    assert recurse_args(3) == (3, 2, 1)
    assert count_kw(4) == 4
    print(recurse_args(5), count_kw(3, start=0))


def test_call_site_unpacking() -> None:
    xs = [1, 2]
    opts = {"c": 9}
    assert posonly(*xs) == [1, 2, 7]
    assert posonly(*xs, **opts) == [1, 2, 9]
    print(posonly(*xs, **opts), kwonly(*[1], **{"b": 2}), star_args(*xs, 3, *xs))


def test_duplicate_keyword_via_unpacking() -> None:
    f: Callable[..., Any] = kwargs_only
    try:
        f(a=1, **{"a": 2})
    except TypeError as e:
        print("TypeError:", e)


def test_non_string_keywords() -> None:
    f: Callable[..., Any] = everything
    bad: dict[Any, Any] = {1: 2}
    try:
        f(1, "q", k=1, **bad)
    except TypeError as e:
        print("TypeError:", e)


def test_call_site_unpacking_errors() -> None:
    f: Callable[..., Any] = kwargs_only
    n: Any = 1
    for make in (
        lambda: star_args(*n),
        lambda: f(**n),
        lambda: f(**{"a": 1}, a=2),
        lambda: f(**{"a": 1}, **{"b": 2, "a": 3}),
        lambda: len(*n),
        lambda: print(**n),
    ):
        try:
            make()
        except TypeError as e:
            print("TypeError:", e)


def test_mapping_unpacked_into_call() -> None:
    class Pairs:
        def keys(self) -> list[str]:
            return ["b", "a"]

        def __getitem__(self, k: str) -> int:
            return ord(k)

    print(kwargs_only(**Pairs()), kwargs_only(z=0, **Pairs()))  # type: ignore[arg-type]


def test_too_many_positional_messages() -> None:
    def none() -> int:
        return 0

    def one(a: int) -> int:
        return a

    def one_opt(a: int, b: int = 1, *, c: int = 0) -> int:
        return a + b + c

    print(report(none, 1))
    print(report(one, 1, 2))
    print(report(one_opt, 1, 2, 3))
    print(report(one_opt, 1, 2, 3, c=1))
    print(report(one_opt, 1, 2, 3, 4))


def test_missing_positional_messages() -> None:
    def three(a: int, b: int, c: int, /, d: int = 0) -> int:
        return a + b + c + d

    print(report(three))
    print(report(three, 1))
    print(report(three, 1, 2))
    print(report(three, 1, 2, 3, d=4))


def test_args_and_kwargs_are_ordinary_locals() -> None:
    def rebind(*args: int, **kw: int) -> tuple[tuple[int, ...], dict[str, int]]:
        args = args + (99,)
        kw = dict(kw, extra=1)
        return args, kw

    print(rebind(1), rebind(a=2))


def test_unannotated_collectors() -> None:
    def loose(*args, **kwargs):  # type: ignore[no-untyped-def]
        return len(args), len(kwargs), args[:1]

    print(loose(), loose(1, "a", None, x=[]))
