"""Comprehension variables live in the comprehension's own scope: once it is
done, the last values they held are released (CPython drops the comprehension's
frame), so `__del__` runs then, not when the enclosing function returns."""

LOG: list[str] = []


class Tracked:
    def __init__(self, name: str) -> None:
        self.name = name

    def __del__(self) -> None:
        LOG.append("del " + self.name)


def take() -> list[str]:
    out = list(LOG)
    LOG.clear()
    return out


def list_comprehension() -> list[str]:
    items = [Tracked("a"), Tracked("b")]
    names = [t.name for t in items]
    items = []
    LOG.append("cleared " + ",".join(names))
    return take()


def test_list_comprehension_variable_released() -> None:
    r = list_comprehension()
    print(r)
    assert r == ["del b", "del a", "cleared a,b"]


def nested_generators() -> list[str]:
    rows = [[Tracked("x1"), Tracked("x2")], [Tracked("y1")]]
    pairs = {(r[0].name, c.name) for r in rows for c in r}
    rows = []
    LOG.append("cleared %d" % len(pairs))
    return take()


def test_nested_generators_release_both_variables() -> None:
    r = nested_generators()
    print(r)
    assert r == ["del y1", "del x2", "del x1", "cleared 3"]


def dict_comprehension_with_starred_target() -> list[str]:
    rows = [(Tracked("k"), Tracked("v1"), Tracked("v2"))]
    d = {k.name: len(rest) for k, *rest in rows}
    rows = []
    LOG.append("cleared %r" % d)
    return take()


def test_dict_comprehension_with_starred_target() -> None:
    r = dict_comprehension_with_starred_target()
    print(r)
    assert r[-1] == "cleared {'k': 2}" and len(r) == 4


def empty_iterable() -> list[str]:
    xs: list[Tracked] = []
    ys = [t.name for t in xs]
    LOG.append("empty %r" % ys)
    return take()


def test_empty_iterable() -> None:
    r = empty_iterable()
    print(r)
    assert r == ["empty []"]


def int_variable() -> int:
    return sum([i * i for i in range(10)])


def test_int_variable() -> None:
    r = int_variable()
    print(r)
    assert r == 285


def walrus_keeps_its_value() -> list[str]:
    items = [Tracked("w")]
    names = [(last := t).name for t in items]
    items = []
    LOG.append("cleared " + names[0])
    out = take()
    LOG.append("still " + last.name)
    return out + take()


def test_walrus_target_outlives_the_comprehension() -> None:
    r = walrus_keeps_its_value()
    print(r)
    assert r == ["cleared w", "still w"]


MODULE_ITEMS = [Tracked("m")]
MODULE_NAMES = [t.name for t in MODULE_ITEMS]
MODULE_ITEMS = []
MODULE_LOG = take()


def test_module_level() -> None:
    print(MODULE_NAMES, MODULE_LOG)
    assert MODULE_LOG == ["del m"]
