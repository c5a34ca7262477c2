"""for-loops over dict.items()/keys()/values() and over a dict: exact dicts are
walked in place, with the RuntimeErrors of their iterators when they change during
the loop; dict subclasses overriding the methods, split-table instance dicts,
deletions, and targets of every kind."""

from typing import Any


class Loud(dict[str, int]):
    def items(self):  # type: ignore[no-untyped-def, override]
        return [("items", 1)]

    def keys(self):  # type: ignore[no-untyped-def, override]
        return ["keys"]

    def values(self):  # type: ignore[no-untyped-def, override]
        return [42]

    def __iter__(self):  # type: ignore[no-untyped-def]
        return iter(["iter"])


class Obj:
    pass


def pairs(d: dict[str, int]) -> list[tuple[str, int]]:
    out: list[tuple[str, int]] = []
    for k, v in d.items():
        out.append((k, v))
    return out


def keys(d: dict[str, int]) -> list[str]:
    out: list[str] = []
    for k in d.keys():
        out.append(k)
    for k in d:
        out.append(k.upper())
    return out


def values(d: dict[str, int]) -> int:
    t = 0
    for v in d.values():
        t = t * 10 + v
    return t


def test_plain() -> None:
    d = {"a": 1, "b": 2, "c": 3}
    print(pairs(d), keys(d), values(d), pairs({}), keys({}), values({}))
    del d["b"]
    d["z"] = 9
    print(pairs(d), keys(d), values(d))


def test_subclasses() -> None:
    s = Loud(x=5)
    print(pairs(s), keys(s), values(s))


def test_split_table_dicts() -> None:
    objs = [Obj() for _ in range(3)]
    for i, o in enumerate(objs):
        o.__dict__["p"] = i
        o.__dict__["q"] = -i
    print([pairs(o.__dict__) for o in objs])


def grow(d: dict[str, int]) -> str:
    try:
        for k, v in d.items():
            d[k + "x"] = v
    except RuntimeError as e:
        return str(e)
    return "no error"


def shrink(d: dict[str, int]) -> str:
    try:
        for k in d:
            del d[k]
    except RuntimeError as e:
        return str(e)
    return "no error"


def replace_keys(d: dict[str, int]) -> str:
    seen = []
    try:
        for k in d:
            seen.append(k)
            if k == "a":
                del d["b"]
                d["c"] = 3
    except RuntimeError as e:
        return f"{seen} {e}"
    return f"{seen} no error"


def same_size_update(d: dict[str, int]) -> list[tuple[str, int]]:
    out = []
    for k, v in d.items():
        d[k] = v * 100
        out.append((k, v))
    return out


def test_mutation() -> None:
    print(grow({"a": 1}), shrink({"a": 1, "b": 2}), shrink({}))
    print(replace_keys({"a": 1, "b": 2}), same_size_update({"a": 1, "b": 2}))


def break_else(d: dict[str, int]) -> str:
    for k, v in d.items():
        if v < 0:
            break
    else:
        return "none negative"
    return k


class Holder:
    k: Any = None
    v: Any = None


def odd_targets(d: dict[str, int]) -> list[Any]:
    h = Holder()
    out: list[Any] = []
    for h.k, h.v in d.items():
        out.append((h.k, h.v))
    for kv in d.items():
        out.append(kv)
    for (a, b) in d.items():
        out.append(a + str(b))
    return out


def test_targets_and_break() -> None:
    print(break_else({"a": 1, "b": -2, "c": 3}), break_else({"a": 1}), break_else({}))
    print(odd_targets({"x": 1, "y": 2}))


def typed_values(d: dict[str, Any]) -> list[int]:
    out: list[int] = []
    v: int
    for v in d.values():
        out.append(v + 1)
    return out


def test_type_checks() -> None:
    print(typed_values({"a": 1}))
    try:
        typed_values({"a": "s"})
    except TypeError:
        print("TypeError")


def nested(d: dict[str, dict[str, int]]) -> int:
    t = 0
    for k, inner in d.items():
        for k2, v in inner.items():
            t += len(k) * len(k2) * v
    return t


def test_nested_and_comprehension() -> None:
    d = {"ab": {"c": 2, "de": 3}, "f": {}}
    print(nested(d), {k: v for k, v in d["ab"].items()}, [k for k in d])


class HasItems:
    def items(self):  # type: ignore[no-untyped-def]
        yield ("own", 7)
        yield ("items", 8)

    def values(self):  # type: ignore[no-untyped-def]
        return iter([1, 2])


def untyped_pairs(x: Any) -> list[Any]:
    out: list[Any] = []
    for k, v in x.items():
        out.append((k, v))
    for v in x.values():
        out.append(v)
    return out


def test_untyped_receivers() -> None:
    print(untyped_pairs({"a": 1}), untyped_pairs(HasItems()), untyped_pairs(Loud(q=1)))
    try:
        untyped_pairs([1, 2])
    except AttributeError as e:
        print("AttributeError", e)
    print(untyped_pairs({1: 2, 3: 4} | {5: 6}))
