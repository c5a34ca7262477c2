"""Left out of the build: stays ordinary Python."""


def shout(s: str) -> str:
    return s.upper()


def twice(x: int) -> int:
    return 2 * x
