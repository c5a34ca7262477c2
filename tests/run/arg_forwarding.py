"""Functions that only pass their `*args, **kwargs` on (`f(*args, **kwargs)`, the
decorator idiom) hand the callee exactly what they were given: the same positional
values in order, the same keywords in order, and the callee's own errors."""

import functools
import sys
import traceback
from typing import Any, Callable


def describe(*args: Any, **kwargs: Any) -> str:
    return f"args={args!r} kwargs={kwargs!r}"


def passthrough(*args, **kwargs):  # type: ignore[no-untyped-def]
    return describe(*args, **kwargs)


def passthrough_any(*args: Any, **kwargs: Any) -> str:
    return describe(*args, **kwargs)


def positional_only_forward(*args: Any, **kwargs: Any) -> str:
    # the keywords are dropped on purpose
    return describe(*args)


def two_calls(*args: Any, **kwargs: Any) -> str:
    first = describe(*args, **kwargs)
    second = describe(*args)
    return first + " | " + second


def traced(fn: Callable[..., Any]) -> Callable[..., Any]:
    calls: list[int] = [0]

    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        calls[0] += 1
        return fn(*args, **kwargs)

    wrapper.calls = calls  # type: ignore[attr-defined]
    return wrapper


@traced
def point(x: int, y: int = 0, *, label: str = "p") -> str:
    return f"{label}({x}, {y})"


@traced
@traced
def doubly(a: int, b: int) -> int:
    return a * 10 + b


def test_positional_and_keywords_pass_unchanged() -> None:
    print(passthrough())
    print(passthrough(1, "two", [3]))
    print(passthrough(a=1, b=2))
    print(passthrough(1, 2, z=26, a=1))
    print(passthrough_any(*range(5), **{"k": "v", "j": None}))
    # more than fit in a small argument array
    print(passthrough(*range(12), **{f"k{i}": i for i in range(6)}))
    print(two_calls(*"abcdefghij", sep="/"))


def test_keyword_order_is_kept() -> None:
    print(passthrough(zeta=1, alpha=2, mid=3))
    d = {"c": 3, "a": 1, "b": 2}
    print(passthrough(**d))
    print(passthrough(0, **d))


def test_positional_only_forward_drops_keywords() -> None:
    print(positional_only_forward(1, 2, key="ignored"))
    print(positional_only_forward())


def test_two_forwarding_calls() -> None:
    print(two_calls(5, 6, flag=True))


def test_decorated_function_binds_like_the_original() -> None:
    print(point(1))
    print(point(1, 2))
    print(point(y=5, x=4))
    print(point(3, label="q"))
    print(point.calls[0])  # type: ignore[attr-defined]
    print(point.__name__, point.__wrapped__.__name__)  # type: ignore[attr-defined]


def test_errors_come_from_the_callee() -> None:
    for call in (
        lambda: point(),
        lambda: point(1, 2, 3),
        lambda: point(1, x=2),
        lambda: point(1, nope=2),
        lambda: point(1, label=2, **{"label": 3}),
    ):
        try:
            print(call())
        except TypeError as e:
            print("TypeError:", e)


def test_doubly_wrapped() -> None:
    print(doubly(1, 2), doubly(b=3, a=4), doubly(5, b=6))
    print(doubly.calls[0], doubly.__wrapped__.calls[0])  # type: ignore[attr-defined]


def test_forward_to_builtins_and_methods() -> None:
    @traced
    def joined(*parts: str) -> str:
        return "-".join(parts)

    print(traced(max)(3, 9, 4))
    print(traced(sorted)([3, 1, 2], reverse=True))
    print(traced(dict)(a=1, b=2))
    print(traced("{0}/{name}".format)("x", name="y"))
    print(joined("a", "b", "c"))
    items: list[int] = []
    push = traced(items.append)
    push(1)
    push(2)
    print(items)


def test_forward_through_lambda() -> None:
    fwd: Callable[..., str] = lambda *a, **k: describe(*a, **k)
    print(fwd(1, k=2))
    print(fwd())


def test_called_with_a_dict_from_interpreted_code() -> None:
    namespace: dict[str, Any] = {"point": point}
    print(eval("point(*[7], **{'y': 8, 'label': 'e'})", namespace))
    part = functools.partial(point, 2, label="partial")
    print(part(9))
    print(part())


def test_exception_from_the_callee_propagates() -> None:
    @traced
    def boom(n: int) -> int:
        if n > 2:
            raise ValueError(f"too big: {n}")
        return n

    print(boom(1))
    try:
        boom(5)
    except ValueError as e:
        print("ValueError:", e)
        names = [fr.name for fr in traceback.extract_tb(e.__traceback__)]
        print(names[-2:])


def test_recursion_through_a_forwarding_wrapper() -> None:
    @traced
    def depth(n: int) -> int:
        return 0 if n == 0 else 1 + depth(n - 1)

    print(depth(50))
    old = sys.getrecursionlimit()
    sys.setrecursionlimit(200)
    try:
        depth(10000)
    except RecursionError:
        print("RecursionError")
    finally:
        sys.setrecursionlimit(old)


def test_args_used_otherwise_still_packed() -> None:
    def keeps(*args: Any, **kwargs: Any) -> str:
        kwargs["extra"] = len(args)
        return describe(*args, **kwargs)

    def stores(*args: Any, **kwargs: Any) -> tuple[Any, ...]:
        describe(*args, **kwargs)
        return args

    print(keeps(1, 2, k=3))
    print(stores(4, 5))


def test_forwarded_values_are_not_copied_or_leaked() -> None:
    big = [object() for _ in range(3)]
    before = sys.getrefcount(big[0])
    for _ in range(100):
        passthrough(big[0], key=big[0])
    print(sys.getrefcount(big[0]) - before)


def test_mutating_kwargs_in_callee_does_not_affect_caller() -> None:
    def mutate(**kw: Any) -> dict[str, Any]:
        kw["added"] = True
        return kw

    @traced
    def target(**kw: Any) -> dict[str, Any]:
        return mutate(**kw)

    d = {"x": 1}
    print(target(**d), d)


class Account:
    def __init__(self, balance: int) -> None:
        self.balance = balance

    @traced
    def deposit(self, amount: int, *, note: str = "") -> str:
        self.balance += amount
        return f"{note}{self.balance}"

    @staticmethod
    @traced
    def rate(kind: str = "basic") -> float:
        return 0.5 if kind == "basic" else 1.5


def test_forwarding_decorators_on_methods() -> None:
    a = Account(10)
    print(a.deposit(5), a.deposit(amount=7, note="now "), Account.deposit(a, 1))
    print(Account.rate(), a.rate("gold"), Account.deposit.calls[0])  # type: ignore[attr-defined]
    try:
        a.deposit()
    except TypeError as e:
        print("TypeError:", e)
