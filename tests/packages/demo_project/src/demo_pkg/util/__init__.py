from .text import shout, initials

__all__ = ["shout", "initials"]
