"""Code run by the module's body sees a frame of the module, as under the interpreter.

Helpers that name their caller's module read it from the caller's frame; compiled
code calls them from a Python frame of the module while the module is imported.
"""

import dataclasses
import pickle
import sys
import typing
import warnings
from collections import namedtuple
from enum import Enum
from typing import NamedTuple, NewType, TypedDict, TypeVar

T = TypeVar("T")
K = typing.TypeVar("K", int, str)
UserId = NewType("UserId", int)
Row = NamedTuple("Row", [("key", str), ("count", int)])
Movie = TypedDict("Movie", {"title": str, "year": int})
Dynamic = type("Dynamic", (), {"x": 1})

fields = ("a", "b")
Spread = namedtuple("Spread", fields)
Starred = namedtuple(*("Starred", "u v"))
options = {"defaults": [0]}
Keyed = namedtuple("Keyed", "p q", **options)
Colour = Enum(*("Colour", "RED GREEN"))


def make_typevar(name: str) -> object:
    return TypeVar(name)


# Called while the module runs: the helper's caller is this compiled function, whose
# nearest frame is the module's.
Made = make_typevar("Made")
Built = dataclasses.make_dataclass("Built", [("n", int)])


class Holder:
    Inner = namedtuple("Inner", "left right")
    Kind = Enum("Kind", "ONE TWO")
    V = TypeVar("V")


frame_module = sys._getframe().f_globals["__name__"]
frame_has_own_names = "Holder" in sys._getframe().f_locals
with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    warnings.warn("at import", stacklevel=1)
warned_from = [(w.filename.rsplit("/", 1)[-1], w.lineno) for w in caught]
frame_line = sys._getframe().f_lineno


def test_typing_helpers_name_this_module() -> None:
    print(T.__module__ == __name__, K.__module__ == __name__, Made.__module__ == __name__)
    print(repr(UserId) == __name__ + ".UserId", UserId(5))
    print(Row.__module__ == __name__, Row("k", 2))
    print(Movie.__module__ == __name__, Movie(title="t", year=1))


def test_type_call_names_this_module() -> None:
    print(Dynamic.__module__ == __name__, Dynamic().x)
    print(Built.__module__, Built(3))


def test_spread_arguments() -> None:
    print(Spread.__module__ == __name__, Starred.__module__ == __name__, Keyed.__module__ == __name__)
    print(Spread(1, 2), Starred(3, 4), Keyed(5))
    print(Colour.__module__ == __name__, list(Colour))


def test_class_body_calls() -> None:
    print(Holder.Inner.__module__ == __name__, Holder.Kind.__module__ == __name__)
    print(Holder.V.__module__ == __name__, Holder.Inner(1, 2))


def test_pickles() -> None:
    for value in (Spread(1, 2), Starred(3, 4), Keyed(7, 8), Row("r", 9), Colour.GREEN):
        back = pickle.loads(pickle.dumps(value))
        print(back == value, type(back) is type(value))


def test_frame_seen_by_the_body() -> None:
    print(frame_module == __name__, frame_has_own_names, warned_from, frame_line)


def test_body_frame_is_gone_afterwards() -> None:
    module = sys.modules[__name__]
    print("__oxy_module_body__" in vars(module), sorted(k for k in vars(module) if k.startswith("__oxy")))
