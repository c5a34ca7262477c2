"""A class used from another module (calls through it stay ordinary)."""


class Point:
    def __init__(self, x: float, y: float) -> None:
        self.x = x
        self.y = y

    def norm2(self) -> float:
        return self.x * self.x + self.y * self.y


def make(x: float, y: float) -> Point:
    return Point(x, y)


def norm2(p: Point) -> float:
    return p.norm2()
