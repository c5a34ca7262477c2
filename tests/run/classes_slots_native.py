"""Classes with a literal __slots__ compiled as native classes (the slots are the
fields)."""

import pickle, copy


class P:
    __slots__ = ("x", "y")

    def __init__(self, x: int, y: float) -> None:
        self.x: int = x
        self.y: float = y

    def norm(self) -> float:
        return self.x * self.x + self.y * self.y


class Q(P):
    __slots__ = ("z",)

    def __init__(self, x: int, y: float, z: str) -> None:
        super().__init__(x, y)
        self.z = z


def test_slots_native() -> None:
    p = P(3, 4.0)
    print(p.norm(), P.__slots__, Q(1, 2.0, "a").z)
    q = pickle.loads(pickle.dumps(Q(1, 2.0, "s")))
    print(q.x, q.y, q.z, copy.copy(p).x)
    del p.x
    try:
        print(p.x)
    except AttributeError as e:
        print("AttributeError", e)






class Plain:
    def __init__(self, x: int) -> None:
        self.x = x


def test_deleting_an_unset_field() -> None:
    # A slot's error names only the attribute; an instance attribute's names the
    # object too.
    p = P(1, 2.0)
    del p.x
    try:
        del p.x
    except AttributeError as e:
        print(repr(str(e)))
    q = Q(5, 6.0, "w")
    del q.z
    del q.y
    for k in range(2):
        try:
            if k == 0:
                del q.z
            else:
                del q.y
        except AttributeError as e:
            print(repr(str(e)))
    plain = Plain(1)
    del plain.x
    try:
        del plain.x
    except AttributeError as e:
        print(repr(str(e)))
