"""Compile pure-Python standard-library modules with oxyc and run CPython's own
tests for them against the compiled modules.

Usage:
    python3 tests/stdlib/sweep.py --oxyc PATH [--keep DIR] MODULE[:TEST]...

MODULE is a module (`fractions`, `http.cookiejar`) or package (`email`) of the
running interpreter's standard library; TEST is its test in CPython's `test`
package (default `test_` + MODULE with dots as underscores: `test_http_cookiejar`).
The sources are copied into a fresh import root, compiled by one `oxyc build`, and
each TEST is run twice by `python3 -m test`: interpreted, then with the compiled
modules first on sys.path. A module whose compiled run fails where the interpreted
run passes is reported with the end of its output. Exit status: 0 when every
compiled run passed that the interpreted one passed, 1 otherwise, 2 when the `test`
package or a module's source is missing.

The tests exercise what the docs list as deliberate differences too (frames,
function objects, `import_fresh_module`, patching module functions): pick modules
whose tests do not (see docs/differences.md). This is how bugs in real code were
found; `crates/oxyc/tests/stdlib_suites.rs` runs a fixed set of them.
"""

import argparse
import os
import shutil
import subprocess
import sys
import sysconfig
import tempfile


def stdlib_source(module: str) -> tuple[str, str]:
    """(path of the .py file or package directory, path below the import root)."""
    base = sysconfig.get_paths()["stdlib"]
    rel = module.replace(".", os.sep)
    if os.path.isdir(os.path.join(base, rel)) and os.path.isfile(
        os.path.join(base, rel, "__init__.py")
    ):
        return os.path.join(base, rel), rel
    if os.path.isfile(os.path.join(base, rel + ".py")):
        return os.path.join(base, rel + ".py"), rel + ".py"
    raise FileNotFoundError(f"no source for stdlib module {module!r} under {base}")


def run_test(test: str, pythonpath: str | None) -> tuple[bool, str]:
    env = dict(os.environ, PYTHONDONTWRITEBYTECODE="1")
    env.pop("PYTHONPATH", None)
    if pythonpath is not None:
        env["PYTHONPATH"] = pythonpath
    out = subprocess.run(
        [sys.executable, "-m", "test", test],
        cwd="/",
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
    )
    text = out.stdout + out.stderr
    return out.returncode == 0 and "Result: SUCCESS" in text, text


def imported_from(module: str, pythonpath: str) -> str:
    env = dict(os.environ, PYTHONPATH=pythonpath)
    out = subprocess.run(
        [sys.executable, "-c", f"import {module} as m; print(m.__file__)"],
        cwd="/",
        env=env,
        capture_output=True,
        text=True,
    )
    return out.stdout.strip() or out.stderr.strip()


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--oxyc", required=True, help="the oxyc binary")
    ap.add_argument("--keep", help="build into DIR and keep it")
    ap.add_argument("modules", nargs="+", metavar="MODULE[:TEST]")
    args = ap.parse_args()
    try:
        import test.libregrtest  # noqa: F401
    except ImportError:
        print("CPython's `test` package is not installed: nothing to run", file=sys.stderr)
        return 2
    work = args.keep or tempfile.mkdtemp(prefix="oxyc-stdlib-")
    src_root = os.path.join(work, "src")
    out_root = os.path.join(work, "out")
    shutil.rmtree(src_root, ignore_errors=True)
    shutil.rmtree(out_root, ignore_errors=True)
    os.makedirs(src_root)
    plan = []
    inputs: list[str] = []
    includes: list[str] = []
    for spec in args.modules:
        module, _, test = spec.partition(":")
        test = test or "test_" + module.replace(".", "_")
        top = module.split(".")[0]
        try:
            path, rel = stdlib_source(module)
            top_path, top_rel = stdlib_source(top)
        except FileNotFoundError as e:
            print(e, file=sys.stderr)
            return 2
        dest = os.path.join(src_root, top_rel)
        if not os.path.exists(dest):
            if os.path.isdir(top_path):
                shutil.copytree(top_path, dest, ignore=shutil.ignore_patterns("__pycache__"))
            else:
                shutil.copy(top_path, dest)
        if module == top and not os.path.isdir(top_path):
            inputs.append(dest)
        else:
            # A package, or a module of one: the whole package is built (so that it
            # is complete under the output root), and only this part compiled.
            if dest not in inputs:
                inputs.append(dest)
            includes.append(rel.replace(os.sep, "/") + ("/**/*.py" if os.path.isdir(path) else ""))
        plan.append((module, test))
    command = [args.oxyc, "build", "-o", out_root]
    for glob in includes:
        command += ["--include", glob]
    build = subprocess.run(command + inputs, cwd=src_root, capture_output=True, text=True)
    if build.returncode != 0:
        print(build.stdout + build.stderr)
        print("oxyc build failed")
        return 1
    failed = []
    for module, test in plan:
        where = imported_from(module, out_root)
        if not where.endswith(sysconfig.get_config_var("EXT_SUFFIX")) and not where.endswith(
            "__init__" + sysconfig.get_config_var("EXT_SUFFIX")
        ):
            print(f"{module}: the compiled module is not what gets imported ({where})")
            failed.append(module)
            continue
        ok_i, _ = run_test(test, None)
        ok_c, text_c = run_test(test, out_root)
        verdict = "ok" if ok_c or not ok_i else "FAILED"
        print(f"{module:20} {test:24} interpreted {'pass' if ok_i else 'FAIL'}, "
              f"compiled {'pass' if ok_c else 'FAIL'}: {verdict}")
        if verdict != "ok":
            failed.append(module)
            print("\n".join(text_c.splitlines()[-40:]))
    if not args.keep:
        shutil.rmtree(work, ignore_errors=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
