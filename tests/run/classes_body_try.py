"""`try` statements directly in class bodies (except, as, else, finally): run in the
class namespace like the other statements there; `except ... as` unbinds the name
from the namespace, as in CPython."""

import math


class Settings:
    try:
        import tomllib as parser
        HAVE = True
    except ImportError as err:
        parser = None  # type: ignore[assignment]
        HAVE = False
        why = str(err)
    else:
        VERSION = 1
    finally:
        DONE = "yes"

    try:
        RATIO = 1 / 0
    except ZeroDivisionError as e:
        RATIO = math.inf
        MESSAGE = str(e)

    def has(self) -> bool:
        return self.HAVE


class Bare:
    try:
        raise KeyError("k")
    except KeyError:
        LOST = True


def test_try_in_class_body() -> None:
    print(Settings.HAVE, Settings().has(), Settings.DONE, Settings.RATIO, Settings.MESSAGE)
    print(hasattr(Settings, "err"), hasattr(Settings, "e"), getattr(Settings, "VERSION", None))
    print(Bare.LOST, sorted(k for k in vars(Bare) if not k.startswith("__")))




class Nested:
    for i in range(3):
        try:
            if i == 1:
                raise ValueError(i)
        except ValueError as bad:
            CAUGHT = bad.args[0]
        finally:
            LAST = i
    del i


def test_try_in_a_loop_of_a_class_body() -> None:
    print(Nested.CAUGHT, Nested.LAST, hasattr(Nested, "i"), hasattr(Nested, "bad"))
