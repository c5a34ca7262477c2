"""Local lists of int tuples that a function only fills with `append((a, b))`,
walks with `for a, b in ...` and measures with `len()` (compiled code keeps
them unboxed). They must behave as the lists they stand for: appends during
the walk are walked, rebinding the name mid-walk walks the old list, an
unbound name raises, big ints and negative ones survive, references are
released, and any other use of the name keeps an ordinary list."""

import sys
from typing import Callable


def pairs_and_squares(n: int) -> int:
    pts: list[tuple[int, int]] = []
    for i in range(n):
        pts.append((i, i * i - 7))
    total = 0
    for a, b in pts:
        total = total * 31 + a * b
    return total + len(pts)


def test_fill_and_walk() -> None:
    for n in (0, 1, 2, 7, 8, 9, 100, 1000):
        print(n, pairs_and_squares(n))


def grows_while_walked() -> list[int]:
    seen: list[int] = []
    work: list[tuple[int, int]] = []
    work.append((0, 1))
    for depth, value in work:
        seen.append(depth * 1000 + value)
        if depth < 4:
            work.append((depth + 1, value * 2))
            work.append((depth + 1, value * 2 + 1))
    seen.append(len(work))
    return seen


def test_appends_during_the_walk_are_walked() -> None:
    print(grows_while_walked())


def rebinds_while_walked() -> list[int]:
    out: list[int] = []
    xs: list[tuple[int, int]] = []
    for i in range(5):
        xs.append((i, -i))
    for a, b in xs:
        out.append(a + 10 * b)
        xs = []
        xs.append((99, 99))
    out.append(len(xs))
    for a, b in xs:
        out.append(a * b)
    return out


def test_rebinding_walks_the_old_list() -> None:
    print(rebinds_while_walked())


def big_items(base: int) -> list[int]:
    vals: list[tuple[int, int, int]] = []
    for i in range(20):
        vals.append((base + i, -(base << i), i - 10))
    out: list[int] = []
    for a, b, c in vals:
        out.append(a + b + c)
        out.append(b % 1000003)
    return out


def test_big_and_negative_ints() -> None:
    print(big_items(2**70))
    print(big_items(-(2**62)))
    print(big_items(5))


def keeps_refs(big: int) -> int:
    held: list[tuple[int, int]] = []
    for i in range(50):
        held.append((big, big + i))
    n = 0
    for a, b in held:
        if a is big:
            n += 1
    return n


def test_references_are_released() -> None:
    big = 3**90
    before = sys.getrefcount(big)
    print(keeps_refs(big))
    # (`big` is used once more below: its last use may give its reference away.)
    print(sys.getrefcount(big) - before, big % 1000)


def unbound_then_used(flag: bool) -> int:
    if flag:
        pts: list[tuple[int, int]] = []
        pts.append((1, 2))
    total = 0
    for a, b in pts:
        total += a + b
    return total


def test_unbound_local() -> None:
    print(unbound_then_used(True))
    try:
        unbound_then_used(False)
    except UnboundLocalError as e:
        print("UnboundLocalError", e)


def unbound_append(first: int) -> int:
    for i in range(first, 2):
        if i == 1:
            acc.append((i, i))
        acc: list[tuple[int, int]] = []
    return len(acc)


def test_unbound_append() -> None:
    print(unbound_append(0))
    try:
        unbound_append(1)
    except UnboundLocalError as e:
        print("UnboundLocalError", e)


def loop_control() -> list[int]:
    out: list[int] = []
    quads: list[tuple[int, int, int, int]] = []
    for i in range(12):
        quads.append((i, i + 1, i + 2, i + 3))
    for a, b, c, d in quads:
        if a % 3 == 0:
            continue
        if a > 9:
            break
        out.append(a * b - c * d)
    else:
        out.append(-1)
    for a, b, c, d in quads:
        out.append(a + b + c + d)
    else:
        out.append(-2)
    return out


def test_break_continue_else() -> None:
    print(loop_control())


class Boom(Exception):
    pass


def raises_mid_walk(big: int) -> int:
    pts: list[tuple[int, int]] = []
    for i in range(10):
        pts.append((i, big))
    for a, b in pts:
        if a == 6:
            raise Boom(a)
    return 0


def test_exception_in_the_body() -> None:
    big = 7**80
    before = sys.getrefcount(big)
    try:
        raises_mid_walk(big)
    except Boom as e:
        print("Boom", e.args)
    print(sys.getrefcount(big) - before, big % 1000)


def bools_in(flag: bool) -> list[tuple[int, int]]:
    pts: list[tuple[int, int]] = []
    pts.append((flag, 1))
    return pts


def test_bools_are_not_made_ints() -> None:
    print(bools_in(True), bools_in(False))


def shown(n: int) -> str:
    pts: list[tuple[int, int]] = []
    for i in range(n):
        pts.append((i, -i))
    total = 0
    for a, b in pts:
        total += a - b
    return f"{pts} {total}"


def test_other_uses_keep_the_list() -> None:
    print(shown(3))


def shadowed_len(n: int) -> int:
    len = lambda xs: sum(a * 10 + b for a, b in xs)  # noqa: E731
    pts: list[tuple[int, int]] = []
    for i in range(n):
        pts.append((i, 1))
    for a, b in pts:
        pass
    return len(pts)


def test_a_local_len_gets_the_list() -> None:
    print(shadowed_len(4))


def nested_walks(n: int) -> int:
    edges: list[tuple[int, int]] = []
    for i in range(n):
        for j in range(i):
            if (i * j) % 3 == 1:
                edges.append((j, i))
    count = 0
    for a, b in edges:
        for c, d in edges:
            if b == c:
                count += a + d
    return count * 1000 + len(edges)


def test_nested_walks_of_one_list() -> None:
    print(nested_walks(15))


def empty_walk() -> str:
    nothing: list[tuple[int, int]] = []
    hits = 0
    for a, b in nothing:
        hits += 1
    else:
        hits += 100
    return f"{hits} {len(nothing)}"


def test_empty() -> None:
    print(empty_walk())


def grow(xs: list[tuple[int, int]]) -> int:
    xs.append((0, 0))
    return -1


def len_is_a_parameter(len: Callable[[list[tuple[int, int]]], int]) -> list[int]:
    pts: list[tuple[int, int]] = []
    pts.append((1, 1))
    r = len(pts)
    count = 0
    for a, b in pts:
        count += 1
    return [r, count]


def test_a_len_that_is_not_the_builtin() -> None:
    print(len_is_a_parameter(grow))
    print(len_is_a_parameter(lambda xs: 7))


def comprehension_named_like_it(k: int) -> list[int]:
    out: list[int] = []
    pts: list[tuple[int, int]] = []
    for i in range(k):
        pts.append((i, i + 1))
    for a, b in pts:
        out.append(a * b)
    out.extend([0 for pts in range(2)])
    return out


def test_a_comprehension_variable_of_the_same_name() -> None:
    print(comprehension_named_like_it(4))
