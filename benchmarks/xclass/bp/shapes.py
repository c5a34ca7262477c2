class Vec:
    def __init__(self, x: int, y: int) -> None:
        self.x = x
        self.y = y

    def dot(self, o: "Vec") -> int:
        return self.x * o.x + self.y * o.y

    def norm1(self) -> int:
        return self.x + self.y
