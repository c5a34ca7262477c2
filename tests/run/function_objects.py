"""Compiled functions as objects: attributes, binding as methods, pickling, weakrefs,
and a few things that run interpreted around them (a class, a lambda)."""

import pickle
import weakref


def helper(x: int) -> int:
    """Add one."""
    return x + 1


def describe(obj, suffix):
    return type(obj).__name__ + suffix


def no_doc(a, b=2):
    return a * b


class Holder:
    method = describe

    def __init__(self, n: int) -> None:
        self.n = n

    def bump(self) -> int:
        return helper(self.n)


def test_names_and_docs() -> None:
    print(helper.__name__, helper.__qualname__, helper.__doc__, no_doc.__doc__)
    assert helper.__module__ == __name__
    assert helper.__doc__ == "Add one."


def nul_doc() -> None:
    "before\x00after \u00e9"


def make_nul_closure(k: int):
    def inner() -> int:
        "inner\x00doc"
        return k

    return inner


class WithNulDoc:
    def method(self) -> None:
        "m\x00d"


def test_docs_with_nul() -> None:
    # A docstring is any str: a NUL inside must not cut it short.
    print(repr(nul_doc.__doc__), repr(make_nul_closure(1).__doc__), repr(WithNulDoc.method.__doc__))


def test_writable_attributes() -> None:
    helper.tag = "tagged"  # type: ignore[attr-defined]
    helper.__doc__ = "changed"
    print(helper.tag, helper.__doc__, "tag" in helper.__dict__)  # type: ignore[attr-defined]
    helper.__doc__ = "Add one."
    del helper.tag  # type: ignore[attr-defined]
    print(hasattr(helper, "tag"))


def test_binds_as_method() -> None:
    h = Holder(41)
    print(h.method("!"), Holder.method(3, "?"), h.bump())


def test_pickle_and_weakref() -> None:
    again = pickle.loads(pickle.dumps(helper))
    print(again is helper, again(1))
    r = weakref.ref(no_doc)
    print(r() is no_doc, r()(3))  # type: ignore[misc]


def test_functions_as_values() -> None:
    table = {"inc": helper, "mul": no_doc}
    out = [table["inc"](1), table["mul"](3), table["mul"](3, b=5)]  # type: ignore[call-arg]
    fs = sorted(table.items())
    print(out, [name for name, _ in fs], callable(helper))
    apply = lambda f, v: f(v)
    print(apply(helper, 9), list(map(helper, [1, 2, 3])))


def test_calls_from_interpreted_code_check_arguments() -> None:
    for args, kwargs in (((), {}), ((1, 2, 3), {}), ((), {"c": 1}), ((1,), {"a": 2})):
        try:
            no_doc(*args, **kwargs)
        except TypeError as e:
            print("TypeError:", e)
