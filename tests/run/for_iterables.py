"""for loops over lists (walked by index), list subclasses (their own __iter__),
tuples, strings, dicts, iterators and mutation during iteration."""


class Reversed(list):
    def __iter__(self):
        return iter(list.__reversed__(self))


def total(xs: list[int]) -> int:
    t = 0
    for x in xs:
        t += x
    return t


def walk(xs) -> list:
    out = []
    for x in xs:
        out.append(x)
    return out


def grow_while_walking(xs: list) -> list:
    seen = []
    for x in xs:
        seen.append(x)
        if len(xs) < 6:
            xs.append(x * 10)
    return seen


def shrink_while_walking(xs: list) -> list:
    seen = []
    for x in xs:
        seen.append(x)
        if xs:
            xs.pop()
    return seen


def find(xs: list, target) -> int:
    for i, x in enumerate(xs):
        if x == target:
            break
    else:
        return -1
    return i


def test_lists_and_typed_lists() -> None:
    print(total([1, 2, 3, 2**70]), total([]), walk([1, "a", None, 2.5]))


def test_other_iterables() -> None:
    print(walk((1, 2)), walk("héllo"), walk({"b": 1, "a": 2}), walk(range(3)), walk(iter([7, 8])))
    print(walk(x * 2 for x in [1, 2, 3]), walk({3, 1}) == [1, 3] or walk({3, 1}) == [3, 1])


def test_subclass_keeps_its_own_iter() -> None:
    print(walk(Reversed([1, 2, 3])))


def test_mutation_during_iteration() -> None:
    print(grow_while_walking([1, 2]), shrink_while_walking([1, 2, 3, 4, 5]))


def test_break_and_else() -> None:
    print(find([5, 6, 7], 7), find([5, 6, 7], 9), find([], 1))


def test_errors() -> None:
    try:
        walk(5)
    except TypeError as e:
        print("TypeError:", e)
    try:
        total([1, "x"])  # type: ignore[list-item]
    except TypeError as e:
        print("TypeError")
