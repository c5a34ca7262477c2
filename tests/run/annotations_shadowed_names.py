"""Annotations whose names the module binds to something of its own: `Dict` and
`List` classes of the module (pyparsing's `-> Dict` after `from .core import *`),
`ast.List`. They name those classes, not the builtin or typing types the names
usually spell; `typing.List` and names imported from typing keep their meaning."""

import ast
import typing
import typing as t
from typing import Optional


class Dict:
    def __init__(self, n: int = 0) -> None:
        self.n = n


class List:
    pass


class Tuple(tuple):
    pass


def make(n: int) -> Dict:
    return Dict(n)


def take(x: List) -> str:
    return type(x).__name__


def pair() -> Tuple:
    return Tuple((1, 2))


def count(node: ast.List) -> int:
    return len(node.elts)


def total(xs: typing.List[int], ys: t.Dict[str, int], z: Optional[int] = None) -> int:
    return sum(xs) + sum(ys.values()) + (z or 0)


class Holder:
    Set = Dict

    def keep(self, s: Set) -> str:  # type: ignore[valid-type]
        return type(s).__name__


def local_binding() -> str:
    from ast import List as Set

    node: Set = Set(elts=[], ctx=ast.Load())
    return type(node).__name__


def setup_global() -> None:
    global Optional
    Optional = Dict  # type: ignore[assignment]


def test_names_bound_in_classes_and_functions() -> None:
    print(Holder().keep(Dict(1)), local_binding())


def test_module_classes_named_like_typing_types() -> None:
    d = make(3)
    print(type(d).__name__, d.n, take(List()), pair(), type(pair()).__name__)


def test_dotted_names_of_other_modules() -> None:
    tree = ast.parse("[a, b, c]", mode="eval")
    lst = tree.body
    assert isinstance(lst, ast.List)
    print(count(lst))


def test_typing_names_still_typed() -> None:
    print(total([1, 2], {"a": 3}), total([], {}, 4))
