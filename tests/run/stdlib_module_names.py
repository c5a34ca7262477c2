"""namedtuple and Enum's functional API called from compiled module code."""

import collections
import enum
import pickle
from collections import namedtuple
from enum import Enum, IntEnum

Point = namedtuple("Point", "x y")
Pair = namedtuple("Pair", ["a", "b"], defaults=[0])
Given = namedtuple("Given", "p q", module="elsewhere")
Color = Enum("Color", "RED GREEN BLUE")
Level = IntEnum("Level", [("LOW", 1), ("HIGH", 2)])
Dotted = collections.namedtuple("Dotted", "k")
Shade = enum.Enum("Shade", "DARK LIGHT")
Named = Enum("Named", names="ONE TWO")


def make_inside() -> object:
    Local = namedtuple("Local", "u v")
    return Local(1, 2)


def test_module_of_classes() -> None:
    print(Point.__module__, Pair.__module__, Given.__module__, Color.__module__, Level.__module__)
    print(type(make_inside()).__module__, Dotted.__module__, Shade.__module__, Named.__module__)


def test_pickle_round_trips() -> None:
    p = pickle.loads(pickle.dumps(Point(1, 2)))
    print(p, p == Point(1, 2), Pair(5))
    print(pickle.loads(pickle.dumps(Color.GREEN)) is Color.GREEN, pickle.loads(pickle.dumps(Level.HIGH)))
    print(repr(Color.RED), Level.LOW + 1)
    print(pickle.loads(pickle.dumps(Dotted(3))), pickle.loads(pickle.dumps(Shade.LIGHT)) is Shade.LIGHT)


def test_lookup_is_not_the_functional_api() -> None:
    print(Color(2), Color["BLUE"], Level(1))


def make_with(fields: str) -> object:
    return namedtuple("Q", fields)


def stand_in(*args: object) -> str:
    return "stand-in got " + repr(args)


def test_a_stand_in_gets_the_call_as_written() -> None:
    import sys

    module = sys.modules[__name__]
    real = module.namedtuple
    module.namedtuple = stand_in  # type: ignore[attr-defined]
    try:
        print(make_with("a b"))
    finally:
        module.namedtuple = real  # type: ignore[attr-defined]
    print(make_with("a b").__module__)  # type: ignore[attr-defined]
