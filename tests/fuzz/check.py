"""Randomized differential check: `python3 check.py SRC_DIR COMPILED_DIR [N] [SEED]`.

Calls every function of int_float_ops with the same seeded random arguments in the
interpreted module and in the compiled one and compares results, or exception types and
messages. Exits 1 listing the first differences.
"""

import importlib
import importlib.util
import math
import random
import sys

src_dir, out_dir = sys.argv[1], sys.argv[2]
count = int(sys.argv[3]) if len(sys.argv) > 3 else 20000
seed = int(sys.argv[4]) if len(sys.argv) > 4 else 2026

spec = importlib.util.spec_from_file_location("ops_interpreted", f"{src_dir}/int_float_ops.py")
interp = importlib.util.module_from_spec(spec)
spec.loader.exec_module(interp)
sys.path.insert(0, out_dir)
comp = importlib.import_module("int_float_ops")
assert not comp.__file__.endswith(".py"), "the compiled module was not found"

rng = random.Random(seed)
EDGES = [0, 1, -1, 2, -2, 2**30, -(2**30), 2**31, 2**32 - 1, 2**62 - 1, 2**62, -(2**62),
         -(2**62) - 1, 2**63 - 1, -(2**63), 2**63, 2**64, -(2**64), 10**30, -(10**30)]


def rand_int() -> int:
    if rng.random() < 0.15:
        return rng.choice(EDGES)
    bits = rng.choice([3, 8, 16, 31, 32, 33, 61, 62, 63, 64, 65, 100])
    return rng.randrange(-(2**bits), 2**bits)


def rand_float() -> float:
    r = rng.random()
    if r < 0.1:
        return rng.choice([0.0, -0.0, 1.0, -1.0, 0.5, math.inf, -math.inf, math.nan, 1e308, 5e-324])
    if r < 0.3:
        return float(rand_int())
    return rng.uniform(-1e6, 1e6)


def outcome(f, args):
    try:
        r = f(*args)
    except Exception as e:  # compare the type and the message
        return f"{type(e).__name__}: {e}"
    return repr(r)


names = [n for n in vars(interp) if not n.startswith("_") and callable(getattr(interp, n))]
kinds = {"mixed": "if", "cmp_mixed": "if", "fmod": "ff", "ffloordiv": "ff", "from_float": "ff"}
bad = []
for _ in range(count):
    name = rng.choice(names)
    args = tuple(rand_int() if k == "i" else rand_float() for k in kinds.get(name, "ii"))
    a, b = outcome(getattr(interp, name), args), outcome(getattr(comp, name), args)
    if a != b:
        bad.append(f"{name}{args}: interpreted {a} / compiled {b}")
print(f"{count} random calls, {len(bad)} differences")
for line in bad[:20]:
    print(line)
sys.exit(1 if bad else 0)
