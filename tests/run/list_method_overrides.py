"""append, pop, insert and remove on values typed list: an exact list takes the
direct paths, but a list subclass's own methods must be called, in order, with the
arguments the source gives (pop() with none, pop(i) with one)."""

from typing import Any, Optional


class Logged(list):  # type: ignore[type-arg]
    def __init__(self, items: Any, log: list[str]) -> None:
        super().__init__(items)
        self.log = log

    def append(self, x: Any) -> None:
        self.log.append(f"append {x!r}")
        super().append(x)

    def pop(self, *args: Any) -> Any:
        self.log.append(f"pop {args!r}")
        return super().pop(*args)

    def insert(self, i: Any, x: Any) -> None:
        self.log.append(f"insert {i!r} {x!r}")
        super().insert(i, x)

    def remove(self, x: Any) -> None:
        self.log.append(f"remove {x!r}")
        super().remove(x)


class Doubling(list):  # type: ignore[type-arg]
    """Appends twice; pops from the front."""

    def append(self, x: Any) -> None:
        super().append(x)
        super().append(x)

    def pop(self, *args: Any) -> Any:
        return super().pop(0)


class Refusing(list):  # type: ignore[type-arg]
    def append(self, x: Any) -> None:
        raise ValueError(f"no {x}")

    def pop(self, *args: Any) -> Any:
        raise LookupError(f"pop {args!r}")


def work(items: list[int]) -> int:
    items.append(5)
    items.insert(0, 7)
    items.remove(7)
    a = items.pop()
    items.append(6)
    b = items.pop(0)
    return a * 100 + b * 10 + len(items)


class Holder:
    def __init__(self, items: list[int]) -> None:
        self.items: list[int] = items

    def add(self, x: int) -> None:
        self.items.append(x)

    def take(self) -> int:
        return self.items.pop()


def test_exact_list() -> None:
    items = [1, 2]
    print(work(items), items)


def test_subclass_methods_are_called() -> None:
    log: list[str] = []
    items = Logged([1, 2], log)
    print(work(items), items)
    print(log)


def test_field_typed_list() -> None:
    log: list[str] = []
    h = Holder(Logged([], log))
    for i in range(4):
        h.add(i * i)
    print(h.take(), h.items, log)
    d = Holder(Doubling([1]))
    d.add(2)
    print(d.items, d.take(), d.items)


def test_appends_in_a_loop_grow_the_list() -> None:
    # Exact lists past their allocation: the direct path hands over to list's own.
    out: list[int] = []
    for i in range(1000):
        out.append(i)
    print(len(out), out[0], out[999], sum(out))
    h = Holder([])
    for i in range(300):
        h.add(-i)
    print(len(h.items), h.take(), len(h.items))


def test_errors_and_results_of_overrides() -> None:
    r = Refusing([3])
    try:
        work(r)
    except ValueError as e:
        print("ValueError", e)
    h = Holder(Refusing([4]))
    try:
        print(h.take())
    except LookupError as e:
        print("LookupError", e)
    empty: list[int] = []
    try:
        empty.pop()
    except IndexError as e:
        print("IndexError", e)
    lg = Logged([], [])
    try:
        lg.remove(9)
    except ValueError as e:
        print("ValueError", e, lg.log)


def test_append_none_and_objects() -> None:
    things: list[Optional[str]] = []
    things.append(None)
    things.append("x")
    print(things, things.pop(), things.pop(), things)


class Plain(list):  # type: ignore[type-arg]
    pass


def add_pair(xs: list[tuple[int, ...]], t: tuple[int, ...]) -> None:
    xs.append(t)


def drop_pair(xs: list[tuple[int, ...]], t: tuple[int, ...]) -> None:
    xs.remove(t)


def put_pair(xs: list[tuple[int, ...]], i: int, t: tuple[int, ...]) -> None:
    xs.insert(i, t)


def test_tuples_are_one_argument() -> None:
    # A subclass's method gets the tuple itself, not its items as arguments.
    s = Plain()
    for t in [(5,), (1, 2), ()]:
        add_pair(s, t)
    put_pair(s, 1, (9, 9, 9))
    print(s)
    drop_pair(s, (1, 2))
    drop_pair(s, ())
    print(s, s.pop(), s)
