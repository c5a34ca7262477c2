#!/usr/bin/env python3
"""Benchmark runner: times each benchmark interpreted by CPython, compiled by
oxyc, and compiled by mypyc (when installed), and prints a table.

    python3 benchmarks/run.py [--oxyc PATH] [--runs N] [--only NAME,...]
                              [--no-mypyc] [--json FILE] [--python PATH]

How the numbers are taken:
  * every benchmark module defines `bench()`, which does the whole workload;
  * each variant lives in its own temporary directory (plain source for
    `cpython`, an extension module built by oxyc / mypyc for the others);
  * runs are interleaved: for each run, for each benchmark, for each variant,
    a fresh interpreter imports the module from the variant's directory,
    checks that it was loaded from the expected kind of file (a compiled
    variant must come from an extension module, never from the .py), and
    times calls of bench() with time.perf_counter(): one call, then more
    until --budget seconds are spent or --calls calls are made, and reports
    the fastest (a slow workload such as CPython's sum_while gets one call;
    this VM's neighbours make single calls vary by up to 2x); start-up and
    import are not timed;
  * the table shows the median over the runs of each run's fastest call;
    speedup = CPython median / variant median; results must agree across
    calls, variants and runs.

This is a program, not a test: it is not part of any test suite.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
REPO_ROOT = BENCH_DIR.parent

# Required speedup of oxyc over CPython (oxyc must also beat mypyc).
TARGETS: dict[str, float] = {
    "sum_while": 30.0,
    "primes": 20.0,
    "leibniz": 25.0,
    "fib": 10.0,
    "scheduler": 30.0,
    "constraints": 10.0,
    "raytrace": 10.0,
    "binary_trees": 8.0,
    "word_freq": 4.0,
    "nqueens": 4.0,
    "hexiom": 4.0,
    "json_docs": 4.0,
    "str_build": 4.0,
    "sieve_bytes": 4.0,
    "insertion_sort": 4.0,
    "gen_pipeline": 3.0,
    "expr_parser": 3.0,
    "dispatcher": 3.0,
    "async_gather": 3.0,
}

VARIANTS = ("cpython", "oxyc", "mypyc")
COMPILED = {"oxyc", "mypyc"}

BUILD_TIMEOUT = 600.0
STDERR_LINES = 8

# Runs inside a fresh interpreter: argv = [dir, module name, kind]
# where kind is "source" or "extension".
CHILD = r"""
import importlib, importlib.machinery, json, os, sys, time
variant_dir, name, kind = sys.argv[1], sys.argv[2], sys.argv[3]
sys.path.insert(0, variant_dir)
mod = importlib.import_module(name)
origin = os.path.realpath(getattr(mod, "__file__", None) or "")
if os.path.dirname(origin) != os.path.realpath(variant_dir):
    sys.exit("oxyc-bench: %s was loaded from %r, not from %s" % (name, origin, variant_dir))
if kind == "extension":
    ok = origin.endswith(tuple(importlib.machinery.EXTENSION_SUFFIXES))
else:
    ok = origin.endswith(".py")
if not ok:
    want = "an extension module (%s)" % importlib.machinery.EXTENSION_SUFFIXES[0] if kind == "extension" else "a .py source file"
    sys.exit("oxyc-bench: %s was loaded from %r, expected %s" % (name, origin, want))
bench = mod.bench
budget = float(sys.argv[4])
max_calls = int(sys.argv[5])
times = []
results = set()
spent = 0.0
while not times or (spent < budget and len(times) < max_calls):
    t0 = time.perf_counter()
    result = bench()
    t1 = time.perf_counter()
    times.append(t1 - t0)
    results.add(repr(result))
    spent += t1 - t0
if len(results) != 1:
    sys.exit("oxyc-bench: bench() returned different results in one process: %r" % sorted(results))
print(json.dumps({"seconds": min(times), "calls": len(times), "result": repr(result), "file": origin}))
"""


@dataclass
class Cell:
    """One (benchmark, variant): its build status and its timings."""

    status: str = "ok"  # ok | not built | build failed | skipped | error
    note: str = ""
    path: str = ""  # directory put first on sys.path
    seconds: list[float] = field(default_factory=list)
    results: list[str] = field(default_factory=list)

    @property
    def usable(self) -> bool:
        return self.status == "ok"

    def median(self) -> float | None:
        return statistics.median(self.seconds) if self.seconds else None


def log(msg: str) -> None:
    print(msg, file=sys.stderr, flush=True)


def first_lines(text: str, n: int = STDERR_LINES) -> str:
    lines = [line for line in text.strip().splitlines() if line.strip()]
    out = "\n".join(lines[:n])
    if len(lines) > n:
        out += "\n..."
    return out


def last_lines(text: str, n: int = STDERR_LINES) -> str:
    """The end of a traceback is where the exception is."""
    lines = [line for line in text.strip().splitlines() if line.strip()]
    out = "\n".join(lines[-n:])
    if len(lines) > n:
        out = "...\n" + out
    return out


def discover(only: str | None) -> list[str]:
    found = {
        p.stem
        for p in BENCH_DIR.glob("*.py")
        if p.name not in ("run.py", "ab.py", "memory.py", "build_speed.py") and not p.name.startswith("_")
    }
    ordered = [n for n in TARGETS if n in found] + sorted(found - set(TARGETS))
    if only:
        wanted = [n.strip() for n in only.split(",") if n.strip()]
        unknown = [n for n in wanted if n not in found]
        if unknown:
            sys.exit(
                f"run.py: unknown benchmark(s) {', '.join(unknown)}; "
                f"available: {', '.join(ordered)}"
            )
        ordered = [n for n in ordered if n in wanted]
    return ordered


def python_info(python: str) -> tuple[str, str]:
    code = "import sys, sysconfig; print(sysconfig.get_config_var('EXT_SUFFIX')); print(sys.version.split()[0])"
    out = subprocess.run([python, "-c", code], capture_output=True, text=True, check=True)
    ext_suffix, version = out.stdout.split()
    return ext_suffix, version


def find_oxyc(explicit: str | None) -> str | None:
    if explicit:
        p = Path(explicit)
        if p.is_file():
            return str(p.resolve())
        return shutil.which(explicit)
    default = REPO_ROOT / "target" / "release" / "oxyc"
    if default.is_file():
        return str(default)
    return shutil.which("oxyc")


def have_mypyc(python: str) -> bool:
    r = subprocess.run([python, "-c", "import mypyc"], capture_output=True)
    return r.returncode == 0


def run_build(cmd: list[str], cwd: Path) -> tuple[bool, str]:
    """Run a build command; returns (ok, first lines of its error output)."""
    try:
        r = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True, timeout=BUILD_TIMEOUT)
    except subprocess.TimeoutExpired:
        return False, f"timed out after {BUILD_TIMEOUT:.0f} s: {' '.join(cmd)}"
    except OSError as e:
        return False, f"could not run {cmd[0]}: {e}"
    if r.returncode != 0:
        text = r.stderr if r.stderr.strip() else r.stdout
        return False, f"exit status {r.returncode}\n" + first_lines(text)
    return True, ""


def prepare_cpython(name: str, root: Path) -> Cell:
    d = root / "cpython" / name
    d.mkdir(parents=True)
    shutil.copy2(BENCH_DIR / f"{name}.py", d / f"{name}.py")
    return Cell(path=str(d))


def prepare_oxyc(
    name: str, root: Path, oxyc: str | None, ext_suffix: str, python_flag: list[str]
) -> Cell:
    if oxyc is None:
        return Cell(status="not built", note="oxyc binary not found (run `cargo build --release`)")
    src = root / "src" / name
    src.mkdir(parents=True, exist_ok=True)
    shutil.copy2(BENCH_DIR / f"{name}.py", src / f"{name}.py")
    out = root / "oxyc" / name
    out.mkdir(parents=True)
    cmd = [oxyc, "build", *python_flag, "-o", str(out), str(src / f"{name}.py")]
    ok, err = run_build(cmd, cwd=src)
    if ok and not (out / f"{name}{ext_suffix}").is_file():
        ok, err = False, f"`{' '.join(cmd)}` succeeded but wrote no {name}{ext_suffix}"
    if not ok:
        return Cell(status="build failed", note=err)
    return Cell(path=str(out))


def prepare_mypyc(name: str, root: Path, python: str, ext_suffix: str) -> Cell:
    d = root / "mypyc" / name
    d.mkdir(parents=True)
    shutil.copy2(BENCH_DIR / f"{name}.py", d / f"{name}.py")
    ok, err = run_build([python, "-m", "mypyc", f"{name}.py"], cwd=d)
    if ok and not (d / f"{name}{ext_suffix}").is_file():
        ok, err = False, f"mypyc succeeded but wrote no {name}{ext_suffix}"
    if not ok:
        return Cell(status="build failed", note=err)
    return Cell(path=str(d))


def time_once(
    python: str,
    cell: Cell,
    name: str,
    variant: str,
    timeout: float,
    budget: float,
    max_calls: int,
) -> dict:
    kind = "extension" if variant in COMPILED else "source"
    env = dict(os.environ)
    env.pop("PYTHONPATH", None)
    env["PYTHONDONTWRITEBYTECODE"] = "1"
    cmd = [python, "-c", CHILD, cell.path, name, kind, str(budget), str(max_calls)]
    try:
        r = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, env=env)
    except subprocess.TimeoutExpired:
        raise RuntimeError(f"timed out after {timeout:.0f} s")
    if r.returncode != 0:
        why = f"exit status {r.returncode}"
        if r.returncode < 0:
            why = f"killed by signal {-r.returncode}"
        raise RuntimeError(why + ("\n" + last_lines(r.stderr) if r.stderr.strip() else ""))
    try:
        return json.loads(r.stdout.strip().splitlines()[-1])
    except (ValueError, IndexError):
        raise RuntimeError("no JSON result on stdout:\n" + first_lines(r.stdout + r.stderr))


def fmt_seconds(s: float | None) -> str:
    if s is None:
        return "-"
    return f"{s:#.4g}"


def fmt_speedup(base: float | None, s: float | None) -> str:
    if base is None or s is None or s <= 0:
        return "-"
    return f"{base / s:.1f}x"


def cell_text(cell: Cell | None) -> str:
    if cell is None:
        return "-"
    if cell.status == "ok":
        return fmt_seconds(cell.median())
    return cell.status


def render_table(
    names: list[str], cells: dict[str, dict[str, Cell]], mismatched: set[str]
) -> list[str]:
    header = [
        "benchmark",
        "CPython s",
        "oxyc s",
        "oxyc speedup",
        "mypyc s",
        "mypyc speedup",
        "target",
        "met?",
    ]
    rows = []
    for name in names:
        row = cells[name]
        cpy, oxy, myp = row.get("cpython"), row.get("oxyc"), row.get("mypyc")
        base = cpy.median() if cpy and cpy.usable else None
        o = oxy.median() if oxy and oxy.usable else None
        m = myp.median() if myp and myp.usable else None
        target = TARGETS.get(name)
        if name in mismatched:
            met = "MISMATCH"
        elif target is None:
            met = "-"
        elif base is None or o is None:
            met = "-"
        elif base / o < target:
            met = "no"
        elif m is not None and o >= m:
            met = "no (slower than mypyc)"
        else:
            met = "yes"
        rows.append(
            [
                name,
                cell_text(cpy),
                cell_text(oxy),
                fmt_speedup(base, o),
                cell_text(myp),
                fmt_speedup(base, m),
                f"{target:g}x" if target is not None else "-",
                met,
            ]
        )
    widths = [max(len(r[i]) for r in [header] + rows) for i in range(len(header))]

    def line(cols: list[str]) -> str:
        return "| " + " | ".join(c.ljust(w) for c, w in zip(cols, widths)) + " |"

    out = [line(header), "|" + "|".join("-" * (w + 2) for w in widths) + "|"]
    out += [line(r) for r in rows]
    return out


def main() -> int:
    ap = argparse.ArgumentParser(
        description="Time the benchmarks under CPython, oxyc and mypyc and print a table."
    )
    ap.add_argument("--oxyc", help="oxyc binary (default: target/release/oxyc, else oxyc on PATH)")
    ap.add_argument("--runs", type=int, default=5, help="interleaved runs per benchmark (default 5)")
    ap.add_argument("--only", help="comma-separated benchmark names")
    ap.add_argument("--no-mypyc", action="store_true", help="do not build or time mypyc")
    ap.add_argument("--json", metavar="FILE", help="write the raw numbers to FILE")
    ap.add_argument(
        "--python",
        help="interpreter to time and to build for (default: python3 on PATH); "
        "when given it is also passed to `oxyc build --python`",
    )
    ap.add_argument(
        "--timeout", type=float, default=600.0, help="seconds allowed for one timed process"
    )
    ap.add_argument("--keep", action="store_true", help="keep the temporary build directory")
    ap.add_argument(
        "--budget",
        type=float,
        default=0.25,
        help="seconds of repeated bench() calls per process; the fastest counts (default 0.25)",
    )
    ap.add_argument(
        "--calls", type=int, default=10, help="at most this many bench() calls per process (default 10)"
    )
    args = ap.parse_args()
    if args.runs < 1:
        ap.error("--runs must be at least 1")

    python = args.python or shutil.which("python3") or sys.executable
    python_flag = ["--python", python] if args.python else []
    ext_suffix, py_version = python_info(python)
    names = discover(args.only)
    oxyc = find_oxyc(args.oxyc)
    if args.oxyc and oxyc is None:
        log(f"run.py: --oxyc {args.oxyc}: no such file or command")

    notes: list[str] = []
    variants = ["cpython", "oxyc"]
    if args.no_mypyc:
        notes.append("mypyc: skipped (--no-mypyc)")
    elif have_mypyc(python):
        variants.append("mypyc")
    else:
        notes.append("mypyc: not installed (`pip install mypy` to add the mypyc column)")

    tmp = Path(tempfile.mkdtemp(prefix="oxyc-bench-"))
    cells: dict[str, dict[str, Cell]] = {n: {} for n in names}
    failed = False
    try:
        log(f"python: {python} ({py_version}); oxyc: {oxyc or 'not found'}; temp dir: {tmp}")
        for name in names:
            for variant in variants:
                log(f"build  {name:<10} {variant}")
                t0 = time.perf_counter()
                if variant == "cpython":
                    cell = prepare_cpython(name, tmp)
                elif variant == "oxyc":
                    cell = prepare_oxyc(name, tmp, oxyc, ext_suffix, python_flag)
                else:
                    cell = prepare_mypyc(name, tmp, python, ext_suffix)
                if cell.status == "build failed":
                    log(f"       {variant} build failed:\n" + cell.note)
                elif variant in COMPILED and cell.usable:
                    log(f"       built in {time.perf_counter() - t0:.1f} s")
                cells[name][variant] = cell

        for run in range(args.runs):
            for name in names:
                for variant in variants:
                    cell = cells[name][variant]
                    if not cell.usable:
                        continue
                    try:
                        out = time_once(
                            python, cell, name, variant, args.timeout, args.budget, args.calls
                        )
                    except RuntimeError as e:
                        cell.status = "error"
                        cell.note = str(e)
                        failed = True
                        log(f"run {run + 1}/{args.runs} {name:<10} {variant:<8} ERROR: {e}")
                        continue
                    cell.seconds.append(float(out["seconds"]))
                    cell.results.append(out["result"])
                    log(
                        f"run {run + 1}/{args.runs} {name:<10} {variant:<8} "
                        f"{out['seconds']:.4f} s  -> {out['result'][:40]}"
                    )
    except KeyboardInterrupt:
        log("interrupted: printing what was measured so far")
        failed = True
    finally:
        if args.keep:
            log(f"kept {tmp}")
        else:
            shutil.rmtree(tmp, ignore_errors=True)

    mismatched: set[str] = set()
    for name in names:
        seen: dict[str, set[str]] = {}
        for variant, cell in cells[name].items():
            for r in cell.results:
                seen.setdefault(r, set()).add(variant)
        if len(seen) > 1:
            mismatched.add(name)
            failed = True
            detail = "; ".join(
                f"{'/'.join(sorted(v))} -> {r[:60]}" for r, v in seen.items()
            )
            notes.append(f"{name}: MISMATCH between variants: {detail}")

    for name in names:
        for variant, cell in cells[name].items():
            if cell.status in ("build failed", "error"):
                if cell.status == "error":
                    failed = True
                body = "\n".join("    " + ln for ln in cell.note.splitlines())
                notes.append(f"{name} / {variant}: {cell.status}\n{body}")
            elif cell.status == "not built" and name == names[0]:
                notes.append(f"{variant}: not built ({cell.note})")

    print(
        f"Python {py_version}, median of {args.runs} interleaved run(s), each the fastest of "
        f"up to {args.calls} bench() calls in {args.budget} s, timed in-process"
    )
    print()
    for line in render_table(names, cells, mismatched):
        print(line)
    if notes:
        print()
        for n in notes:
            print("note: " + n)

    if args.json:
        data = {
            "python": python,
            "python_version": py_version,
            "oxyc": oxyc,
            "runs": args.runs,
            "targets": TARGETS,
            "benchmarks": {
                name: {
                    variant: {
                        "status": cell.status,
                        "note": cell.note,
                        "seconds": cell.seconds,
                        "median": cell.median(),
                        "results": cell.results,
                    }
                    for variant, cell in cells[name].items()
                }
                for name in names
            },
            "mismatched": sorted(mismatched),
        }
        Path(args.json).write_text(json.dumps(data, indent=2) + "\n")
        log(f"wrote {args.json}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
