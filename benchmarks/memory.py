#!/usr/bin/env python3
"""Bytes per instance of a 3-attribute class (int, float, str): CPython plain,
CPython with __slots__, mypyc (when installed) and oxyc.

    python3 benchmarks/memory.py [--oxyc PATH] [--count N]

For each variant it reports `sys.getsizeof` of one instance and the memory
tracemalloc sees allocated per instance while a million instances are alive
(the instance plus the int and float objects it keeps; the str is shared). A
program, not a test.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent / "memory"
ROOT = HERE.parent.parent

CHILD = r"""
import json, sys, tracemalloc
sys.path.insert(0, sys.argv[1])
import importlib
mod = importlib.import_module(sys.argv[2])
count = int(sys.argv[3])
one = mod.Record(1000, 0.5, "name")
size = sys.getsizeof(one)
name = "shared name"
tracemalloc.start()
before = tracemalloc.get_traced_memory()[0]
items = mod.make(count, name)
after = tracemalloc.get_traced_memory()[0]
tracemalloc.stop()
# The list holding them is not part of an instance.
per = (after - before - sys.getsizeof(items)) / count
print(json.dumps({"getsizeof": size, "traced": per, "file": mod.__file__}))
"""


def run(python: str, directory: Path, module: str, count: int) -> dict:
    r = subprocess.run(
        [python, "-c", CHILD, str(directory), module, str(count)],
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(r.stdout.strip().splitlines()[-1])


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--oxyc", default=str(ROOT / "target" / "release" / "oxyc"))
    ap.add_argument("--count", type=int, default=1_000_000)
    ap.add_argument("--python", default=sys.executable)
    args = ap.parse_args()
    rows = []
    with tempfile.TemporaryDirectory(prefix="oxyc-mem-") as tmp:
        base = Path(tmp)
        for variant, src in [("CPython", "record.py"), ("CPython __slots__", "record_slots.py")]:
            d = base / variant.replace(" ", "_")
            d.mkdir()
            shutil.copy(HERE / src, d / "record.py")
            rows.append((variant, run(args.python, d, "record", args.count)))
        d = base / "oxyc"
        d.mkdir()
        shutil.copy(HERE / "record.py", d / "record.py")
        subprocess.run(
            [args.oxyc, "build", "record.py", "--python", args.python], cwd=d, check=True
        )
        (d / "record.py").unlink()
        rows.append(("oxyc", run(args.python, d, "record", args.count)))
        d = base / "mypyc"
        d.mkdir()
        shutil.copy(HERE / "record.py", d / "record.py")
        built = subprocess.run(
            [args.python, "-m", "mypyc", "record.py"], cwd=d, capture_output=True, text=True
        )
        if built.returncode == 0:
            (d / "record.py").unlink()
            rows.append(("mypyc", run(args.python, d, "record", args.count)))
    print(f"bytes per instance of a 3-attribute class (int, float, str), {args.count} instances")
    print()
    print("| variant | sys.getsizeof | tracemalloc per instance |")
    print("|---|---|---|")
    for name, r in rows:
        print(f"| {name} | {r['getsizeof']} | {r['traced']:.1f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
