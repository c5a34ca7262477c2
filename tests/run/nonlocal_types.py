"""Variables that inner functions rebind with `nonlocal` keep exactly the values
stored in them, whatever their types: an int counter stays an int, a bool stored
where an int was stays a bool, a float added to an int count makes a float."""

from typing import Callable


def counter() -> tuple[Callable[[], int], Callable[[], int]]:
    count = 0

    def bump() -> int:
        nonlocal count
        count += 1
        return count

    def get() -> int:
        return count

    return bump, get


def test_int_counter() -> None:
    bump, get = counter()
    for _ in range(5):
        bump()
    print(get(), type(get()).__name__)


def test_big_values_in_a_cell() -> None:
    total = 1

    def grow() -> None:
        nonlocal total
        total = total * 3 + 1

    for _ in range(80):
        grow()
    print(total, total % 1000003)


def test_bool_stored_in_an_int_cell() -> None:
    flag = 0

    def set_it() -> None:
        nonlocal flag
        flag = True

    set_it()
    print(repr(flag), type(flag).__name__)


def test_float_added_to_an_int_cell() -> None:
    acc = 0

    def add_half() -> None:
        nonlocal acc
        acc += 0.5  # type: ignore[assignment]

    add_half()
    add_half()
    print(repr(acc))


def test_str_and_none_stored() -> None:
    value = 10

    def to_str() -> None:
        nonlocal value
        value = "ten"  # type: ignore[assignment]

    def to_none() -> None:
        nonlocal value
        value = None  # type: ignore[assignment]

    to_str()
    print(repr(value))
    to_none()
    print(repr(value))


def test_two_inner_functions_agree() -> None:
    hits = 0
    misses = 0

    def hit() -> None:
        nonlocal hits
        hits += 1

    def miss() -> None:
        nonlocal misses, hits
        misses += 1
        hits -= 1

    for i in range(10):
        if i % 3:
            hit()
        else:
            miss()
    print(hits, misses)


def test_two_levels_down() -> None:
    depth = 0

    def outer() -> int:
        def inner() -> None:
            nonlocal depth
            depth += 10

        inner()
        inner()
        return depth

    print(outer(), depth)


def test_two_levels_down_with_another_type() -> None:
    depth = 0

    def outer() -> object:
        def inner() -> None:
            nonlocal depth
            depth = depth + 0.25  # type: ignore[assignment]

        inner()
        return depth

    print(repr(outer()), repr(depth))


def test_owner_stores_other_types_too() -> None:
    state = 0

    def step() -> None:
        nonlocal state
        state += 2

    step()
    state = "reset"  # type: ignore[assignment]
    print(repr(state))


def test_annotated_cell() -> None:
    n: int = 5

    def dec() -> None:
        nonlocal n
        n -= 1

    while n > 0:
        dec()
    print(n)


def test_unbound_cell_read() -> None:
    def make() -> Callable[[], int]:
        def read() -> int:
            return late

        try:
            read()
        except NameError as e:
            print("NameError:", e)
        late = 3
        return read

    print(make()())


def test_deleted_cell() -> None:
    x = 1

    def drop() -> None:
        nonlocal x
        del x

    def read() -> int:
        return x

    drop()
    try:
        read()
    except NameError as e:
        print("NameError:", e)
