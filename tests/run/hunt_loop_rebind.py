"""`for x in VAR`: the loop iterates the object VAR held when the loop started;
rebinding (or deleting and rebinding) VAR inside the body must not change it."""


def rebind_typed(l: list[int]) -> list[int]:
    out: list[int] = []
    for x in l:
        l = [100]
        out.append(x)
    return out + l


def rebind_local(n: int) -> list[int]:
    l = [1, 2, 3]
    out: list[int] = []
    for x in l:
        out.append(x + n)
        l = []
    return out


def rebind_longer(l: list) -> list:
    out = []
    for x in l:
        out.append(x)
        l = [y * 10 for y in range(5)]
    return out


def del_and_rebind(l: list, n: int) -> list:
    out = []
    for x in l:
        out.append(x)
        if n:
            del l
            n = 0
            l = [0]
    return out


def rebind_untyped_none(l):  # type: ignore
    out = []
    for x in l:
        out.append(x)
        l = None
    return out


def test_rebind_typed() -> None:
    r = rebind_typed([1, 2, 3])
    print(r)
    assert r == [1, 2, 3, 100]


def test_rebind_local() -> None:
    r = rebind_local(0)
    print(r)
    assert r == [1, 2, 3]


def test_rebind_longer() -> None:
    r = rebind_longer([1, 2, 3])
    print(r)
    assert r == [1, 2, 3]


def test_del_and_rebind() -> None:
    r = del_and_rebind([1, 2, 3], 1)
    print(r)
    assert r == [1, 2, 3]


def test_rebind_untyped_none() -> None:
    r = rebind_untyped_none([1, 2, 3])
    print(r)
    assert r == [1, 2, 3]
