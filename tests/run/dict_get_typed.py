"""`d.get(k, default)` and `d.setdefault(k, default)` on a `dict[K, V]` of
numbers, strs or bools, with a default of type V, give a V: the arithmetic
that follows takes its typed paths."""

from typing import Any


def count(words: list[str]) -> dict[str, int]:
    counts: dict[str, int] = {}
    for w in words:
        counts[w] = counts.get(w, 0) + 1
    return counts


def test_counting() -> None:
    c = count("a b a c b a".split())
    print(sorted(c.items()))
    assert c == {"a": 3, "b": 2, "c": 1}


def test_floats_and_strs() -> None:
    totals: dict[str, float] = {"x": 1.5}
    for k, v in [("x", 2.0), ("y", 0.25), ("x", -1.0)]:
        totals[k] = totals.get(k, 0.0) * 2 + v
    print(totals)
    names: dict[int, str] = {1: "one"}
    print(names.get(1, "?") + "!", names.get(2, "?") + "!")
    print(names.setdefault(3, "three").upper(), names)
    flags: dict[str, bool] = {"on": True}
    print(flags.get("on", False) and "yes", flags.get("off", False) or "no")


def test_big_values() -> None:
    d: dict[str, int] = {"k": 2**70}
    print(d.get("k", 0) + 1, d.get("missing", -5) * 3)
    d["k"] = d.setdefault("k", 0) * 2
    print(d)


class Loud(dict):  # type: ignore[type-arg]
    def get(self, key: Any, default: Any = None) -> Any:
        print("Loud.get", key)
        return super().get(key, default)


def test_subclass_get() -> None:
    d: dict[str, int] = Loud(a=1)
    print(d.get("a", 0) + 10, d.get("b", 0) + 10)


def test_keyword_and_one_argument_forms() -> None:
    d: dict[str, int] = {"a": 1}
    v = d.get("a")
    print(v, d.get("zz"))
    print(d.setdefault("n", 7), d)
