"""Hunting narrowing bugs: Optional[C] locals (C a native class) narrowed by
`is not None`, truthiness, `and`/`or`, ternaries and early exits, then made None
again in ways the compiler has to notice (loops with break/continue/else, try
handlers and finally, del, augmented assignment, branches that do or do not fall
through). Every function here is compiled (walrus and `with` cases are in
walrus.py and with_statement.py; lambda, nested def and match make a function
run interpreted). A wrong narrowing would read a
field of None without the type guard: a crash or a wrong value instead of the
AttributeError CPython raises."""

from typing import List, Optional


class Node:
    def __init__(self, value: int, after: Optional["Node"]) -> None:
        self.value = value
        self.after = after
        self.hits = 0

    def bump(self) -> int:
        self.hits += 1
        return self.hits

    def __iadd__(self, k: int) -> Optional["Node"]:
        if k < 0:
            return None
        self.value += k
        return self


class Leaf(Node):
    def __init__(self, value: int) -> None:
        super().__init__(value, None)
        self.extra = value * 10


class Falsy:
    def __init__(self, n: int) -> None:
        self.n = n

    def __bool__(self) -> bool:
        return self.n != 0


def chain(n: int) -> Optional[Node]:
    head: Optional[Node] = None
    for i in range(n):
        head = Node(i, head)
    return head


def describe(e: Exception) -> str:
    return type(e).__name__ + ": " + str(e)


# --- loops -----------------------------------------------------------------


def for_continue_then_rebind(head: Optional[Node]) -> List[str]:
    out: List[str] = []
    cur = head
    for i in range(5):
        if cur is None:
            out.append("none")
            continue
        out.append(str(cur.value))
        cur = cur.after
    return out


def for_break_keeps_narrowed(head: Optional[Node]) -> str:
    cur = head
    if cur is None:
        return "empty"
    for i in range(10):
        if cur.after is None:
            break
        nxt = cur.after
        cur = nxt
    try:
        return "last " + str(cur.value)
    except AttributeError as e:
        return describe(e)


def for_else_after_rebind(a: Optional[Node], n: int) -> str:
    x = a
    if x is None:
        return "none"
    for i in range(n):
        if i == 1:
            x = None
    else:
        try:
            return "else " + str(x.value)  # type: ignore[union-attr]
        except AttributeError as e:
            return "else " + describe(e)
    return "unreachable"


def for_over_list_rebinds(nodes: List[Optional[Node]]) -> List[str]:
    out: List[str] = []
    x = nodes[0] if nodes else None
    if x is not None:
        for x in nodes:
            try:
                out.append(str(x.value))  # type: ignore[union-attr]
            except AttributeError as e:
                out.append(describe(e))
        try:
            out.append("after " + str(x.value))  # type: ignore[union-attr]
        except AttributeError as e:
            out.append("after " + describe(e))
    return out


def while_else(head: Optional[Node]) -> str:
    cur = head
    steps = 0
    while cur is not None and steps < 10:
        steps += 1
        cur = cur.after
    else:
        try:
            return "else " + str(cur.value)  # type: ignore[union-attr]
        except AttributeError as e:
            return "else " + describe(e)
    return "no else"


def while_true_break_on_none(head: Optional[Node]) -> List[str]:
    out: List[str] = []
    cur = head
    while True:
        if cur is None:
            break
        out.append(str(cur.value + cur.bump()))
        cur = cur.after
    try:
        out.append(str(cur.value))  # type: ignore[attr-defined]
    except AttributeError as e:
        out.append(describe(e))
    return out


def nested_loops(a: Optional[Node], b: Optional[Node]) -> List[str]:
    out: List[str] = []
    x = a
    for i in range(3):
        if x is None:
            x = b
            continue
        for j in range(2):
            if j == 1:
                x = None
                break
            out.append(str(i) + ":" + str(x.value))
        try:
            out.append("mid " + str(x.value))  # type: ignore[union-attr]
        except AttributeError as e:
            out.append("mid " + describe(e))
    return out


def range_loop_narrowing(a: Optional[Node], stop: int) -> int:
    t = 0
    x = a
    for i in range(stop):
        if x is not None:
            t += x.value
            if i % 2 == 1:
                x = x.after
        else:
            t += 1000
    return t


# --- try / except / finally -------------------------------------------------


def rebound_in_try(a: Optional[Node]) -> str:
    x = a
    if x is None:
        return "none"
    try:
        x = None
        raise ValueError("boom")
    except ValueError:
        pass
    try:
        return str(x.value)  # type: ignore[union-attr]
    except AttributeError as e:
        return describe(e)


def rebound_in_finally(a: Optional[Node]) -> str:
    x = a
    if x is not None:
        try:
            x.bump()
        finally:
            x = None
        try:
            return str(x.value)  # type: ignore[attr-defined]
        except AttributeError as e:
            return describe(e)
    return "none"


def narrowed_before_try_kept(a: Optional[Node]) -> str:
    if a is None:
        return "none"
    try:
        v = a.value * 2
    except ArithmeticError:
        v = -1
    return str(v + a.bump())


def except_falls_through_after_none(a: Optional[Node]) -> str:
    if a is None:
        try:
            raise KeyError("k")
        except KeyError:
            pass
    try:
        return str(a.value)  # type: ignore[union-attr]
    except AttributeError as e:
        return describe(e)


def try_return_finally(a: Optional[Node]) -> str:
    if a is None:
        try:
            return "returned"
        finally:
            a = Node(-1, None)
    return str(a.value)


def break_in_finally(a: Optional[Node]) -> List[str]:
    out: List[str] = []
    x = a
    for i in range(3):
        if x is None:
            try:
                out.append("none")
            finally:
                x = Node(i, None)
            continue
        out.append(str(x.value))
        x = None
    return out


# --- branches, early exits, boolean operators ------------------------------


def branch_sets_none(a: Optional[Node], flag: bool) -> str:
    if a is None:
        return "none"
    if flag:
        a = None
    else:
        a.bump()
    try:
        return str(a.value)  # type: ignore[union-attr]
    except AttributeError as e:
        return describe(e)


def raise_in_branch(a: Optional[Node]) -> str:
    try:
        return inner_raise(a)
    except LookupError as e:
        return describe(e)


def inner_raise(a: Optional[Node]) -> str:
    if a is None:
        raise LookupError("no node")
    return str(a.value + a.bump())


def elif_chain(a: Optional[Node], b: Optional[Node]) -> str:
    if a is None and b is None:
        return "both none"
    elif a is None:
        return "b " + str(b.value)  # type: ignore[union-attr]
    elif b is None:
        return "a " + str(a.value)
    else:
        return "ab " + str(a.value + b.value)


def or_early_return(a: Optional[Node], b: Optional[Node]) -> int:
    if a is None or b is None:
        return -1
    return a.value * 100 + b.value


def not_and(a: Optional[Node], b: Optional[Node]) -> int:
    if not (a is not None and b is not None):
        return -1
    return a.value - b.value


def and_value(a: Optional[Node]) -> object:
    return a is not None and a.value


def or_value(a: Optional[Node]) -> object:
    return a is None or a.value > 2


def ternary_chain(a: Optional[Node], b: Optional[Node]) -> int:
    return a.value if a is not None else (b.value if b is not None else -1)


def ternary_rebinding_other_branch(a: Optional[Node]) -> str:
    v = a.value if a else 0
    a = None if v > 1 else a
    try:
        return str(a.value)  # type: ignore[union-attr]
    except AttributeError as e:
        return describe(e)


def truthy_falsy_instance(a: Optional[Falsy]) -> str:
    if a:
        return "truthy " + str(a.n)
    if a is not None:
        return "falsy " + str(a.n)
    return "none"


def deleted_in_branch(a: Optional[Node], flag: bool) -> str:
    if a is not None:
        if flag:
            del a
        try:
            return str(a.value)
        except UnboundLocalError:
            return "UnboundLocalError"
    return "none"


def augmented_to_none(a: Optional[Node], k: int) -> str:
    if a is None:
        return "none"
    a += k  # type: ignore[misc]
    try:
        return str(a.value)  # type: ignore[union-attr]
    except AttributeError as e:
        return describe(e)


def subclass_assignment(flag: bool) -> int:
    x: Optional[Node] = None
    if flag:
        x = Leaf(7)
    if x is not None:
        return x.value + x.bump()
    return -1


def assigned_from_narrowed(a: Optional[Node]) -> str:
    b: Optional[Node] = None
    if a is not None:
        b = a
        a = None
        return str(b.value)
    return "none"


def comprehension_reads(a: Optional[Node], n: int) -> List[int]:
    if a is None:
        return []
    return [a.value + i for i in range(n) if a.after is None or i > 0]


def comprehension_shadow(a: Optional[Node]) -> List[str]:
    out: List[str] = []
    if a is not None:
        out = [str(a) for a in [None, None]]
        try:
            out.append(str(a.value))
        except AttributeError as e:
            out.append(describe(e))
    return out


def test_loops() -> None:
    print(for_continue_then_rebind(chain(2)))
    print(for_break_keeps_narrowed(chain(4)), for_break_keeps_narrowed(None))
    print(for_else_after_rebind(Node(1, None), 3), for_else_after_rebind(Node(1, None), 1))
    print(for_else_after_rebind(None, 3))
    print(for_over_list_rebinds([Node(1, None), None, Node(3, None)]))
    print(for_over_list_rebinds([Node(1, None), Node(2, None), None]))
    print(while_else(chain(3)), while_else(None))
    print(while_true_break_on_none(chain(3)))
    print(nested_loops(Node(1, None), Node(2, None)), nested_loops(None, None))
    print(range_loop_narrowing(chain(3), 6), range_loop_narrowing(None, 2))
    assert for_else_after_rebind(Node(1, None), 1) == "else 1"


def test_try() -> None:
    print(rebound_in_try(Node(1, None)), rebound_in_try(None))
    print(rebound_in_finally(Node(2, None)), rebound_in_finally(None))
    print(narrowed_before_try_kept(Node(3, None)), narrowed_before_try_kept(None))
    print(except_falls_through_after_none(None), except_falls_through_after_none(Node(4, None)))
    print(try_return_finally(None), try_return_finally(Node(5, None)))
    print(break_in_finally(None), break_in_finally(Node(9, None)))


def test_branches() -> None:
    print(branch_sets_none(Node(1, None), True), branch_sets_none(Node(1, None), False))
    print(raise_in_branch(None), raise_in_branch(Node(2, None)))
    n1, n2 = Node(1, None), Node(2, None)
    print(elif_chain(None, None), elif_chain(None, n2), elif_chain(n1, None), elif_chain(n1, n2))
    print(or_early_return(n1, n2), or_early_return(None, n2), not_and(n2, n1), not_and(n1, None))
    print(and_value(n2), and_value(None), or_value(None), or_value(n1), or_value(Node(5, None)))
    print(ternary_chain(None, n2), ternary_chain(n1, None), ternary_chain(None, None))
    print(ternary_rebinding_other_branch(Node(5, None)), ternary_rebinding_other_branch(Node(1, None)))
    print(truthy_falsy_instance(Falsy(3)), truthy_falsy_instance(Falsy(0)), truthy_falsy_instance(None))
    print(deleted_in_branch(n1, True), deleted_in_branch(n1, False), deleted_in_branch(None, True))


def test_assignments() -> None:
    print(augmented_to_none(Node(1, None), 2), augmented_to_none(Node(1, None), -1))
    print(subclass_assignment(True), subclass_assignment(False))
    print(assigned_from_narrowed(Node(8, None)), assigned_from_narrowed(None))
    print(comprehension_reads(Node(3, None), 3), comprehension_reads(Node(3, Node(0, None)), 3))
    print(comprehension_shadow(Node(6, None)))


def narrowed_calls(a: Optional[Node]) -> str:
    if a is None:
        return "none"
    return str(a.bump()) + "/" + str(a.bump()) + "/" + str(a.value)


def test_narrowed_python_subclass() -> None:
    class Loud(Node):
        def bump(self) -> int:
            self.hits += 10
            return self.hits

    print(narrowed_calls(Loud(5, None)), narrowed_calls(Leaf(2)), narrowed_calls(None))
    print(subclass_assignment(True), while_true_break_on_none(Loud(3, Leaf(4))))
