from .circle import Circle
from .square import Square, total_area

__all__ = ["Circle", "Square", "total_area"]
