from bp.shapes import Vec


def reads(v: Vec, n: int) -> int:
    s = 0
    for i in range(n):
        s += v.x
    return s


def calls(v: Vec, n: int) -> int:
    s = 0
    for i in range(n):
        s += v.norm1()
    return s


def writes(v: Vec, n: int) -> int:
    for i in range(n):
        v.x = i
    return v.x
