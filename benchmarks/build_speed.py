#!/usr/bin/env python3
"""Build-speed benchmark for oxyc itself (issue 6's targets), not a test.

    python3 benchmarks/build_speed.py [--oxyc PATH] [--runs N]

Generates typed Python in a temporary directory and times `oxyc build` (wall clock,
best of N runs):

  * cold build of one 500-line typed module, with an empty build cache (so the C
    runtime is compiled too) and with the runtime already cached;
  * no-op rebuild of a 50-module package (nothing changed: no C compiler runs);
  * front end (parse to C text, `--c-only`) of a 5000-line module, per 1000 lines.

Targets: cold 500-line module under 2 s, no-op rebuild of 50 modules under 0.2 s,
front end under 20 ms per 1000 lines.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Callable

REPO = Path(__file__).resolve().parent.parent


def module_source(index: int, functions: int) -> str:
    """A typed module of `functions` small functions (about 10 lines each)."""
    out = [f'"""Generated module {index} for the build-speed benchmark."""', ""]
    out.append("from dataclasses import dataclass")
    out.append("")
    out.append("")
    out.append("@dataclass")
    out.append(f"class Point{index}:")
    out.append("    x: float")
    out.append("    y: float")
    out.append("")
    out.append("    def norm(self) -> float:")
    out.append("        return (self.x * self.x + self.y * self.y) ** 0.5")
    out.append("")
    for f in range(functions):
        out.append("")
        out.append(f"def f{f}(n: int, xs: list[int], label: str = 'k{f}') -> int:")
        out.append(f"    total = {f}")
        out.append("    for i in range(n):")
        out.append("        if i % 3 == 0:")
        out.append("            total += xs[i % len(xs)] * i")
        out.append("        else:")
        out.append(f"            total -= i // {f + 1}")
        out.append("    words = label.split('-')")
        out.append("    return total + len(words) + sum(len(w) for w in words)")
    return "\n".join(out) + "\n"


def best_of(runs: int, fn: Callable[[], float]) -> float:
    times: list[float] = []
    for _ in range(runs):
        times.append(fn())
    return min(times)


def run_oxyc(oxyc: str, args: list[str], env: dict[str, str]) -> float:
    t0 = time.perf_counter()
    subprocess.run([oxyc, "build", *args], check=True, env=env, stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL)
    return time.perf_counter() - t0


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    default = REPO / "target" / "release" / "oxyc"
    ap.add_argument("--oxyc", default=str(default) if default.exists() else "oxyc")
    ap.add_argument("--runs", type=int, default=3)
    opts = ap.parse_args()
    work = Path(tempfile.mkdtemp(prefix="oxyc-build-speed-"))
    try:
        base_env = dict(os.environ)

        # Cold build of one 500-line module.
        src = work / "single"
        src.mkdir()
        mod = src / "big.py"
        mod.write_text(module_source(0, 48))
        lines = len(mod.read_text().splitlines())

        def cold(empty_cache: bool) -> float:
            cache = work / "cache-cold"
            out = work / "out-cold"
            shutil.rmtree(out, ignore_errors=True)
            if empty_cache:
                shutil.rmtree(cache, ignore_errors=True)
            else:
                # Warm the runtime, then drop the module's entries only.
                run_oxyc(opts.oxyc, [str(mod), "-o", str(out)], dict(base_env, OXYC_CACHE_DIR=str(cache)))
                for p in cache.rglob("*"):
                    if p.is_dir() and p.name != "runtime" and "runtime" not in p.parts:
                        shutil.rmtree(p, ignore_errors=True)
                shutil.rmtree(out, ignore_errors=True)
            return run_oxyc(opts.oxyc, [str(mod), "-o", str(out)], dict(base_env, OXYC_CACHE_DIR=str(cache)))

        t_cold = best_of(opts.runs, lambda: cold(True))
        t_warm_rt = best_of(opts.runs, lambda: cold(False))

        # No-op rebuild of a 50-module package.
        pkg_root = work / "pkgsrc"
        pkg = pkg_root / "genpkg"
        pkg.mkdir(parents=True)
        (pkg / "__init__.py").write_text('"""Generated package."""\n')
        for i in range(49):
            (pkg / f"m{i}.py").write_text(module_source(i, 3))
        env = dict(base_env, OXYC_CACHE_DIR=str(work / "cache-pkg"))
        out = work / "out-pkg"
        run_oxyc(opts.oxyc, [str(pkg), "-o", str(out)], env)
        t_noop = best_of(opts.runs, lambda: run_oxyc(opts.oxyc, [str(pkg), "-o", str(out)], env))

        # Front end only: parse to C text of a 5000-line module.
        fe = work / "frontend"
        fe.mkdir()
        fe_mod = fe / "huge.py"
        fe_mod.write_text(module_source(1, 490))
        fe_lines = len(fe_mod.read_text().splitlines())
        t_fe = best_of(
            opts.runs,
            lambda: run_oxyc(opts.oxyc, [str(fe_mod), "--c-only", "-o", str(work / "out-fe")],
                             dict(base_env, OXYC_CACHE_DIR=str(work / "cache-fe"))),
        )
        per_k = t_fe / (fe_lines / 1000)

        rows = [
            (f"cold build, {lines}-line module, empty cache", t_cold, 2.0),
            (f"cold build, {lines}-line module, runtime cached", t_warm_rt, 2.0),
            ("no-op rebuild, 50-module package", t_noop, 0.2),
            (f"front end (--c-only), per 1000 lines ({fe_lines} lines)", per_k, 0.020),
        ]
        print(f"oxyc: {opts.oxyc}; best of {opts.runs} run(s); wall clock")
        print()
        print("| measurement | seconds | target | met? |")
        print("|---|---|---|---|")
        for name, secs, target in rows:
            print(f"| {name} | {secs:.3f} | {target:g} | {'yes' if secs <= target else 'no'} |")
        return 0
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
