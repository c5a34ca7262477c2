"""Dict displays whose keys are str literals are made from a template that
already holds the keys. Each display must still give a new dict with the
display's keys in order, its values, its size in memory and its tracking by
the cyclic collector, whatever is later done to it."""

import gc
import sys
from typing import Any

log: list[str] = []


def note(tag: str, value: Any) -> Any:
    log.append(tag)
    return value


def small(a: int, b: str) -> dict[str, Any]:
    return {"a": a, "b": b, "c": None}


def five(x: Any) -> dict[str, Any]:
    return {"k1": x, "k2": [x], "k3": (x,), "k4": {"inner": x}, "k5": 5}


def wide(n: int) -> dict[str, int]:
    return {
        "a": n, "b": n + 1, "c": n + 2, "d": n + 3, "e": n + 4, "f": n + 5, "g": n + 6,
        "h": n + 7, "i": n + 8, "j": n + 9, "k": n + 10, "l": n + 11,
    }


def test_fresh_dicts() -> None:
    first = small(1, "x")
    second = small(2, "y")
    print(first, second, first is second)
    first["a"] = 100
    first["z"] = 0
    del first["b"]
    third = small(3, "z")
    print(first, third)
    assert third == {"a": 3, "b": "z", "c": None}
    w = wide(10)
    w.clear()
    print(wide(20), w)


def test_order_and_values() -> None:
    d = five("v")
    print(list(d), d["k2"], d["k3"], d["k4"])
    print(list(wide(0).items())[:4], len(wide(0)))
    e: dict[str, Any] = {"z": 1, "y": 2, "x": 3}
    e["w"] = 4
    print(e, list(e.keys()), list(e.values()))


def test_evaluation_order() -> None:
    log.clear()
    d = {"one": note("1", 1), "two": note("2", 2), "three": note("3", 3)}
    print(d, log)
    log.clear()
    try:
        print({"ok": note("ok", 0), "bad": note("bad", 1) // 0, "never": note("never", 2)})
    except ZeroDivisionError as e:
        print("ZeroDivisionError", e, log)


def test_repeated_keys() -> None:
    log.clear()
    d = {"a": note("a1", 1), "b": note("b", 2), "a": note("a2", 3)}
    print(d, list(d), log)


def test_size_and_tracking() -> None:
    for d in [small(1, "s"), five(1), wide(1), {"p": 1, "q": 2},
              {"p": 1, "q": 2, "r": 3, "s": 4, "t": 5, "u": 6}]:
        print(len(d), sys.getsizeof(d))
    print(gc.is_tracked({"a": 1, "b": "two", "c": None, "d": 4.5}))
    print(gc.is_tracked({"a": 1, "b": [2]}))
    print(gc.is_tracked({"a": 1, "b": {}}))
    print(gc.is_tracked({"a": 1, "b": {"c": 1}}))
    print(gc.is_tracked({"a": 1, "b": small}))


def test_cycle_through_a_display_is_collected() -> None:
    class Node:
        pass

    def make() -> Any:
        n = Node()
        d = {"node": n, "tag": "x"}
        n.back = d  # type: ignore[attr-defined]
        return d

    import weakref

    d = make()
    probe = weakref.ref(d["node"])
    del d
    gc.collect()
    print(probe() is None)


def test_displays_in_a_loop() -> None:
    out: list[dict[str, int]] = []
    for i in range(5):
        row = {"i": i, "sq": i * i, "neg": -i}
        if i % 2:
            row["odd"] = 1
        out.append(row)
    print(out)
    print(sum(r["sq"] for r in out), [sorted(r) for r in out][:2])


def test_non_str_and_computed_keys() -> None:
    k = "dyn"
    print({k: 1, "lit": 2}, {1: "a", 2: "b"}, {"a": 1, k + "2": 2})
