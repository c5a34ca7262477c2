import math


class Circle:
    def __init__(self, r: float) -> None:
        self.r = r

    def area(self) -> float:
        return math.pi * self.r * self.r

    def __repr__(self) -> str:
        return f"Circle({self.r})"
