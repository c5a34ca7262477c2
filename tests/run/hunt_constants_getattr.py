"""Hunting bugs in two of today's features.

1. Module int constants (names bound once at module level to an int literal),
   read by compiled code as immediates while the module dict is unchanged, and
   rebound from outside (globals()[...] = and del, which change the module dict
   like setattr on the module does; setattr() itself would keep the classes
   below ordinary) to other
   ints, big ints and bools, between two reads of one expression, inside loops.
   (Rebinding an int constant to a float or str makes compiled readers raise
   TypeError by design, so that is not tested here.)
2. __getattr__ on native classes: unset fields (never assigned, or deleted) read
   by compiled methods when the class (or a native relative) defines __getattr__
   that returns values, sets the field, raises AttributeError or another error.
   Answers keep the field's annotated type (a mismatch is a deliberate TypeError)."""

from typing import Any, List, Optional

LIMIT = 4
STEP = 5
NEG = -3
POS = +7
HEXV = 0x1F
UNDERSCORED = 1_000
MAXS = 4611686018427387903
MINS = -4611686018427387904
BIGLIT = 123456789012345678901234567890
ANNOT: int = 12
FLAG = True


def mod_set(name: str, v: object) -> int:
    # (setattr() with a computed name would keep every class ordinary.)
    globals()[name] = v
    return 0


def step_twice() -> int:
    # CPython reads STEP, calls mod_set, then reads STEP again.
    return STEP + mod_set("STEP", 100) + STEP


def while_limit() -> List[int]:
    out: List[int] = []
    i = 0
    while i < LIMIT:
        out.append(i)
        i += 1
        if i == 2:
            mod_set("LIMIT", 6)
    return out


def literal_forms() -> List[int]:
    return [NEG, POS, HEXV, UNDERSCORED, ANNOT, MAXS + 1, MINS - 1, -MINS, MAXS * 2, BIGLIT + 1]


def read_step() -> int:
    return STEP * 2 + 1


def read_flag_sum() -> int:
    return FLAG + STEP


def shadowed(STEP: int) -> int:
    return STEP + LIMIT


def local_shadow() -> int:
    LIMIT = 100
    return LIMIT + NEG


def global_read_only() -> int:
    global LIMIT
    return LIMIT * 10


def default_arg(n: int = LIMIT) -> int:
    return n


def sum_steps(n: int) -> int:
    t = 0
    for i in range(n):
        t += STEP + NEG
    return t


def set_via_globals(v: int) -> int:
    globals()["STEP"] = v
    return read_step()


class UsesConst:
    LIMIT = 20
    DOUBLE = LIMIT * 2
    FROM_GLOBAL = [LIMIT for _ in range(2)]
    OUTER = STEP * 3

    def method(self) -> int:
        return LIMIT + self.LIMIT


def test_constants_read_in_order() -> None:
    print(step_twice())
    mod_set("STEP", 5)
    print(while_limit())
    mod_set("LIMIT", 4)
    print(literal_forms())
    print(shadowed(1), local_shadow(), global_read_only(), default_arg(), default_arg(2))
    print(UsesConst.DOUBLE, UsesConst.FROM_GLOBAL, UsesConst.OUTER, UsesConst().method())
    assert step_twice() == 105
    mod_set("STEP", 5)


def test_constants_rebound_to_other_ints() -> None:
    print(read_step(), read_flag_sum())
    for v in [True, False, 10**25, -(10**25), 2**62, 2**62 - 1, -(2**62), -(2**62) - 1, 2**63, 0]:
        mod_set("STEP", v)
        print(read_step(), sum_steps(2), read_flag_sum())
    mod_set("STEP", 5)
    mod_set("FLAG", False)
    print(read_flag_sum())
    mod_set("FLAG", True)
    mod_set("STEP", 6)
    print(read_step(), sum_steps(1))
    mod_set("STEP", 5)
    mod_set("BIGLIT", 7)
    print(literal_forms()[-1])
    mod_set("BIGLIT", 123456789012345678901234567890)
    print(literal_forms()[-1])


def test_constants_globals_and_del() -> None:
    print(set_via_globals(9), read_step())
    del globals()["STEP"]
    try:
        read_step()
    except NameError as e:
        print("NameError", e)
    try:
        sum_steps(1)
    except NameError as e:
        print("NameError", e)
    globals()["STEP"] = 5
    print(read_step(), sum_steps(3))
    del globals()["NEG"]
    try:
        literal_forms()
    except NameError as e:
        print("NameError", e)
    mod_set("NEG", -3)
    # Many unrelated changes to the module dict, then the constants again.
    for i in range(300):
        mod_set("SCRATCH_" + str(i % 7), i)
        assert read_step() == 11
    print(read_step(), literal_forms()[0])


def early() -> int:
    return LIMIT + LATE + COND


IMPORT_LOG: List[str] = []
try:
    early()
except NameError as e:
    IMPORT_LOG.append("NameError " + str(e))
LATE = 50
if len(IMPORT_LOG) == 1:
    COND = 100
IMPORT_LOG.append(str(early()))


def test_constants_bound_after_first_read() -> None:
    print(IMPORT_LOG, early())
    mod_set("COND", 7)
    print(early())
    mod_set("COND", 100)


# --- __getattr__ on native classes ------------------------------------------


class Memo:
    n: int
    f: float
    b: bool
    s: str
    calls: int

    def __init__(self) -> None:
        self.calls = 0

    def __getattr__(self, name: str) -> Any:
        self.calls += 1
        if name == "n":
            self.n = 41
            return 40
        if name == "f":
            return 1.5
        if name == "b":
            return True
        if name == "s":
            raise AttributeError("custom s")
        raise AttributeError(name)

    def read_n(self) -> int:
        return self.n

    def read_f(self) -> float:
        return self.f * 2

    def read_b(self) -> bool:
        return not self.b

    def read_s(self) -> str:
        return self.s


class Base:
    v: int

    def __init__(self) -> None:
        pass

    def get_v(self) -> int:
        return self.v


class Sub(Base):
    def __getattr__(self, name: str) -> Any:
        if name == "v":
            return 99
        raise AttributeError(name)


class Raiser:
    w: int

    def __getattr__(self, name: str) -> Any:
        raise KeyError(name)

    def get_w(self) -> int:
        return self.w


def _module_getattr(self: Any, name: str) -> Any:
    if name == "x":
        return 5
    raise AttributeError(name)


class Assigned:
    x: int
    __getattr__ = _module_getattr

    def get(self) -> int:
        return self.x


class HookBase:
    def __getattr__(self, name: str) -> Any:
        if name.startswith("f"):
            return 2.5
        if name.startswith("b"):
            return True
        if name.startswith("o"):
            return None
        return 7


class HookSub(HookBase):
    n: int
    fl: float
    bo: bool
    opt: Optional["HookSub"]

    def read_all(self) -> str:
        return str(self.n) + " " + str(self.fl) + " " + str(self.bo) + " " + str(self.opt)

    def reset(self) -> None:
        del self.n
        del self.fl


class Counter:
    k: int

    def __init__(self, k: int) -> None:
        self.k = k


class Cache:
    total: int
    src: Counter

    def __init__(self, src: Counter) -> None:
        self.src = src

    def __getattr__(self, name: str) -> Any:
        if name == "total":
            self.total = self.src.k * 2
            return self.total
        raise AttributeError(name)

    def get(self) -> int:
        return self.total + self.src.k


def sum_n(xs: List[Memo]) -> int:
    t = 0
    for x in xs:
        t += x.read_n()
    return t


def test_getattr_answers() -> None:
    m = Memo()
    print(m.read_n(), m.read_n(), m.calls)
    print(m.read_f(), m.read_b(), m.calls)
    try:
        m.read_s()
    except AttributeError as e:
        print("AttributeError", e)
    print(hasattr(m, "s"), getattr(m, "s", "dflt"), m.calls)
    del m.n
    print(sum_n([m, Memo()]), m.n)


def test_getattr_relatives_and_errors() -> None:
    s = Sub()
    print(s.get_v(), s.v)
    b = Base()
    try:
        b.get_v()
    except AttributeError as e:
        print("AttributeError", e)
    r = Raiser()
    try:
        r.get_w()
    except KeyError as e:
        print("KeyError", e)
    a = Assigned()
    print(a.x, a.get())


def test_getattr_field_types() -> None:
    h = HookSub()
    print(h.read_all(), h.n, h.fl, h.bo, h.opt)
    h.n, h.fl, h.bo, h.opt = 1, 0.5, False, h
    print(h.n, h.fl, h.bo, h.opt is h)
    h.reset()
    print(h.read_all().split()[:3])


def test_getattr_memoizes() -> None:
    c = Cache(Counter(4))
    print(c.get(), c.total)
    c.src.k = 10
    print(c.get())
    del c.total
    print(c.get(), c.total)


# The recursion, use-after-free and shared-slot hazards found here (unset-field reads
# reaching __getattr__) are fixed; tests/run/classes_getattr_hazards.py runs them.
