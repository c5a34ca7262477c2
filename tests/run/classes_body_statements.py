"""Class bodies that run loops and conditions: their names land in the class
namespace (loop variables included), they see earlier class-level names, and the
methods stay compiled."""

import sys
from typing import Dict, List

_WHITESPACE = "\t\n\x0b\x0c\r "


class Wrapper:
    table: Dict[int, int] = {}
    space = ord(" ")
    for ch in _WHITESPACE:
        table[ord(ch)] = space
    if sys.version_info >= (3, 0):
        mode = "py3"
    else:
        mode = "py2"
    n = 0
    while n < 3:
        n += 1
    squares = [i * i for i in range(4)]
    limit = 10
    limit += 5
    assert limit == 15, "class-level assert"

    def clean(self, text: str) -> str:
        return text.translate(self.table)

    def info(self) -> List[object]:
        return [self.mode, self.n, self.squares, self.limit, Wrapper.ch]


class Flags:
    names = ["a", "b", "c"]
    values: Dict[str, int] = {}
    for i, name in enumerate(names):
        values[name] = 1 << i
    del_later = 1

    def bits(self, key: str) -> int:
        return self.values[key] | 8


def test_class_body_loops() -> None:
    w = Wrapper()
    print(repr(w.clean("a\tb\nc")), w.info(), sorted(Wrapper.table.items())[:2])
    print(Flags.values, Flags.i, Flags.name, Flags().bits("b"))


class Temporaries:
    base = "ab"
    doubled = base * 2
    helper = len(doubled)
    del base, helper

    def get(self) -> str:
        return self.doubled


def test_class_body_del() -> None:
    print(Temporaries().get(), hasattr(Temporaries, "base"), hasattr(Temporaries, "helper"))
    try:
        exec("class Bad:\n    del missing\n")
    except NameError as e:
        print("NameError", e)
