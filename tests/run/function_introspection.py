"""What libraries read off functions: inspect.signature, __defaults__,
__kwdefaults__, __annotations__, __code__ counts and flags, __globals__,
__wrapped__, isgeneratorfunction, typing.get_type_hints, singledispatch."""

import functools
import inspect
import typing
from typing import Any, Callable, Iterator, Optional


def plain(a: int, b: str = "x") -> str:
    """A docstring."""
    return b * a


def kinds(
    p: int, q: float = 0.5, /, r: str = "r", *rest: int, k: bool, m: Optional[int] = None, **kw: Any
) -> None:
    pass


def unannotated(x, y=2, *, z=3):  # type: ignore[no-untyped-def]
    return x


def counter(n: int) -> Iterator[int]:
    i = 0
    while i < n:
        yield i
        i += 1


def make_adder(step: int = 1) -> Callable[..., int]:
    def add(x: int, *, times: int = step) -> int:
        return x + step * times

    return add


def test_signatures() -> None:
    for f in (plain, kinds, unannotated, counter, make_adder, make_adder()):
        print(f.__name__, inspect.signature(f))


def test_defaults() -> None:
    print(plain.__defaults__, plain.__kwdefaults__)
    print(kinds.__defaults__, kinds.__kwdefaults__)
    print(unannotated.__defaults__, unannotated.__kwdefaults__)
    print(counter.__defaults__, counter.__kwdefaults__)
    add = make_adder(5)
    print(add.__defaults__, add.__kwdefaults__)


def test_annotations() -> None:
    print(plain.__annotations__)
    print(kinds.__annotations__)
    print(unannotated.__annotations__, counter.__annotations__)


def test_annotations_assignable() -> None:
    def f(x: int) -> int:
        return x

    f.__annotations__ = {"x": str}
    print(f.__annotations__)
    f.__annotations__["y"] = float
    print(sorted(f.__annotations__))


def test_code_attributes() -> None:
    for f in (plain, kinds, unannotated, counter, make_adder()):
        # (The parameters only: compiled functions list no other locals.)
        c = f.__code__
        nparams = c.co_argcount + c.co_kwonlyargcount
        nparams += bool(c.co_flags & 0x4) + bool(c.co_flags & 0x8)
        print(
            c.co_name,
            c.co_argcount,
            c.co_posonlyargcount,
            c.co_kwonlyargcount,
            c.co_varnames[:nparams],
            c.co_flags & 0x3F,
        )


def test_inspect_predicates() -> None:
    print(inspect.isgeneratorfunction(counter), inspect.isgeneratorfunction(plain))
    print(inspect.iscoroutinefunction(plain), callable(plain))


def test_globals_and_module() -> None:
    print(plain.__globals__ is globals(), make_adder().__globals__ is globals())
    print(plain.__module__, plain.__qualname__, make_adder().__qualname__, plain.__doc__)


def test_get_type_hints() -> None:
    print(typing.get_type_hints(plain))
    print(typing.get_type_hints(kinds))


def test_wraps_and_signature_follow_wrapped() -> None:
    def deco(fn: Callable[..., Any]) -> Callable[..., Any]:
        @functools.wraps(fn)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            return fn(*args, **kwargs)

        return wrapper

    w = deco(kinds)
    print(w.__name__, w.__wrapped__ is kinds, inspect.signature(w))  # type: ignore[attr-defined]
    print(w.__annotations__ == kinds.__annotations__)


@functools.singledispatch
def describe(x: object) -> str:
    return "object"


@describe.register
def _(x: int) -> str:
    return f"int {x}"


@describe.register
def _(x: str) -> str:
    return f"str {x!r}"


def test_singledispatch_by_annotation() -> None:
    # (Not describe(True): a bool passed as an `int` parameter arrives as an int,
    # a documented difference.)
    print(describe(3), describe("s"), describe(2.5), describe([1]))


def test_bind_arguments() -> None:
    sig = inspect.signature(kinds)
    b = sig.bind(1, 2.0, "s", 4, 5, k=True, extra=1)
    print(b.arguments)
    try:
        sig.bind(1)
    except TypeError as e:
        print("TypeError:", e)


def test_type_of_a_function_names_its_module() -> None:
    # (The type is `function` interpreted and `oxyc.function` compiled; both name
    # their module with a str, and each function keeps its own `__module__`.)
    t = type(plain)
    qualified = f"{t.__module__}.{t.__qualname__}"
    print(isinstance(t.__module__, str), qualified.endswith("function"), plain.__module__)
    plain.__module__ = "elsewhere"
    print(plain.__module__, type(plain).__module__ != "elsewhere")
    plain.__module__ = __name__
