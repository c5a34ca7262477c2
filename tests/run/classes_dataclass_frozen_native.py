"""Frozen dataclasses compiled as native classes: stores from compiled methods, setattr
and delattr raise FrozenInstanceError; __post_init__ may use object.__setattr__;
hashing, replace, copy and pickle work."""

import copy
import dataclasses
import pickle
from dataclasses import dataclass, field
from typing import List


@dataclass(frozen=True)
class Pt:
    x: int
    y: int = 0
    tags: str = "t"

    def norm1(self) -> int:
        return abs(self.x) + abs(self.y)

    def bad_move(self) -> None:
        self.x += 1  # type: ignore[misc]


@dataclass(frozen=True)
class Pt3(Pt):
    z: int = 0

    def __post_init__(self) -> None:
        object.__setattr__(self, "z", self.z * 2)


def test_frozen() -> None:
    p = Pt(3, -4)
    print(p, p.norm1(), hash(p) == hash(Pt(3, -4)), p == Pt(3, -4))
    for f in [p.bad_move, lambda: setattr(p, "y", 1), lambda: delattr(p, "x")]:
        try:
            f()
        except dataclasses.FrozenInstanceError as e:
            print("FrozenInstanceError", e)
    q = Pt3(1, 2, z=5)
    print(q, q.norm1(), dataclasses.replace(q, x=7))
    print(copy.copy(q), copy.deepcopy(q), pickle.loads(pickle.dumps(q)))
    print({Pt(1): "a"}[Pt(1)])



