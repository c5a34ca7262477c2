"""Attributes set from outside on `geom`'s native instances: a value left in the
instance `__dict__` for an unset field, an attribute hiding a method, and `vars()`
of an instance whose class combines native classes of two modules (made by
`plain`, which is not compiled: a module that combines its own classes keeps them
ordinary)."""

import builtins
import operator
from typing import Any, Callable

from xpkg import plain
from xpkg.geom import Point

# (Through these the module reaches instance dicts as other code would: naming
# `__dict__` or setting undeclared attributes itself would keep its classes ordinary.)
dict_of: Callable[[Any], dict[str, Any]] = operator.attrgetter("__di" + "ct__")


class Marker:
    """No fields: a native class that mixes with geom's classes."""

    def mark(self) -> str:
        return "marked " + type(self).__name__


def x_of(p: Point) -> int:
    return p.x


def label_of(p: Point) -> str:
    return p.label()


def test_value_left_for_an_unset_field() -> None:
    # (As pickle leaves the state of an instance pickled by geom run interpreted.)
    p = Point(1, 2)
    builtins.delattr(p, "x")
    dict_of(p)["x"] = 7
    print(x_of(p), p.x, p.norm1())


def test_attribute_hides_a_method() -> None:
    p = Point(1, 2)
    builtins.setattr(p, "label", lambda: "mine")
    print(label_of(p))
    builtins.delattr(p, "label")
    print(label_of(p))


def test_classes_of_two_modules_combined() -> None:
    both = plain.combine("Both", Marker, Point)
    b = both(3, 4)
    builtins.setattr(b, "extra", 5)
    print(b.mark(), sorted(dict_of(b).items()))
    builtins.setattr(b, "__dict__", {"x": 8, "y": 9})
    print(b.x, b.y, hasattr(b, "extra"), x_of(b))
