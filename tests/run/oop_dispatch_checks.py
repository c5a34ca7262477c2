"""Type checks that an exact-type method dispatch makes redundant, and list
fields indexed without a reference of their own: loops over list[Shape] calling
a method (Python subclasses overriding it, a value of another type, the loop
variable's previous value finalized, the list mutated by the call), pop() of
such a list, and `self.items[i]` where indexing may run code that rebinds the
field (a list subclass)."""

from typing import Optional

log: list[str] = []


class Shape:
    def __init__(self, n: int) -> None:
        self.n = n

    def area(self) -> int:
        return self.n


class Square(Shape):
    def area(self) -> int:
        return self.n * self.n


class Cube(Square):
    def area(self) -> int:
        return self.n * self.n * self.n


class Noisy(Shape):
    def __del__(self) -> None:
        log.append("del %d" % self.n)


class Duck:
    def area(self) -> int:
        return -1


def total(shapes: list[Shape]) -> int:
    t = 0
    for s in shapes:
        t += s.area()
    return t


def drain(shapes: list[Shape]) -> list[int]:
    out: list[int] = []
    while shapes:
        s = shapes.pop()
        out.append(s.area())
    return out


class PySquare(Square):
    def area(self) -> int:
        return 1000 + self.n


class PyShape(Shape):
    pass


def test_dispatch_over_native_family() -> None:
    print(total([Shape(2), Square(3), Cube(2), Shape(5)]))
    print(drain([Shape(1), Cube(3), Square(4)]))


def test_python_subclasses_in_the_loop() -> None:
    print(total([Square(2), PySquare(3), PyShape(7), Cube(1)]))
    print(drain([PySquare(1), Shape(2), PyShape(4)]))


def test_value_of_another_type() -> None:
    # Interpreted, the duck answers; compiled, the annotation is enforced.
    # Either way the loop stops at the duck or uses its answer.
    items: list = [Shape(1), Duck(), Shape(2)]
    try:
        r = total(items)
        print("total", r == 2 or r == 1 - 1 + 2)
    except TypeError as e:
        print("total", "Shape" in str(e))
    try:
        r2 = drain([Shape(1), Duck()])  # type: ignore[list-item]
        print("drain", r2 == [-1, 1])
    except TypeError as e:
        print("drain", "Shape" in str(e))


def test_previous_item_finalized() -> None:
    log.clear()
    shapes: list[Shape] = [Noisy(1), Noisy(2), Square(3), Noisy(4)]
    t = 0
    for s in shapes:
        t += s.area()
        log.append("area %d" % s.n)
    del shapes
    log.append("loop done %d" % t)
    del s
    print(log)


class Grower(Shape):
    def __init__(self, n: int, into: list[Shape]) -> None:
        super().__init__(n)
        self.into = into

    def area(self) -> int:
        if self.n > 0:
            self.into.append(Grower(self.n - 1, self.into))
        return self.n


def test_list_mutated_by_the_call() -> None:
    shapes: list[Shape] = []
    shapes.append(Grower(4, shapes))
    shapes.append(Square(2))
    print(total(shapes), len(shapes))


class Registry:
    def __init__(self, items: list[Shape]) -> None:
        self.items: list[Shape] = items
        self.hits = 0

    def get(self, i: int) -> Shape:
        self.hits += 1
        return self.items[i]

    def get_n(self, i: int) -> int:
        return self.items[i].n


class Rebinding(list):
    owner: Optional[Registry] = None

    def __getitem__(self, i):  # type: ignore[override]
        owner = self.owner
        if owner is not None:
            self.owner = None
            # The registry lets go of this list while it is being indexed.
            owner.items = [Shape(99)]
        return list.__getitem__(self, i)


class Ints:
    def __init__(self, values: list[int]) -> None:
        self.values: list[int] = values

    def at(self, i: int) -> int:
        return self.values[i]


class RebindingInts(list):
    owner: Optional[Ints] = None

    def __getitem__(self, i):  # type: ignore[override]
        owner = self.owner
        if owner is not None:
            self.owner = None
            owner.values = [7]
        return list.__getitem__(self, i)


def test_indexing_a_list_field() -> None:
    reg = Registry([Shape(1), Square(2), Cube(3)])
    print(reg.get(0).area(), reg.get(-1).area(), reg.get_n(1), reg.hits)
    try:
        reg.get(3)
    except IndexError as e:
        print("IndexError", e)
    try:
        reg.get(10**30)
    except IndexError as e:
        print("IndexError", e)


def test_indexing_runs_code_that_rebinds_the_field() -> None:
    sub = Rebinding([Shape(5), Square(6)])
    reg = Registry([])
    reg.items = sub  # type: ignore[assignment]
    sub.owner = reg
    del sub
    print(reg.get(1).area(), reg.get(0).area(), reg.hits)
    ints_list = RebindingInts([1, 2, 3])
    ints = Ints([])
    ints.values = ints_list  # type: ignore[assignment]
    ints_list.owner = ints
    del ints_list
    print(ints.at(2), ints.at(0))


# Module constants read again after a release that may free an object whose
# finalizer rebinds them (the release's deallocation branch checks again).

LIMIT = 3
STEP = 1


class Rebinds:
    def __init__(self, name: str, value: int) -> None:
        self.name = name
        self.value = value

    def __del__(self) -> None:
        globals()[self.name] = self.value


class Holder:
    def __init__(self) -> None:
        self.current: Optional[Rebinds] = None
        self.other: Optional[Rebinds] = None


def store_then_read(h: Holder, n: int) -> list[int]:
    a = n & LIMIT
    h.current = None  # frees the holder's old value: its __del__ rebinds LIMIT
    b = n & LIMIT
    c = STEP + LIMIT
    return [a, b, c]


def local_then_read(n: int) -> list[int]:
    r: Optional[Rebinds] = Rebinds("STEP", 10)
    a = n + STEP
    r = None
    b = n + STEP
    return [a, b, STEP if r is None else 0]


def loop_stores(h: Holder, rounds: int) -> int:
    total = 0
    for i in range(rounds):
        x = i & LIMIT
        h.other = None
        total = total * 10 + x + (i & LIMIT)
        if i == 1:
            h.other = Rebinds("LIMIT", 7)
    return total


def small(h: Holder) -> int:
    a = STEP
    h.current = None
    return a + STEP


def test_constants_after_a_freeing_release() -> None:
    g = globals()
    h = Holder()
    h.current = Rebinds("LIMIT", 12)
    print(store_then_read(h, 15), LIMIT)
    g["LIMIT"] = 3
    print(store_then_read(h, 15), LIMIT)  # nothing freed this time
    print(local_then_read(5), STEP)
    g["STEP"] = 1
    print(loop_stores(h, 5), LIMIT)
    g["LIMIT"] = 3
    h.current = Rebinds("STEP", 100)
    print(small(h), STEP)
    g["STEP"] = 1
    print(small(h), STEP)


# A loop whose usual path keeps the constants checked and whose rarer path calls
# code that rebinds one: the next iteration must see the new value.

MASK = 7


def rebind_mask(i: int) -> None:
    globals()["MASK"] = i + 1


def loop_with_a_rebinding_call(n: int) -> list[int]:
    seen: list[int] = []
    i = 0
    while i < n:
        x = i & MASK
        if i % 4 == 3:
            rebind_mask(i)
        seen.append(x)
        i += 1
    return seen


class Node:
    def __init__(self, v: int, nxt: "Optional[Node]") -> None:
        self.v = v
        self.nxt = nxt


def walk(head: Optional[Node]) -> int:
    total = 0
    node = head
    while node is not None:
        total = total * 3 + (node.v & MASK)
        if node.v == 2:
            rebind_mask(20)
        node = node.nxt
    return total


def test_constants_at_a_loop_join() -> None:
    g = globals()
    print(loop_with_a_rebinding_call(12), MASK)
    g["MASK"] = 7
    g["MASK"] = 3  # rebound before the call: seen on entry
    print(loop_with_a_rebinding_call(6), MASK)
    g["MASK"] = 7
    head = None
    for v in range(6):
        head = Node(v, head)
    print(walk(head), MASK)
    g["MASK"] = 7



def total_guarded(shapes: list[Shape], odd: object) -> tuple[bool, int]:
    s = Shape(1)
    t = 0
    try:
        for s in shapes:
            t += s.area()
    except (TypeError, AttributeError):
        t = -t
    # Interpreted, s is the odd item (its area() failed); compiled, the item's
    # check fails before the store and s keeps the Shape before it.
    return s is odd or s.n == 1, t


def popped_guarded(shapes: list[Shape], odd: object) -> bool:
    s = Shape(3)
    try:
        while shapes:
            s = shapes.pop()
            s.area()
    except (TypeError, AttributeError):
        pass
    return s is odd or s.n == 3


def test_wrong_item_inside_try() -> None:
    # The loop variable that the code after the handler reads keeps its previous
    # value when the check of a wrong item fails, and nothing is released twice.
    import sys
    odd = object()
    before = sys.getrefcount(odd)
    items: list = [Shape(1), odd, Shape(2)]
    for _ in range(3):
        print(total_guarded(items, odd), popped_guarded([Shape(3), odd], odd))  # type: ignore[list-item]
    del items
    print(sys.getrefcount(odd) == before)
