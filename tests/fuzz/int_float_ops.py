"""Typed arithmetic kernels, compared on seeded random values by tests/fuzz/check.py
(compiled vs interpreted, including exception types and messages)."""


def add(a: int, b: int) -> int:
    return a + b


def sub(a: int, b: int) -> int:
    return a - b


def mul(a: int, b: int) -> int:
    return a * b


def floordiv(a: int, b: int) -> int:
    return a // b


def mod(a: int, b: int) -> int:
    return a % b


def divmod_(a: int, b: int) -> tuple[int, int]:
    return divmod(a, b)


def truediv(a: int, b: int) -> float:
    return a / b


def shifts(a: int, b: int) -> int:
    return (a << (b % 70)) ^ (a >> (b % 70))


def bits(a: int, b: int) -> int:
    return (a & b) | (a ^ ~b)


def neg_abs(a: int, b: int) -> int:
    return -a + abs(b) - abs(-a)


def compare(a: int, b: int) -> tuple[bool, bool, bool, bool]:
    return (a < b, a <= b, a == b, a > b)


def mixed(a: int, b: float) -> float:
    return a * b - a / (b if b else 1.0) + b // 3.5


def fmod(a: float, b: float) -> float:
    return a % b


def ffloordiv(a: float, b: float) -> float:
    return a // b


def cmp_mixed(a: int, b: float) -> tuple[bool, bool]:
    return (a < b, a == b)


def chain(a: int, b: int) -> int:
    t = 0
    for i in range(3):
        t = t * a + b - i
    return t


def to_float(a: int, b: int) -> float:
    return float(a) + b


def from_float(a: float, b: float) -> int:
    return int(a) + round(b)


def pow_small(a: int, b: int) -> int:
    return a ** 3 + b ** 2
