"""Private names (`__x`) in classes: attributes, class-level names, parameters,
__slots__ entries, subclasses with the same private name (each class sees its own),
and the mangled names seen from outside (`obj._C__x`, vars, getattr)."""

from typing import List


class Account:
    __rate = 3
    __slots__ = ("__balance", "owner")

    def __init__(self, owner: str, balance: int) -> None:
        self.owner = owner
        self.__balance = balance

    def deposit(self, amount: int) -> int:
        self.__balance += amount
        return self.__balance

    def interest(self) -> int:
        return self.__balance * Account.__rate // 100

    def scaled(self, __factor: int) -> int:
        return self.__balance * __factor


class Base:
    def __init__(self) -> None:
        self.__secret = "base"

    def base_secret(self) -> str:
        return self.__secret


class Derived(Base):
    def __init__(self) -> None:
        super().__init__()
        self.__secret = "derived"

    def derived_secret(self) -> str:
        return self.__secret

    def both(self) -> List[str]:
        return [self.base_secret(), self.derived_secret()]


class __Hidden:
    def __init__(self) -> None:
        self.__v = 1

    def v(self) -> int:
        return self.__v


class Counter:
    def __init__(self) -> None:
        self.__counts: List[int] = []

    def add(self, n: int) -> int:
        self.__counts.append(n)
        squares = [c * c for c in self.__counts]
        return sum(squares) + self.__counts[0]


class LambdaUser:
    def __init__(self) -> None:
        self.__items = [5, 6]

    def pick(self, k: int) -> int:
        get = lambda __i: self.__items[__i]  # noqa: E731
        return get(k)


def test_attributes_and_class_names() -> None:
    a = Account("ann", 100)
    print(a.deposit(50), a.interest(), a.scaled(2), a.owner)
    print(a._Account__balance, Account._Account__rate)  # type: ignore[attr-defined]
    try:
        print(a.__balance)  # type: ignore[attr-defined]
    except AttributeError as e:
        print("AttributeError", e)
    print(sorted([n for n in dir(Account) if "balance" in n or "rate" in n]))


def test_each_class_sees_its_own() -> None:
    d = Derived()
    print(d.both(), d._Base__secret, d._Derived__secret)  # type: ignore[attr-defined]


def test_underscore_class_name() -> None:
    h = __Hidden()  # noqa: F821
    print(h.v(), h._Hidden__v)  # type: ignore[attr-defined]


def test_comprehension_and_lambda() -> None:
    c = Counter()
    c.add(2)
    print(c.add(3), c._Counter__counts, LambdaUser().pick(1))  # type: ignore[attr-defined]


class Worker:
    def __init__(self, n: int) -> None:
        self.__n = n

    def __step(self, k: int) -> int:
        if k < 0:
            raise ValueError("negative step " + str(k))
        return self.__n + k

    def run(self, k: int) -> int:
        return self.__step(k) * 2

    @staticmethod
    def __twice(x: int) -> int:
        return x * 2

    def twice(self, x: int) -> int:
        return Worker.__twice(x) + self.__twice(x)


def test_private_methods() -> None:
    w = Worker(5)
    print(w.run(3), w.twice(4), w._Worker__step(1))  # type: ignore[attr-defined]
    m = Worker._Worker__step  # type: ignore[attr-defined]
    print(m.__name__, m.__qualname__, hasattr(Worker, "__step"))
    try:
        w.run(-1)
    except ValueError as e:
        tb = e.__traceback__
        names = []
        while tb is not None:
            names.append(tb.tb_frame.f_code.co_name)
            tb = tb.tb_next
        print("ValueError", e, names[-2:])
