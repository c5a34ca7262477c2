"""Optional[C] locals narrowed by `is not None` tests: the narrowed reads must be
right, and every way a narrowed local can become None again (rebinding in a loop,
a walrus in a comprehension, an exception handler, a `for ... else` reached after
`continue`) must be seen, so a None is never read as an instance."""

from typing import List, Optional


class Node:
    def __init__(self, value: int, after: Optional["Node"]) -> None:
        self.value = value
        self.after = after
        self.hits = 0

    def bump(self) -> int:
        self.hits += 1
        return self.hits


def chain(n: int) -> Optional[Node]:
    head: Optional[Node] = None
    for i in range(n):
        head = Node(i, head)
    return head


def total(head: Optional[Node]) -> int:
    s = 0
    cur = head
    while cur is not None:
        s += cur.value
        cur.hits += 1
        cur = cur.after
    return s


def first_value(head: Optional[Node]) -> int:
    if head is None:
        return -1
    head.hits += 1
    return head.value + head.bump()


def both(a: Optional[Node], b: Optional[Node]) -> int:
    if a is not None and b is not None and a.value < b.value:
        return a.value + b.value
    if not (a is None or b is None):
        return a.value - b.value
    return 0


def ternary(a: Optional[Node]) -> int:
    return a.value if a is not None else -7


def truthy(a: Optional[Node]) -> int:
    if a:
        return a.value
    return -1


def rebound_in_loop(head: Optional[Node]) -> List[str]:
    out = []
    cur = head
    if cur is not None:
        for i in range(4):
            try:
                out.append(str(cur.value))  # type: ignore[union-attr]
            except AttributeError as e:
                out.append("AttributeError " + str(e))
            cur = cur.after if cur is not None else None
    return out


def rebound_in_while(head: Optional[Node]) -> List[str]:
    out = []
    cur = head
    if cur is not None:
        n = 0
        while n < 4:
            n += 1
            try:
                out.append(str(cur.value))  # type: ignore[union-attr]
            except AttributeError:
                out.append("None!")
            cur = None
    return out


def none_in_branch(a: Optional[Node], flag: bool) -> str:
    if a is not None:
        if flag:
            a = None
        try:
            return str(a.value)  # type: ignore[union-attr]
        except AttributeError:
            return "AttributeError"
    return "skipped"


# The walrus rebinds `a` on the first iteration: the second reads None.
def walrus_in_comprehension(a: Optional[Node]) -> List[str]:
    if a is None:
        return []
    out: List[str] = []
    try:
        out = [str(a.value) + str(0 if (a := None) is None else 1) for _ in range(2)]  # type: ignore[union-attr]
    except AttributeError:
        out.append("AttributeError")
    return out


def handler_after_check(a: Optional[Node]) -> str:
    try:
        if a is None:
            raise KeyError("none")
        return str(a.value)
    except KeyError:
        try:
            return str(a.value)  # type: ignore[union-attr]
        except AttributeError:
            return "AttributeError in handler"


def for_else_after_continue(a: Optional[Node], b: Optional[Node]) -> str:
    cur = a
    for i in range(3):
        if cur is None:
            continue
        cur = b
    else:
        try:
            return "else " + str(cur.value)  # type: ignore[union-attr]
        except AttributeError:
            return "else AttributeError"
    return "no else"


def break_out(head: Optional[Node]) -> int:
    tail = head
    if tail is None:
        return -1
    while True:
        nxt = tail.after
        if nxt is None:
            break
        tail = nxt
    return tail.value


def deleted(a: Optional[Node]) -> str:
    if a is not None:
        del a
        try:
            return str(a.value)  # type: ignore[misc]  # noqa: F821
        except UnboundLocalError:
            return "UnboundLocalError"
    return "none"


def test_walks() -> None:
    h = chain(5)
    print(total(h), total(None), first_value(h), first_value(None))
    assert total(h) == 10


def test_boolean_combinations() -> None:
    a, b = Node(1, None), Node(5, None)
    print(both(a, b), both(b, a), both(a, None), both(None, b))
    print(ternary(a), ternary(None), truthy(b), truthy(None))


def test_rebinding_is_seen() -> None:
    print(rebound_in_loop(chain(2)))
    print(rebound_in_while(chain(2)))
    print(none_in_branch(Node(3, None), True), none_in_branch(Node(3, None), False))
    print(none_in_branch(None, True))


def test_walrus_and_handlers() -> None:
    print(walrus_in_comprehension(Node(9, None)))
    print(handler_after_check(Node(4, None)), handler_after_check(None))


def test_loops_and_del() -> None:
    print(for_else_after_continue(Node(1, None), None))
    print(for_else_after_continue(None, Node(2, None)))
    print(break_out(chain(4)), break_out(None))
    print(deleted(Node(1, None)), deleted(None))
