"""Locals of no static type narrowed by `isinstance(x, dict)` and
`isinstance(x, str)` tests (and hinted by `assert isinstance(x, dict)`):
subclasses overriding the methods used, rebinding in the branch, walrus,
`not isinstance` with an early exit, loops, `and`/`or`, a shadowed
`isinstance` or `dict`, and values of other types that must still take the
ordinary path."""

from typing import Union

Json = Union[None, int, str, list["Json"], dict[str, "Json"]]


class LoudDict(dict):  # type: ignore[type-arg]
    def get(self, key: object, default: object = None) -> object:
        return ("loud", key, default)

    def __len__(self) -> int:
        return 99


class Shouty(str):
    def split(self, sep: object = None, maxsplit: int = -1) -> list[str]:  # type: ignore[override]
        return ["shout"]

    def upper(self) -> str:
        return "UP!"

    def __len__(self) -> int:
        return 42


def describe(value: Json) -> object:
    if isinstance(value, dict):
        return (value.get("k"), value.get("missing", 0), len(value))
    if isinstance(value, str):
        return (value.split(), value.upper(), len(value), value.startswith("a"))
    return value


def test_narrowed_branches() -> None:
    print(describe({"k": 1}))
    print(describe(LoudDict(k=2)))
    print(describe("a b c"))
    print(describe(Shouty("a b")))
    print(describe(7), describe(None), describe([1, "x"]))


def rebinds(value: object) -> object:
    if isinstance(value, dict):
        first = value.get("a")
        value = ["not", "a", "dict"]
        return (first, value.count("a"))
    return None


def test_rebinding_in_the_branch() -> None:
    print(rebinds({"a": 5}))
    print(rebinds("text"))


def early_exit(value: object) -> object:
    if not isinstance(value, str):
        return "not str"
    return value.upper() + str(len(value))


def test_not_isinstance_with_early_exit() -> None:
    print(early_exit("abc"), early_exit(Shouty("x")), early_exit(3))


def with_walrus(values: list[object]) -> list[object]:
    out: list[object] = []
    for v in values:
        if isinstance(w := v, dict) and w.get("x") is not None:
            out.append(w.get("x"))
        elif isinstance(v, str) or v is None:
            out.append(v)
    return out


def test_walrus_and_boolean_operators() -> None:
    print(with_walrus([{"x": 1}, {"y": 2}, "s", None, 5, LoudDict()]))


def checked(value: object) -> object:
    assert isinstance(value, dict)
    return value.get("k", "default")


def test_assert_hint() -> None:
    print(checked({"k": 3}), checked({}), checked(LoudDict()))
    try:
        print(checked([1, 2]))
    except AssertionError:
        print("assertion failed")


class Mapping:
    def get(self, key: str, default: object = None) -> object:
        return "mapping:" + key


def hinted_then_rebound(value: object, other: object) -> object:
    assert isinstance(value, dict)
    a = value.get("k")
    value = other
    return (a, value.get("k"))  # type: ignore[attr-defined]


def test_hint_forgotten_after_rebinding() -> None:
    print(hinted_then_rebound({"k": 1}, Mapping()))


def loop_narrowing(items: list[object]) -> int:
    total = 0
    for item in items:
        if isinstance(item, dict):
            for _ in range(2):
                got = item.get("n", 0)
                if isinstance(got, int):
                    total += got
            item = "done"
        if isinstance(item, str):
            total += len(item)
    return total


def test_loops() -> None:
    print(loop_narrowing([{"n": 3}, "ab", {"m": 1}, 5, LoudDict()]))


def shadowed(value: object) -> object:
    def isinstance(x: object, t: object) -> bool:
        return True

    if isinstance(value, dict):
        return value.get("k")  # type: ignore[attr-defined]
    return None


def shadowed_dict(value: object) -> object:
    dict = Mapping
    if isinstance(value, dict):
        return value.get("k")
    return None


def test_shadowed_names() -> None:
    print(shadowed(Mapping()))
    print(shadowed_dict(Mapping()), shadowed_dict({"k": 1}))


class Sub(dict):  # type: ignore[type-arg]
    pass


def kinds(values: list[object]) -> list[str]:
    out: list[str] = []
    for v in values:
        if isinstance(v, (dict, list)):
            out.append("container")
        elif isinstance(v, (bool,)):
            out.append("bool")
        elif isinstance(v, (int, float)):
            out.append("number")
        elif isinstance(v, (str, bytes, tuple, set)):
            out.append("other builtin")
        else:
            out.append("?")
    return out


def test_isinstance_with_a_tuple_of_builtins() -> None:
    values: list[object] = [{}, Sub(), [1], True, 3, 2.5, "s", b"b", (1,), {1}, None, object()]
    print(kinds(values))
    assert kinds([1.0, "x"]) == ["number", "other builtin"]


def test_isinstance_tuple_with_a_shadowed_name() -> None:
    list = dict  # noqa: A001 -- the local name, not the builtin
    print(isinstance({}, (list, str)), isinstance([], (list, str)))
