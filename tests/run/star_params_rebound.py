"""`*args` and `**kwargs` bound again in the function: the tuple or dict is what the
call passes, not a declared type, so the name then holds whatever it is given (the
idiom `f(*items)` / `f([a, b])`: `if len(items) == 1: items = items[0]`)."""

from typing import Any, Iterator


def merge(*dicts, **kwargs):
    if len(dicts) == 1 and not isinstance(dicts[0], dict):
        dicts = dicts[0]
    out = {}
    for d in dicts:
        out.update(d)
    out.update(kwargs)
    return out


def keys_or_map(**kwargs):
    if "as_list" in kwargs:
        kwargs = sorted(kwargs)  # type: ignore[assignment]
    return kwargs


def typed_any(*items: Any) -> list[Any]:
    if len(items) == 1:
        items = items[0]
    return [i for i in items]


def gen(*items):
    if len(items) == 1:
        items = items[0]
    for x in items:
        yield x * 2


def captured(*args, **kw):
    if len(args) == 1:
        args = list(args[0])  # type: ignore[assignment]
    kw = sorted(kw)  # type: ignore[assignment]

    def inner():
        return args, kw

    return inner()


def rebound_by_nested(*args):
    def inner():
        nonlocal args
        args = [len(args)]  # type: ignore[assignment]

    inner()
    return args


def rebound_by_method(*args):
    class Box:
        def put(self) -> None:
            nonlocal args
            args = "boxed"  # type: ignore[assignment]

    Box().put()
    return args


def walrus(*args):
    if args := list(args):  # type: ignore[assignment]
        args.append(0)
    return args


def for_target(*args):
    seen = []
    for args in [args, 5, "x"]:  # type: ignore[assignment]
        seen.append(args)
    return seen, args


def deleted(*args):
    del args
    try:
        return args  # noqa: F821
    except UnboundLocalError as e:
        return type(e).__name__


def not_rebound(*args: int, **kw: int) -> tuple[int, int]:
    return sum(args), sum(kw.values())


def test_merge_accepts_both_spellings() -> None:
    print(merge([{1: 2}, {3: 4}]))
    print(merge({1: 2}, {3: 4}, z=5))
    print(merge(({5: 6},)))
    print(merge())


def test_kwargs_rebound() -> None:
    print(keys_or_map(b=1, as_list=True, a=2), keys_or_map(x=1))


def test_annotated_any() -> None:
    print(typed_any([1, 2]), typed_any(1, 2), typed_any("ab"))


def test_generator() -> None:
    print(list(gen([1, 2])), list(gen(1, 2)), list(gen(range(3))))


def test_cells_and_nonlocal() -> None:
    print(captured([3, 4], b=1, a=2), captured(1, 2))
    print(rebound_by_nested(1, 2, 3), rebound_by_method(1))


def test_other_bindings() -> None:
    print(walrus(1, 2), walrus())
    print(for_target(1))
    print(deleted(1))


def test_unchanged_collectors() -> None:
    print(not_rebound(1, 2, 3, a=4, b=5))
