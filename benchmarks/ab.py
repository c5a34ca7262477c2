#!/usr/bin/env python3
"""Compare two oxyc builds on the benchmarks: is a change faster, slower, or neither?

    python3 benchmarks/ab.py OLD_OXYC NEW_OXYC [--only a,b] [--runs N]

Builds every benchmark with both compilers, then times them the way run.py does
(a fresh interpreter per timing, the fastest of repeated bench() calls within
--budget seconds), interleaving old and new so that the host's drift hits both
alike, and prints per benchmark the median of each and new/old. Results must
agree between the two builds.

Use it before committing any change to generated C or the runtime, even one that
"changes nothing": a reordering of two tests in a hot path has cost 11% before.
On a shared host, differences under about 2% are noise; repeat with more --runs
before believing one.

This is a program, not a test: it is not part of any test suite.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
from pathlib import Path

from run import Cell, discover, find_oxyc, log, prepare_oxyc, python_info, time_once


def main() -> int:
    ap = argparse.ArgumentParser(
        description="Time the benchmarks compiled by two oxyc binaries, interleaved."
    )
    ap.add_argument("old", help="the baseline oxyc binary")
    ap.add_argument("new", help="the oxyc binary to compare with it")
    ap.add_argument("--only", help="comma-separated benchmark names (default: all)")
    ap.add_argument("--runs", type=int, default=5, help="interleaved runs (default 5)")
    ap.add_argument(
        "--budget",
        type=float,
        default=1.0,
        help="seconds of repeated bench() calls per process; the fastest counts (default 1.0)",
    )
    ap.add_argument("--calls", type=int, default=10, help="at most this many calls per process")
    ap.add_argument("--timeout", type=float, default=600.0, help="seconds for one timed process")
    args = ap.parse_args()
    if args.runs < 1:
        ap.error("--runs must be at least 1")

    python = shutil.which("python3") or sys.executable
    ext_suffix, py_version = python_info(python)
    names = discover(args.only)
    binaries = {}
    for label, given in (("old", args.old), ("new", args.new)):
        found = find_oxyc(given)
        if found is None:
            ap.error(f"{label}: {given}: no such file or command")
        binaries[label] = found

    tmp = Path(tempfile.mkdtemp(prefix="oxyc-ab-"))
    cells: dict[tuple[str, str], Cell] = {}
    try:
        log(f"python: {python} ({py_version}); old: {binaries['old']}; new: {binaries['new']}")
        for name in names:
            for label, oxyc in binaries.items():
                cell = prepare_oxyc(name, tmp / label, oxyc, ext_suffix, [])
                if not cell.usable:
                    log(f"{name}: the {label} build failed:\n{cell.note}")
                    return 1
                cells[(name, label)] = cell
        for run in range(args.runs):
            log(f"run {run + 1}/{args.runs}")
            for name in names:
                for label in binaries:
                    cell = cells[(name, label)]
                    r = time_once(
                        python, cell, name, "oxyc", args.timeout, args.budget, args.calls
                    )
                    cell.seconds.append(r["seconds"])
                    cell.results.append(r["result"])
        width = max(len(n) for n in names)
        print(f"{'benchmark':<{width}}  {'old ms':>9}  {'new ms':>9}  new/old")
        mismatch = False
        for name in names:
            old, new = cells[(name, "old")], cells[(name, "new")]
            if len(set(old.results) | set(new.results)) != 1:
                mismatch = True
                print(f"{name:<{width}}  results differ: {sorted(set(old.results + new.results))}")
                continue
            mo, mn = statistics.median(old.seconds), statistics.median(new.seconds)
            print(f"{name:<{width}}  {mo * 1e3:9.2f}  {mn * 1e3:9.2f}  {mn / mo:.3f}")
        return 1 if mismatch else 0
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
