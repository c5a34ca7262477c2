"""Compiled nested functions and closures: reading and rebinding (`nonlocal`) outer
variables, cells shared between closures, captured parameters of every kind, late
binding vs default capture, three levels of nesting, unbound and deleted captured
variables, recursion, closures outliving their function, closures in containers and
in methods, and the names of nested functions."""

import gc
import sys
import weakref
from typing import Callable, Optional


# --- reading outer variables -------------------------------------------------


def make_adder(n: int) -> Callable[[int], int]:
    def add(x: int) -> int:
        return x + n

    return add


def test_read_outer_param() -> None:
    add5 = make_adder(5)
    add7 = make_adder(7)
    r = [add5(1), add7(1), add5(add7(0))]
    print(r)
    assert r == [6, 8, 12]


def read_outer_local() -> list[int]:
    base = 10
    scale = 3

    def f(x: int) -> int:
        return base + scale * x

    return [f(0), f(1), f(2)]


def test_read_outer_local() -> None:
    r = read_outer_local()
    print(r)
    assert r == [10, 13, 16]


def sees_later_rebinding() -> list[int]:
    v = 1

    def get() -> int:
        return v

    out = [get()]
    v = 2
    out.append(get())
    v += 40
    out.append(get())
    return out


def test_closure_sees_later_rebinding() -> None:
    r = sees_later_rebinding()
    print(r)
    assert r == [1, 2, 42]


# --- nonlocal ------------------------------------------------------------------


def make_counter(start: int = 0) -> Callable[[], int]:
    count = start

    def inc() -> int:
        nonlocal count
        count += 1
        return count

    return inc


def test_counter() -> None:
    c1 = make_counter()
    c2 = make_counter(100)
    r = [c1(), c1(), c2(), c1(), c2()]
    print(r)
    assert r == [1, 2, 101, 3, 102]


def nonlocal_visible_to_outer() -> tuple[int, str]:
    total = 0
    label = "start"

    def add(k: int) -> None:
        nonlocal total, label
        total += k
        label = "added " + str(k)

    add(3)
    add(4)
    return total, label


def test_nonlocal_visible_to_outer() -> None:
    r = nonlocal_visible_to_outer()
    print(r)
    assert r == (7, "added 4")


def shared_cell() -> tuple[Callable[[], int], Callable[[int], None], Callable[[], None]]:
    value = 0

    def get() -> int:
        return value

    def set_(v: int) -> None:
        nonlocal value
        value = v

    def double() -> None:
        nonlocal value
        value *= 2

    return get, set_, double


def test_cell_shared_between_closures() -> None:
    get, set_, double = shared_cell()
    out = [get()]
    set_(21)
    out.append(get())
    double()
    out.append(get())
    get2, set2, _ = shared_cell()
    set2(5)
    out.append(get())
    out.append(get2())
    print(out)
    assert out == [0, 21, 42, 42, 5]


def annotated_int_rebound() -> int:
    x: int = 1

    def bump(by: int) -> None:
        nonlocal x
        x = x + by

    bump(10)
    bump(100)
    x *= 2
    return x


def test_annotated_int_rebound_by_nonlocal() -> None:
    r = annotated_int_rebound()
    print(r, type(r).__name__)
    assert r == 222


def annotated_float_and_str() -> tuple[float, str]:
    f: float = 0.5
    s: str = "a"

    def step() -> None:
        nonlocal f, s
        f = f * 3.0
        s = s + "b"

    step()
    step()
    return f, s


def test_annotated_float_and_str_cells() -> None:
    r = annotated_float_and_str()
    print(r)
    assert r == (4.5, "abb")


def big_int_cell() -> int:
    n = 2**62

    def grow() -> None:
        nonlocal n
        n = n * 4 + 1

    grow()
    grow()
    return n


def test_big_int_in_cell() -> None:
    r = big_int_cell()
    print(r)
    assert r == 2**66 + 5


# --- captured parameters of every kind ---------------------------------------


class Box:
    def __init__(self, v: int) -> None:
        self.v = v

    def __repr__(self) -> str:
        return "Box(" + str(self.v) + ")"


def capture_params(i: int, f: float, s: str, b: Box, o: Optional[int], u):  # type: ignore[no-untyped-def]
    def show() -> str:
        return repr((i, f, s, b, o, u))

    def mutate() -> None:
        nonlocal i, f, s, o, u
        i += 1
        f /= 2
        s = s.upper()
        b.v += 1
        o = None if o is not None else 0
        u = [u]

    first = show()
    mutate()
    return first, show()


def test_capture_params_of_every_kind() -> None:
    r = capture_params(1, 3.0, "abc", Box(7), 5, "raw")
    print(r)
    assert r == (
        "(1, 3.0, 'abc', Box(7), 5, 'raw')",
        "(2, 1.5, 'ABC', Box(8), None, ['raw'])",
    )
    r2 = capture_params(-1, -0.0, "", Box(0), None, None)
    print(r2)
    assert r2[1] == "(0, -0.0, '', Box(1), 0, [None])"


def capture_varargs(*args: int, **kwargs: str) -> Callable[[], str]:
    def show() -> str:
        return str(sum(args)) + ":" + ",".join(sorted(kwargs))

    return show


def test_capture_varargs_and_kwargs() -> None:
    r = capture_varargs(1, 2, 3, b="x", a="y")()
    print(r)
    assert r == "6:a,b"


def capture_kwonly(a: int, *, k: int = 4) -> Callable[[], int]:
    return lambda: a * k


def test_capture_keyword_only() -> None:
    r = [capture_kwonly(2)(), capture_kwonly(2, k=10)()]
    print(r)
    assert r == [8, 20]


# --- late binding vs default capture -----------------------------------------


def late_binding() -> list[int]:
    fs = []
    for i in range(4):
        def f() -> int:
            return i * 10
        fs.append(f)
    return [f() for f in fs]


def early_binding() -> list[int]:
    fs = []
    for i in range(4):
        def f(i: int = i) -> int:
            return i * 10
        fs.append(f)
    return [f() for f in fs]


def lambda_late_and_early() -> tuple[list[int], list[int]]:
    late = []
    early = []
    for k in range(3):
        late.append(lambda: k)
        early.append(lambda k=k: k)
    return [g() for g in late], [g() for g in early]


def test_late_binding_in_loops() -> None:
    a, b = late_binding(), early_binding()
    c = lambda_late_and_early()
    print(a, b, c)
    assert a == [30, 30, 30, 30]
    assert b == [0, 10, 20, 30]
    assert c == ([2, 2, 2], [0, 1, 2])


def default_overridden() -> list[int]:
    fs = []
    for i in range(3):
        def f(x: int = i * 2) -> int:
            return x
        fs.append(f)
    return [fs[0](), fs[1](), fs[2](), fs[1](99)]


def test_defaults_evaluated_per_definition() -> None:
    r = default_overridden()
    print(r)
    assert r == [0, 2, 4, 99]


def while_loop_closures() -> list[str]:
    out = []
    n = 0
    while n < 3:
        word = "w" + str(n)
        out.append(lambda: word)
        n += 1
    word = "final"
    return [g() for g in out]


def test_while_loop_closures_share_one_cell() -> None:
    r = while_loop_closures()
    print(r)
    assert r == ["final", "final", "final"]


# --- three levels of nesting -------------------------------------------------


def three_levels(a: int) -> Callable[[int], Callable[[int], int]]:
    unused_in_middle = a * 100

    def middle(b: int) -> Callable[[int], int]:
        # does not mention unused_in_middle itself: passes it through
        def inner(c: int) -> int:
            return unused_in_middle + a + b * 10 + c

        return inner

    return middle


def test_three_levels_pass_through() -> None:
    r = three_levels(1)(2)(3)
    print(r)
    assert r == 100 + 1 + 20 + 3


def three_level_nonlocal() -> list[int]:
    x = 0

    def middle() -> Callable[[], int]:
        def inner() -> int:
            nonlocal x
            x += 5
            return x

        return inner

    f = middle()
    g = middle()
    return [f(), g(), f(), x]


def test_three_level_nonlocal() -> None:
    r = three_level_nonlocal()
    print(r)
    assert r == [5, 10, 15, 15]


def middle_rebinds() -> list[int]:
    x = 1

    def middle() -> int:
        nonlocal x

        def inner() -> int:
            return x * 2

        x = 10
        a = inner()
        x = 20
        return a + inner()

    return [middle(), x]


def test_middle_nonlocal_inner_reads() -> None:
    r = middle_rebinds()
    print(r)
    assert r == [60, 20]


def shadowing_levels() -> list[str]:
    name = "outer"

    def middle() -> list[str]:
        name = "middle"

        def inner() -> str:
            return name

        return [inner(), name]

    return middle() + [name]


def test_shadowing_between_levels() -> None:
    r = shadowing_levels()
    print(r)
    assert r == ["middle", "middle", "outer"]


# --- assigned after creation; unbound; del ------------------------------------


def assigned_after() -> int:
    def get() -> int:
        return later * 2

    later = 21
    return get()


def test_captured_variable_assigned_after_closure() -> None:
    r = assigned_after()
    print(r)
    assert r == 42


def read_unbound_free() -> str:
    def get() -> int:
        return later

    try:
        get()
    except NameError as e:
        msg = type(e).__name__ + ": " + str(e)
    later = 1
    return msg + " / " + str(get())


def test_read_unbound_free_variable() -> None:
    r = read_unbound_free()
    print(r)
    assert r.startswith("NameError: cannot access free variable 'later'")
    assert r.endswith(" / 1")


def read_unbound_cell_in_owner() -> str:
    try:
        print(x)  # type: ignore[has-type, used-before-def]
    except UnboundLocalError as e:
        msg = type(e).__name__ + ": " + str(e)
    x = 3

    def use() -> int:
        return x

    return msg + " / " + str(use())


def test_read_unbound_cell_in_owner() -> None:
    r = read_unbound_cell_in_owner()
    print(r)
    assert r.startswith("UnboundLocalError: cannot access local variable 'x'")


def del_captured() -> list[str]:
    out = []
    v = "alive"

    def get() -> str:
        return v

    out.append(get())
    del v
    try:
        get()
    except NameError as e:
        out.append(type(e).__name__ + ": " + str(e))
    try:
        del v
    except NameError as e:
        out.append(type(e).__name__ + ": " + str(e))
    v = "again"
    out.append(get())
    return out


def test_del_captured_variable() -> None:
    r = del_captured()
    for line in r:
        print(line)
    assert r[0] == "alive" and r[-1] == "again"
    assert r[1].startswith("NameError: cannot access free variable 'v'")
    assert r[2].startswith("UnboundLocalError: cannot access local variable 'v'")


def del_through_nonlocal() -> list[str]:
    out = []
    item = [1, 2]

    def drop() -> None:
        nonlocal item
        del item

    drop()
    try:
        print(item)
    except NameError as e:
        out.append(type(e).__name__ + ": " + str(e))
    try:
        drop()
    except NameError as e:
        out.append(type(e).__name__ + ": " + str(e))
    return out


def test_del_through_nonlocal() -> None:
    r = del_through_nonlocal()
    for line in r:
        print(line)
    assert len(r) == 2
    assert r[0].startswith("UnboundLocalError")
    assert r[1].startswith("NameError: cannot access free variable 'item'")


def nonlocal_before_assignment() -> str:
    def setter() -> None:
        nonlocal target  # type: ignore[misc]
        target = "set by inner"

    setter()
    return target  # type: ignore[used-before-def]
    target = "never"


def test_nonlocal_assigns_unbound_outer() -> None:
    r = nonlocal_before_assignment()
    print(r)
    assert r == "set by inner"


# --- recursion -----------------------------------------------------------------


def nested_factorial(n: int) -> int:
    def fact(k: int) -> int:
        return 1 if k <= 1 else k * fact(k - 1)

    return fact(n)


def test_nested_recursion() -> None:
    r = [nested_factorial(0), nested_factorial(5), nested_factorial(25)]
    print(r)
    assert r[1] == 120 and r[2] == 15511210043330985984000000


def nested_mutual(n: int) -> tuple[bool, bool]:
    def is_even(k: int) -> bool:
        return True if k == 0 else is_odd(k - 1)

    def is_odd(k: int) -> bool:
        return False if k == 0 else is_even(k - 1)

    return is_even(n), is_odd(n)


def test_nested_mutual_recursion() -> None:
    r = [nested_mutual(10), nested_mutual(7), nested_mutual(0)]
    print(r)
    assert r == [(True, False), (False, True), (True, False)]


def fib_memo(n: int) -> int:
    memo: dict[int, int] = {}

    def fib(k: int) -> int:
        if k < 2:
            return k
        if k in memo:
            return memo[k]
        r = fib(k - 1) + fib(k - 2)
        memo[k] = r
        return r

    return fib(n)


def test_nested_recursion_with_captured_memo() -> None:
    r = fib_memo(90)
    print(r)
    assert r == 2880067194370816120


def deep_nested(limit: int) -> int:
    def down(k: int) -> int:
        return 0 if k == 0 else 1 + down(k - 1)

    return down(limit)


def test_deep_recursion_raises_recursion_error() -> None:
    ok = deep_nested(200)
    try:
        deep_nested(10**6)
        outcome = "no error"
    except RecursionError as e:
        outcome = "RecursionError"
    print(ok, outcome)
    assert ok == 200 and outcome == "RecursionError"
    # the interpreter is still usable afterwards
    print(deep_nested(300))


# --- closures outliving their function, in containers ------------------------


def make_accumulators() -> dict[str, Callable[..., object]]:
    items: list[int] = []

    def add(x: int) -> int:
        items.append(x)
        return len(items)

    def total() -> int:
        return sum(items)

    def snapshot() -> list[int]:
        return list(items)

    return {"add": add, "total": total, "snapshot": snapshot}


def test_closures_in_dict_after_return() -> None:
    acc = make_accumulators()
    acc["add"](3)
    acc["add"](4)
    n = acc["add"](5)
    r = (n, acc["total"](), acc["snapshot"]())
    print(r)
    assert r == (3, 12, [3, 4, 5])


def make_ops() -> list[Callable[[int], int]]:
    offset = 1
    ops = [lambda x: x + offset, lambda x: x * offset, lambda x: x - offset]
    offset = 3
    return ops


def test_closures_in_list() -> None:
    r = [op(10) for op in make_ops()]
    print(r)
    assert r == [13, 30, 7]


def make_stack() -> tuple[Callable[[object], None], Callable[[], object], Callable[[], int]]:
    data: list[object] = []

    def push(x: object) -> None:
        data.append(x)

    def pop() -> object:
        return data.pop()

    return push, pop, lambda: len(data)


def test_closure_tuple_of_three() -> None:
    push, pop, size = make_stack()
    push(1)
    push("two")
    push(None)
    r = [size(), pop(), pop(), size()]
    print(r)
    assert r == [3, None, "two", 1]
    try:
        pop()
        pop()
    except IndexError as e:
        print("IndexError:", e)


# --- in methods ------------------------------------------------------------------


class Account:
    rate = 2

    def __init__(self, owner: str, balance: int) -> None:
        self.owner = owner
        self.balance = balance

    def apply_all(self, amounts: list[int]) -> list[int]:
        history: list[int] = []

        def apply(a: int) -> None:
            self.balance += a * self.rate
            history.append(self.balance)

        for a in amounts:
            apply(a)
        return history

    def describer(self) -> Callable[[str], str]:
        def describe(prefix: str) -> str:
            return prefix + self.owner + "=" + str(self.balance)

        return describe

    def sorted_by_distance(self, values: list[int]) -> list[int]:
        return sorted(values, key=lambda v: abs(v - self.balance))

    def class_var_not_visible(self) -> str:
        def inner() -> str:
            return rate

        try:
            return inner()
        except NameError as e:
            return "NameError: " + str(e)


rate = "module rate"


def test_closures_capturing_self() -> None:
    acc = Account("ann", 10)
    h = acc.apply_all([1, 2, 3])
    d = acc.describer()
    acc.balance = 5
    print(h, d("acct:"), acc.sorted_by_distance([1, 9, 4, 6, 5]))
    assert h == [12, 16, 22]
    assert d("acct:") == "acct:ann=5"


def test_class_body_is_not_an_enclosing_scope() -> None:
    r = Account("bob", 0).class_var_not_visible()
    print(r)
    assert r == "module rate"


class Tree:
    def __init__(self, value: int, children: list["Tree"]) -> None:
        self.value = value
        self.children = children

    def total_depth_weighted(self) -> int:
        acc = 0

        def walk(t: "Tree", depth: int) -> None:
            nonlocal acc
            acc += t.value * depth
            for c in t.children:
                walk(c, depth + 1)

        walk(self, 1)
        return acc


def test_recursive_helper_in_method() -> None:
    t = Tree(1, [Tree(2, [Tree(4, [])]), Tree(3, [])])
    r = t.total_depth_weighted()
    print(r)
    assert r == 1 + 2 * 2 + 3 * 2 + 4 * 3


class Registry:
    def __init__(self) -> None:
        self.handlers: dict[str, Callable[[int], int]] = {}

    def on(self, name: str) -> Callable[[Callable[[int], int]], Callable[[int], int]]:
        def register(fn: Callable[[int], int]) -> Callable[[int], int]:
            self.handlers[name] = fn
            return fn

        return register

    def fire(self, name: str, v: int) -> int:
        return self.handlers[name](v)


def test_method_returning_decorator_capturing_self() -> None:
    reg = Registry()

    @reg.on("double")
    def d(x: int) -> int:
        return x * 2

    @reg.on("neg")
    def n(x: int) -> int:
        return -x

    r = [reg.fire("double", 4), reg.fire("neg", 4), d(1), sorted(reg.handlers)]
    print(r)
    assert r == [8, -4, 2, ["double", "neg"]]


# --- names --------------------------------------------------------------------


def naming() -> list[Callable[..., object]]:
    def inner() -> None:
        """Inner doc."""

    def level2() -> Callable[..., object]:
        def level3() -> None:
            pass

        return level3

    lam = lambda: None
    return [inner, level2, level2(), lam]


def test_names_and_qualnames() -> None:
    for f in naming():
        print(f.__name__, f.__qualname__, f.__doc__, f.__module__ == __name__)
    inner = naming()[0]
    assert inner.__qualname__ == "naming.<locals>.inner"
    assert inner.__doc__ == "Inner doc."


class Outer:
    def method(self) -> Callable[[], str]:
        def helper() -> str:
            return "h"

        return helper

    @staticmethod
    def static() -> Callable[[], int]:
        return lambda: 1


def test_qualnames_inside_methods() -> None:
    h = Outer().method()
    s = Outer.static()
    print(h.__qualname__, s.__qualname__, h(), s())
    assert h.__qualname__ == "Outer.method.<locals>.helper"
    assert s.__qualname__ == "Outer.static.<locals>.<lambda>"


def fresh_objects() -> list[Callable[[], int]]:
    out = []
    for _ in range(3):
        def f() -> int:
            return 1
        out.append(f)
    return out


def test_each_def_makes_a_new_function() -> None:
    fs = fresh_objects()
    r = [fs[0] is fs[1], fs[1] is fs[2], len({f.__qualname__ for f in fs})]
    print(r)
    assert r == [False, False, 1]


# --- loop and exception variables -----------------------------------------------


def capture_exception_variable() -> list[str]:
    out = []
    saved: list[Callable[[], str]] = []
    try:
        raise ValueError("boom")
    except ValueError as err:
        msg = str(err)
        saved.append(lambda: msg + "!")
        saved.append(lambda: repr(err))
        out.append(saved[1]())
    out.append(saved[0]())
    try:
        saved[1]()
    except NameError as e:
        out.append("NameError: " + str(e))
    return out


def test_capture_exception_variable() -> None:
    r = capture_exception_variable()
    for line in r:
        print(line)
    assert r[0] == "ValueError('boom')" and r[1] == "boom!"
    assert r[2].startswith("NameError: cannot access free variable 'err'")


def capture_for_target_tuple() -> list[str]:
    fs = []
    for k, v in [("a", 1), ("b", 2)]:
        fs.append(lambda: k + str(v))
    k = "z"
    return [f() for f in fs]


def test_capture_tuple_loop_targets() -> None:
    r = capture_for_target_tuple()
    print(r)
    assert r == ["z2", "z2"]


# --- reference cycles -------------------------------------------------------------


class Payload:
    pass


def make_cycle() -> "weakref.ref[Payload]":
    payload = Payload()

    def f() -> object:
        return f, payload

    return weakref.ref(payload)


def test_cycle_through_closure_collected() -> None:
    gc.collect()
    r = make_cycle()
    gc.collect()
    print(r() is None)
    assert r() is None


def make_cycle_via_list() -> "weakref.ref[Payload]":
    payload = Payload()
    holder: list[object] = []

    def g() -> object:
        return holder, payload

    holder.append(g)
    return weakref.ref(payload)


def test_cycle_through_list_and_closure_collected() -> None:
    r = make_cycle_via_list()
    gc.collect()
    print(r() is None)
    assert r() is None


def test_closure_keeps_value_alive() -> None:
    payload = Payload()
    ref = weakref.ref(payload)
    keep = (lambda p: lambda: p)(payload)
    del payload
    gc.collect()
    print(ref() is not None, keep() is ref())
    del keep
    gc.collect()
    print(ref() is None)
    assert ref() is None


def test_refcount_of_captured_not_leaked() -> None:
    obj = Payload()
    before = sys.getrefcount(obj)
    for _ in range(100):
        f = make_adder_obj(obj)
        f()
    del f
    after = sys.getrefcount(obj)
    print(after - before)
    assert after == before


def make_adder_obj(o: object) -> Callable[[], object]:
    return lambda: o


# --- defaults and edge values in cells ------------------------------------------------


def make_defaulted(k: int) -> Callable[..., str]:
    def g(
        a: int,
        flag: bool = True,
        x: float = 0.5,
        n: int = k * 2,
        o: Optional[int] = None,
        s: str = "d" + str(k),
        big: int = 2**70,
    ) -> str:
        return repr((a, flag, x, n, o, s, big, k))

    return g


def test_closure_defaults_of_every_type() -> None:
    g = make_defaulted(3)
    rows = [
        g(1),
        g(1, False),
        g(1, flag=False, o=5),
        g(a=2, x=-1.25, n=-7, s=""),
        g(1, True, 2.0, 4, 8, "s", 3),
        make_defaulted(-1)(0),
    ]
    for row in rows:
        print(row)
    assert rows[0] == "(1, True, 0.5, 6, None, 'd3', 1180591620717411303424, 3)"
    assert rows[5] == "(0, True, 0.5, -2, None, 'd-1', 1180591620717411303424, -1)"


def typed_list_default() -> list[list[int]]:
    def add(v: int, acc: list[int] = []) -> list[int]:
        acc.append(v)
        return acc

    a = add(1)
    b = add(2)
    return [a, b, add(3, [])]


def test_typed_mutable_default_fresh_per_definition() -> None:
    first = typed_list_default()
    second = typed_list_default()
    print(first, second, first[0] is first[1], first[0] is second[0])
    assert first == [[1, 2], [1, 2], [3]] and first[0] is first[1]
    assert first[0] is not second[0]


def edge_ints(n: int) -> list[int]:
    def get() -> int:
        return n

    a = get()
    n = n + 1
    b = get()
    n -= 2
    c = get()
    m = n

    def getm(d: int = n) -> int:
        return m + d - n

    return [a, b, c, getm()]


def test_int_cells_at_machine_word_edges() -> None:
    for v in [2**62 - 1, 2**62, -(2**62) - 1, 2**63 - 1, -(2**63), 2**63, -(2**100), 0]:
        r = edge_ints(v)
        print(v, r)
        assert r == [v, v + 1, v - 1, v - 1]


def float_cell_edges(f: float) -> list[str]:
    g = lambda: f
    out = [repr(g())]

    def neg() -> None:
        nonlocal f
        f = -f

    neg()
    out.append(repr(g()))
    return out


def test_float_cells_keep_special_values() -> None:
    r = [float_cell_edges(v) for v in [0.0, -0.0, float("inf"), float("nan"), 5e-324]]
    print(r)
    assert r[1] == ["-0.0", "0.0"] and r[3] == ["nan", "nan"]


def counter_past_word(start: int) -> list[int]:
    n = start

    def inc() -> int:
        nonlocal n
        n += 1
        return n

    return [inc() for _ in range(4)]


def test_counter_crossing_machine_word_edges() -> None:
    r = [counter_past_word(2**62 - 2), counter_past_word(2**63 - 2), counter_past_word(-(2**63) - 2)]
    print(r)
    assert r[1] == [2**63 - 1, 2**63, 2**63 + 1, 2**63 + 2]


def five_levels() -> list[int]:
    a = 1
    out: list[int] = []

    def l2() -> Callable[[], int]:
        b = 10

        def l3() -> Callable[[], int]:
            nonlocal a
            a += 1
            c = 100

            def l4() -> Callable[[], int]:
                nonlocal b
                b += 1
                return lambda: (lambda: a + b + c)()

            return l4()

        return l3()

    f = l2()
    g = l2()
    out.append(f())
    out.append(g())
    a = 1000
    out.append(f())
    return out + [a]


def test_five_levels_of_nesting() -> None:
    r = five_levels()
    print(r)
    assert r == [114, 114, 1111, 1000]


# --- unannotated code, re-entrant outer calls, typed containers in cells -------------------


def untyped_outer(start, step):  # type: ignore[no-untyped-def]
    total = start

    def advance(times=1):  # type: ignore[no-untyped-def]
        nonlocal total
        for _ in range(times):
            total = total + step
        return total

    def peek():  # type: ignore[no-untyped-def]
        return total

    return advance, peek


def test_unannotated_closures() -> None:
    adv, peek = untyped_outer(1, 2)
    r = [adv(), adv(3), peek()]
    adv_s, peek_s = untyped_outer("a", "b")
    r += [adv_s(2), peek_s()]
    adv_f, _ = untyped_outer(0.5, 0.25)
    r.append(adv_f(2))
    print(r)
    assert r == [3, 9, 9, "abb", "abb", 1.0]


def reentrant(n: int) -> list[int]:
    acc = [n]

    def inner() -> list[int]:
        if n > 0:
            acc.extend(reentrant(n - 1))
        return acc

    return inner()


def make_chain(n: int) -> Callable[[], list[int]]:
    if n == 0:
        return lambda: []
    rest = make_chain(n - 1)
    return lambda: [n] + rest()


def test_each_call_of_the_outer_function_has_its_own_cells() -> None:
    r = [reentrant(4), make_chain(5)()]
    print(r)
    assert r == [[4, 3, 2, 1, 0], [5, 4, 3, 2, 1]]


def typed_list_cell() -> list[int]:
    items: list[int] = [1]

    def add(v: int) -> None:
        items.append(v)

    def replace() -> None:
        nonlocal items
        items = [100]

    add(2)
    first = items[0] + items[-1]
    replace()
    add(3)
    return [first, items[0], items[-1], len(items)]


def dict_counter_cell(words: list[str]) -> dict[str, int]:
    counts: dict[str, int] = {}

    def see(w: str) -> None:
        counts[w] = counts.get(w, 0) + 1

    for w in words:
        see(w)
    return counts


def test_typed_containers_in_cells() -> None:
    r = typed_list_cell()
    d = dict_counter_cell(["a", "b", "a", "c", "a"])
    print(r, sorted(d.items()))
    assert r == [3, 100, 3, 2] and d == {"a": 3, "b": 1, "c": 1}


def static_defaults(n: int = 5, acc: list[int] = []) -> list[int]:
    def inc() -> None:
        nonlocal n, acc
        n += 1
        acc.append(n)
        if len(acc) > 2:
            acc = []

    inc()
    return [n] + acc


class DefaultsInMethod:
    def m(self, n: int = 5, s: str = "x") -> str:
        def inc() -> None:
            nonlocal n, s
            n += 1
            s += "y"

        inc()
        return str(n) + s


def test_captured_parameters_with_defaults() -> None:
    r = [static_defaults(), static_defaults(), static_defaults(), static_defaults(1, [9]), static_defaults()]
    d = DefaultsInMethod()
    r2 = [d.m(), d.m(), d.m(0, "")]
    print(r, r2)
    assert r == [[6, 6], [6, 6, 6], [6], [2, 9, 2], [6]]
    assert r2 == ["6xy", "6xy", "1y"]
