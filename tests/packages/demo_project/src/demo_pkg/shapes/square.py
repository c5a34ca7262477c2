from . import circle
from .circle import Circle
from ..util import text


class Square:
    def __init__(self, side: float) -> None:
        self.side = side

    def area(self) -> float:
        return self.side * self.side

    def label(self) -> str:
        return text.shout(f"square {self.side}")


def total_area(shapes: list[Circle | Square]) -> float:
    total = 0.0
    for s in shapes:
        total += s.area()
    return total


def unit_circle() -> circle.Circle:
    return circle.Circle(1.0)
