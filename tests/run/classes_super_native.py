"""super() calls in native classes: the direct call for native instances and the
full MRO for Python subclasses that insert classes (multiple inheritance)."""


class Base:
    def __init__(self, n: int) -> None:
        self.n = n

    def name(self, suffix: str = "") -> str:
        return "Base" + suffix

    def total(self) -> int:
        return self.n


class Middle(Base):
    def __init__(self, n: int, k: int) -> None:
        super().__init__(n)
        self.k = k

    def name(self, suffix: str = "") -> str:
        return "Middle>" + super().name(suffix)

    def total(self) -> int:
        return super().total() + self.k


class Leaf(Middle):
    def name(self, suffix: str = "") -> str:
        return "Leaf>" + super().name("!")


def test_native_chain() -> None:
    print(Base(1).name(), Middle(1, 2).name(), Leaf(1, 2).name(), Leaf(3, 4).total())
    assert Leaf(1, 2).name() == "Leaf>Middle>Base!"


def test_python_subclass_with_mixin_in_the_mro() -> None:
    class Mixin(Base):
        def name(self, suffix: str = "") -> str:
            return "Mixin>" + super().name(suffix)

        def total(self) -> int:
            return 100 + super().total()

    class P(Middle, Mixin):
        pass

    p = P(1, 2)
    print(P.__mro__[1].__name__, p.name(), p.total())
    assert p.name() == "Middle>Mixin>Base"
    assert p.total() == 103


def test_python_subclass_overrides_init() -> None:
    class Q(Middle):
        def __init__(self) -> None:
            super().__init__(5, 6)
            self.k += 1

    q = Q()
    print(q.n, q.k, q.total(), q.name())
    assert q.total() == 12
