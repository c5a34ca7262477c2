"""Classes nested in a class body (at any depth) compile as ordinary classes made
when the outer body runs (their methods compiled), stored in the outer namespace with
CPython's qualified names; zero-argument super() in their methods refers to the
nested class. The same in classes made in functions."""

import pickle
from dataclasses import dataclass
from typing import Any, List


class Tree:
    KIND = "tree"

    class Node:
        """A node."""

        made: List[int] = []

        def __init__(self, v: int) -> None:
            self.v = v
            Tree.Node.made.append(v)

        def double(self) -> int:
            total = 0
            for _ in range(2):
                total += self.v
            return total

        def __repr__(self) -> str:
            return f"Node({self.v})"

    @dataclass
    class Config:
        depth: int = 3
        name: str = "cfg"

    class Sub(Node):
        def double(self) -> int:
            return Tree.Node.double(self) + 1

    class UsesSuper:
        def hello(self) -> str:
            return "super:" + super().__repr__()[:1]

    def __init__(self) -> None:
        self.nodes: List["Tree.Node"] = [Tree.Node(i) for i in range(3)]

    def total(self) -> int:
        return sum(n.double() for n in self.nodes)


class Shelf:
    class Item:
        def __init__(self, name: str) -> None:
            self.name = name

        def label(self) -> str:
            return self.name.upper() + "!"

    def __init__(self) -> None:
        self.items: List["Shelf.Item"] = []

    def add(self, name: str) -> int:
        self.items.append(Shelf.Item(name))
        return len(self.items)


def test_nested_in_native_class() -> None:
    s = Shelf()
    s.add("a")
    print(s.add("bc"), [i.label() for i in s.items], type(s.items[0]).__qualname__)
    print(Shelf.Item.label.__qualname__, Shelf.Item.__module__ == __name__)


def test_nested_compiled() -> None:
    t = Tree()
    print(t.total(), len(Tree.Node.made), Tree.Node.__qualname__, Tree.Node.double.__qualname__)
    print(Tree.Node.__doc__, Tree.Node.__module__ == __name__, repr(Tree.Node(5)))
    print(Tree.Config(), Tree.Config.__qualname__, Tree.Config(4) == Tree.Config(4))
    print(Tree.Sub(4).double(), isinstance(Tree.Sub(1), Tree.Node), Tree.Sub.__qualname__)
    print(Tree.UsesSuper().hello(), Tree.UsesSuper.__qualname__, Tree.UsesSuper.hello.__qualname__)
    n = pickle.loads(pickle.dumps(Tree.Node(8)))
    print(type(n).__qualname__, n.double())
    print(Tree.KIND, hasattr(Tree, "Node"), hasattr(Tree, "v"))


def test_class_body_name_lookup() -> None:
    # A nested class body does not see the outer class's names.
    try:
        class Probe:
            A = 1

            class In:
                B = A  # type: ignore[name-defined]
    except NameError as e:
        print("NameError", e)


class A:
    class B:
        X = 1

        class C:
            def m(self) -> str:
                return type(self).__qualname__

            class D:
                def __init__(self, v: int) -> None:
                    self.v = v

                def double(self) -> int:
                    return self.v * 2

        def mb(self) -> int:
            return 2

        class E(C):
            def m(self) -> str:
                return "E:" + super().m() + ":" + __class__.__name__  # type: ignore[name-defined]


def make() -> Any:
    class Outer:
        class Mid:
            class Inner:
                def m(self) -> str:
                    return "inner"

            class Sub(Inner):
                def m(self) -> str:
                    return super().m() + "+sub"

    return Outer


def test_nested_two_and_three_deep() -> None:
    print(A.B.C().m(), A.B().mb(), A.B.C.D(21).double(), A.B.X)
    print(A.B.C.D.__qualname__, A.B.C.D.__module__ == __name__)
    print(A.B.E().m(), A.B.E.__mro__[1] is A.B.C)
    d = pickle.loads(pickle.dumps(A.B.C.D(5)))
    print(type(d).__qualname__, d.v)


def test_nested_in_function() -> None:
    O = make()
    print(O.Mid.Inner().m(), O.Mid.Sub().m(), O.Mid.Sub.__qualname__)
