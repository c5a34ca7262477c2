"""Generic[T] classes compiled as native classes: subscripting, __parameters__,
__orig_bases__, pickling."""

from typing import Generic, TypeVar, Optional

T = TypeVar("T")


class Stack(Generic[T]):
    def __init__(self) -> None:
        self.items: list = []
        self.size: int = 0

    def push(self, x: T) -> None:
        self.items.append(x)
        self.size += 1

    def pop(self) -> T:
        self.size -= 1
        return self.items.pop()


class Node(Generic[T]):
    def __init__(self, value: T, nxt: "Optional[Node[T]]" = None) -> None:
        self.value = value
        self.nxt = nxt


def test_generic() -> None:
    s: Stack[int] = Stack()
    for i in range(5):
        s.push(i)
    print(s.pop(), s.size, Stack[int], Stack.__parameters__, Stack.__orig_bases__)  # type: ignore[attr-defined]
    n = Node(1, Node(2))
    print(n.value, n.nxt.value if n.nxt else None, isinstance(s, Stack), type(s).__name__)
    import pickle
    print(pickle.loads(pickle.dumps(n)).nxt.value)



