"""The walrus operator `:=`: in conditions (if/elif/while, chained and boolean
operators), comprehensions (binding in the enclosing function, nested ones,
no iteration at all), calls, displays, f-strings, subscripts, returns,
asserts and `with` items; evaluation order with the variable read in the same
expression; typed (unboxed) targets; globals; narrowing of Optional natives."""

import re
from typing import Iterator, Optional

COUNTER = 0


def bump() -> int:
    global COUNTER
    COUNTER += 1
    return COUNTER


def in_if(s: str) -> str:
    if (n := len(s)) > 3:
        return "long %d" % n
    elif (m := n * 2) > 3:
        return "medium %d %d" % (n, m)
    return "short %d %d" % (n, m)


def test_in_if_and_elif() -> None:
    r = [in_if(s) for s in ["abcdef", "ab", "a"]]
    print(r)
    assert r == ["long 6", "medium 2 4", "short 1 2"]


def in_while(data: list[int]) -> list[int]:
    it = iter(data)
    out = []
    while (x := next(it, -1)) >= 0:
        out.append(x * 10)
    out.append(x)
    return out


def test_in_while_condition() -> None:
    r = in_while([1, 2, 3])
    print(r)
    assert r == [10, 20, 30, -1]


def chunks(data: str, size: int) -> list[str]:
    pos = 0
    out = []
    while chunk := data[pos : pos + size]:
        out.append(chunk)
        pos += size
    return out


def test_while_truthiness() -> None:
    r = chunks("abcdefgh", 3)
    print(r)
    assert r == ["abc", "def", "gh"]


def in_comprehension_condition(xs: list[int]) -> tuple[list[int], int]:
    ys = [y for x in xs if (y := x * x) % 2 == 1]
    return ys, y


def test_in_comprehension_condition() -> None:
    r = in_comprehension_condition([1, 2, 3, 4])
    print(r)
    assert r == ([1, 9], 16)


def running_total(xs: list[int]) -> tuple[list[int], int]:
    total = 0
    sums = [total := total + x for x in xs]
    return sums, total


def test_running_total_in_element() -> None:
    r = running_total([1, 2, 3, 4])
    print(r)
    assert r == ([1, 3, 6, 10], 10)


def nested_comprehension(rows: list[list[int]]) -> tuple[list[list[int]], int, int]:
    out = [[(last := v) + (row_len := len(row)) for v in row] for row in rows]
    return out, last, row_len


def test_nested_comprehension_binds_in_function() -> None:
    r = nested_comprehension([[1, 2], [3, 4, 5]])
    print(r)
    assert r == ([[3, 4], [6, 7, 8]], 5, 3)


def dict_and_set_comprehensions(words: list[str]) -> tuple[dict[str, int], set[str], str]:
    d = {w: (n := len(w)) for w in words}
    s = {(k := w[0]) for w in words}
    return d, s, "%s %d" % (k, n)


def test_dict_and_set_comprehensions() -> None:
    d, s, last = dict_and_set_comprehensions(["ab", "cde", "f"])
    print(d, sorted(s), last)
    assert d == {"ab": 2, "cde": 3, "f": 1} and last == "f 1"


def never_iterates(xs: list[int]) -> str:
    [(y := x) for x in xs]
    try:
        return "bound %d" % y
    except UnboundLocalError:
        return "unbound"


def test_comprehension_without_iterations_leaves_it_unbound() -> None:
    r = (never_iterates([]), never_iterates([7]))
    print(r)
    assert r == ("unbound", "bound 7")


def any_with_witness(xs: list[int]) -> str:
    if any([(witness := x) < 0 for x in xs]):
        return "negative found, last checked %d" % witness
    return "none"


def test_any_with_witness() -> None:
    r = [any_with_witness([1, -2, 3]), any_with_witness([1, 2])]
    print(r)
    assert r == ["negative found, last checked 3", "none"]


class Filter:
    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.last = 0

    def keep(self, xs: list[int]) -> list[int]:
        out = [v for x in xs if (v := x * 2) > self.limit]
        self.last = v
        return out


def test_walrus_in_a_method() -> None:
    f = Filter(3)
    r = f.keep([1, 5, 2, 8])
    print(r, f.last)
    assert r == [10, 4, 16] and f.last == 16


def order_of_evaluation() -> list[object]:
    x = 1
    a = [x, (x := 2), x]
    y = 10
    b = y + (y := 5) + y
    z = 3
    c = (z, z := z * 2, z)
    return [a, b, c]


def test_reads_before_the_walrus_see_the_old_value() -> None:
    r = order_of_evaluation()
    print(r)
    assert r == [[1, 2, 2], 20, (3, 6, 6)]


def pair(a: int, b: int) -> str:
    return "%d,%d" % (a, b)


def call_arguments() -> str:
    n = 4
    return pair(n, (n := n + 1)) + " " + pair((n := n * 10), n)


def test_call_arguments() -> None:
    r = call_arguments()
    print(r)
    assert r == "4,5 50,50"


def typed_targets(limit: int) -> tuple[int, float, bool]:
    total: int = 0
    avg: float = 0.0
    flag: bool = False
    for i in range(limit):
        if (total := total + i) > 5:
            flag = True
        avg = (avg := avg + 0.5) * 1.0
    return total, avg, flag


def test_typed_unboxed_targets() -> None:
    r = typed_targets(5)
    print(r)
    assert r == (10, 2.5, True)


def big_ints() -> int:
    x = 1
    while (x := x * 1000) < 10**40:
        pass
    return x


def test_big_ints() -> None:
    r = big_ints()
    print(r)
    assert r == 10**42


def short_circuit(a: int) -> str:
    b = -1
    c = -1
    if (b := a) or (c := 99):
        pass
    return "%d %d" % (b, c)


def test_short_circuit_skips_the_walrus() -> None:
    r = [short_circuit(0), short_circuit(3)]
    print(r)
    assert r == ["0 99", "3 -1"]


def chained_comparison(v: int) -> str:
    if 0 < (n := v * 2) < 10:
        return "in %d" % n
    return "out %d" % n


def test_chained_comparison() -> None:
    r = [chained_comparison(v) for v in [-1, 2, 7]]
    print(r)
    assert r == ["out -2", "in 4", "out 14"]


def ternary(v: int) -> str:
    return "big %d" % w if (w := v * 3) > 10 else "small %d" % w


def test_ternary() -> None:
    r = [ternary(1), ternary(5)]
    print(r)
    assert r == ["small 3", "big 15"]


def in_return_and_fstring(v: int) -> tuple[str, int]:
    s = f"{(doubled := v * 2)} and {doubled + 1}"
    return s, (result := doubled * 10) + result


def test_in_fstring_and_return() -> None:
    r = in_return_and_fstring(4)
    print(r)
    assert r == ("8 and 9", 160)


def in_subscripts(xs: list[int]) -> tuple[int, int, list[int]]:
    v = xs[(i := len(xs) - 1)]
    xs[(j := 0)] = 99
    return v, i + j, xs


def test_in_subscripts_and_store_targets() -> None:
    r = in_subscripts([1, 2, 3])
    print(r)
    assert r == (3, 2, [99, 2, 3])


def in_displays() -> tuple[list[int], dict[str, int], tuple[int, int]]:
    lst = [(a := 1), a + 1, (a := a + 10)]
    d = {"k": (b := 7), "j": b}
    t = ((c := 2), c * c)
    return lst, d, t


def test_in_displays() -> None:
    r = in_displays()
    print(r)
    assert r == ([1, 2, 11], {"k": 7, "j": 7}, (2, 4))


def in_assert(v: int) -> int:
    assert (w := v + 1) > 0, "w=%d" % w
    return w


def test_in_assert() -> None:
    r = in_assert(3)
    print(r)
    assert r == 4


def for_iterable() -> tuple[int, list[int]]:
    total = 0
    for x in (xs := [3, 4, 5]):
        total += x
    return total, xs


def test_in_for_iterable() -> None:
    r = for_iterable()
    print(r)
    assert r == (12, [3, 4, 5])


def rebind_parameter(n: int) -> int:
    if (n := n - 1) > 0:
        return n * 100
    return n


def test_rebinds_a_parameter() -> None:
    r = [rebind_parameter(1), rebind_parameter(5)]
    print(r)
    assert r == [0, 400]


def changes_type(flag: bool) -> str:
    v: object = 0
    if flag:
        if (v := "text"):
            pass
    else:
        if (v := 3.5):
            pass
    return repr(v)


def test_target_of_several_types() -> None:
    r = [changes_type(True), changes_type(False)]
    print(r)
    assert r == ["'text'", "3.5"]


def in_try(s: str) -> str:
    try:
        n = int(t := s.strip())
        return "parsed %d from %r" % (n, t)
    except ValueError:
        return "failed on %r" % t


def test_in_try_and_handler() -> None:
    r = [in_try(" 12 "), in_try(" x ")]
    print(r)
    assert r == ["parsed 12 from '12'", "failed on 'x'"]


def regex_match(lines: list[str]) -> list[str]:
    out = []
    pat = re.compile(r"(\w+)=(\d+)")
    for line in lines:
        if (m := pat.match(line)) is not None:
            out.append(m.group(1) + ":" + m.group(2))
        elif (m2 := re.search(r"\d", line)) is not None:
            out.append("digit " + m2.group(0))
    return out


def test_regex_match() -> None:
    r = regex_match(["a=1", "zz", "b=22", "no 5 here"])
    print(r)
    assert r == ["a:1", "b:22", "digit 5"]


def global_target() -> int:
    global COUNTER
    if (COUNTER := 40) > 0:
        COUNTER += 1
    return COUNTER


def test_global_target() -> None:
    r = global_target()
    print(r, COUNTER)
    assert r == 41 and COUNTER == 41


def global_in_comprehension(xs: list[int]) -> int:
    global COUNTER
    [COUNTER := COUNTER + x for x in xs]
    return COUNTER


def test_global_in_comprehension() -> None:
    global COUNTER
    COUNTER = 0
    r = global_in_comprehension([1, 2, 3])
    print(r, COUNTER)
    assert r == 6 and COUNTER == 6


def gen() -> Iterator[int]:
    yield 1
    yield 2


def over_iterator_results() -> list[int]:
    it = gen()
    out = []
    while (v := next(it, None)) is not None:
        out.append(v)
    return out


def test_iterator_until_none() -> None:
    r = over_iterator_results()
    print(r)
    assert r == [1, 2]


def side_effects_once() -> tuple[int, int]:
    global COUNTER
    COUNTER = 0
    if (v := bump()) and v == 1:
        pass
    return v, COUNTER


def test_value_computed_once() -> None:
    r = side_effects_once()
    print(r)
    assert r == (1, 1)


# ---- narrowing of Optional native instances ----


class Node:
    def __init__(self, value: int, next: "Optional[Node]") -> None:
        self.value = value
        self.next = next


def walk(head: Optional[Node]) -> list[int]:
    out = []
    node = head
    while (n := node) is not None:
        out.append(n.value)
        node = n.next
    return out


def test_walk_linked_list() -> None:
    r = walk(Node(1, Node(2, Node(3, None))))
    print(r, walk(None))
    assert r == [1, 2, 3]


def second(head: Optional[Node]) -> int:
    if head is not None and (nxt := head.next) is not None:
        return nxt.value
    return -1


def test_and_chain_narrowing() -> None:
    r = [second(Node(1, Node(2, None))), second(Node(1, None)), second(None)]
    print(r)
    assert r == [2, -1, -1]


def rebound_in_and(n: Optional[Node]) -> str:
    if n is not None and ((n := None) is None or True):
        try:
            return str(n.value)  # type: ignore[union-attr]
        except AttributeError as e:
            return "AttributeError: " + str(e)
    return "skipped"


def test_walrus_rebinding_a_tested_name() -> None:
    r = rebound_in_and(Node(5, None))
    print(r)
    assert r == "AttributeError: 'NoneType' object has no attribute 'value'"


def truthy_walrus(head: Optional[Node]) -> int:
    if node := head:
        return node.value
    return 0


def test_truthy_walrus() -> None:
    r = [truthy_walrus(Node(8, None)), truthy_walrus(None)]
    print(r)
    assert r == [8, 0]


def walrus_then_rebind_in_comprehension(a: Optional[Node]) -> list[str]:
    if a is None:
        return []
    return [str(a.value) if a is not None else "gone" for _ in range(2) if (a := None) is None or True]


def test_comprehension_rebinds_narrowed_name() -> None:
    r = walrus_then_rebind_in_comprehension(Node(9, None))
    print(r)
    assert r == ["gone", "gone"]


# ---- module level ----

if (MODULE_N := len("four")) == 4:
    MODULE_SQUARES = [(MODULE_LAST := i * i) for i in range(MODULE_N)]


def test_module_level() -> None:
    print(MODULE_N, MODULE_SQUARES, MODULE_LAST)
    assert (MODULE_N, MODULE_LAST) == (4, 9)
