"""Left out of the build: stays ordinary Python."""


def shout(s: str) -> str:
    return s.upper()


def twice(x: int) -> int:
    return 2 * x


def combine(name: str, *bases: type) -> type:
    return type(name, bases, {})
