"""dict.get and dict.setdefault on values typed dict: the same results and errors as
the methods, for exact dicts and for subclasses (defaultdict, Counter,
OrderedDict, user subclasses that override them)."""

from collections import Counter, OrderedDict, defaultdict
from typing import Any


def lookups(d: dict[str, int]) -> list[object]:
    return [d.get("a"), d.get("zz"), d.get("a", -1), d.get("zz", -1), d.get("zz", None)]


def test_get_on_exact_dicts() -> None:
    print(lookups({"a": 1, "b": 2}))
    print(lookups({}))


def test_get_unhashable_key() -> None:
    d: dict[Any, int] = {1: 1}
    try:
        print(d.get([1]))
    except TypeError as e:
        print("TypeError:", e)
    try:
        print(d.setdefault({}, 3))
    except TypeError as e:
        print("TypeError:", e)


def test_get_with_equal_keys_of_other_types() -> None:
    d: dict[Any, str] = {1: "int one", 2.5: "float", (1, 2): "tuple"}
    print(d.get(1.0), d.get(True), d.get(2.5), d.get((1, 2)), d.get("1"))


def test_counting_with_get() -> None:
    counts: dict[str, int] = {}
    for w in "the cat and the hat and the bat".split():
        counts[w] = counts.get(w, 0) + 1
    print(sorted(counts.items()))


def test_setdefault() -> None:
    d: dict[str, list[int]] = {}
    d.setdefault("x", []).append(1)
    d.setdefault("x", []).append(2)
    d.setdefault("y", [9])
    print(d)
    e: dict[str, Any] = {}
    print(e.setdefault("k"), e)
    print(e.setdefault("k", 5), e)


def test_subclasses_of_dict() -> None:
    dd: defaultdict[str, int] = defaultdict(int)
    dd["a"] += 1
    print(lookups(dd), dict(dd))  # get does not call __missing__
    c = Counter("abracadabra")
    print(lookups(c), c.get("b"), c.setdefault("q", 7), c["q"])  # type: ignore[arg-type]
    od: OrderedDict[str, int] = OrderedDict([("b", 2), ("a", 1)])
    print(lookups(od), od.setdefault("c", 3), list(od))


class Loud(dict[str, int]):
    def get(self, key: str, default: Any = "no default given") -> Any:  # type: ignore[override]
        return ("LOUD", key, default)

    def setdefault(self, key: str, default: Any = "sd") -> Any:  # type: ignore[override]
        return ("SD", key, default)


def test_overrides_are_called() -> None:
    d = Loud(a=1)

    def use(x: dict[str, Any]) -> list[object]:
        return [x.get("a"), x.get("a", 5), x.setdefault("b"), x.setdefault("b", 6)]

    print(use(d))
    print(use({"a": 1}))
