"""`for x in VAR` over a list, VAR rebound to a tuple / str inside the body:
CPython keeps iterating the original list (this used to segfault compiled)."""


def rebind_to_tuple(l):  # type: ignore
    out = []
    for x in l:
        out.append(x)
        l = (9, 8, 7, 6)
    return out


def rebind_to_str(l):  # type: ignore
    out = []
    for x in l:
        out.append(x)
        l = "xyz"
    return out


def test_rebind_to_tuple() -> None:
    r = rebind_to_tuple([1, 2, 3])
    print(r)
    assert r == [1, 2, 3]


def test_rebind_to_str() -> None:
    r = rebind_to_str([1, 2, 3])
    print(r)
    assert r == [1, 2, 3]


def del_in_loop(l: list) -> list:
    out = []
    for x in l:
        out.append(x)
        del l
    return out


def target_is_iterable(l):  # type: ignore
    out = []
    for l in l:
        out.append(l)
    return out


def test_target_is_iterable() -> None:
    r = target_is_iterable([[1], 2, "ab"])
    print(r)
    assert r == [[1], 2, "ab"]


def test_del_in_loop() -> None:
    try:
        del_in_loop([1, 2, 3])
        r = "no error"
    except UnboundLocalError as e:
        r = "UnboundLocalError " + str(e)
    print(r)
    assert r == "UnboundLocalError cannot access local variable 'l' where it is not associated with a value"
