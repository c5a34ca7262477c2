"""Micro benchmark: field reads, method calls and field writes on instances of a
native class of another module (bp.shapes.Vec used from bp.loop), in ns per op.

    oxyc build -o together bp                            # one build: direct access
    oxyc build -o apart bp/shapes.py && oxyc build -o apart bp/loop.py bp/__init__.py
    python3 bench.py together; python3 bench.py apart; python3 bench.py .
"""

import sys
import time

sys.path.insert(0, sys.argv[1] if len(sys.argv) > 1 else ".")

from bp.loop import calls, reads, writes  # noqa: E402
from bp.shapes import Vec  # noqa: E402

v = Vec(1, 2)
n = 2_000_000
for f in (reads, calls, writes):
    best = 1e9
    for _ in range(5):
        t = time.perf_counter()
        f(v, n)
        best = min(best, time.perf_counter() - t)
    print(f"{f.__name__:7} {best / n * 1e9:6.2f} ns/op")
