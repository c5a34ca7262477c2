"""Run the test_* functions of one run-test module and report the results.

Usage:
    python3 tests/harness/run_file.py MODULE_NAME [--path DIR]...

Each DIR is put at the front of sys.path (the first --path given ends up
first), then MODULE_NAME is imported and every module-level callable whose
name starts with ``test_`` is run, in definition order (the order of the
module ``__dict__``, which is definition order both for an interpreted .py
module and for a compiled extension module).

Output contract (the differential runner compares stdout byte for byte
between the interpreted and the compiled run, and requires exit status 0
from both):
  stdout:  "== test_name" before each test, then whatever the test prints,
           and at the end "-- N passed, M failed".
  stderr:  for a failing test, "!! test_name FAILED: ExcType: message" and
           the traceback.  Nothing printed here may depend on whether the
           module is compiled (no file names, no module paths on stdout).
Exit status: 0 when every test passed, 1 when any failed, 2 on a usage
error or when the module cannot be imported.
"""

import sys
import traceback


def _usage() -> None:
    sys.stderr.write("usage: run_file.py MODULE_NAME [--path DIR]...\n")
    sys.exit(2)


def _parse_args(argv: list) -> tuple:
    module_name = None
    paths = []
    i = 0
    while i < len(argv):
        arg = argv[i]
        if arg == "--path":
            if i + 1 >= len(argv):
                _usage()
            paths.append(argv[i + 1])
            i += 2
        elif arg.startswith("--path="):
            paths.append(arg[len("--path="):])
            i += 1
        elif arg in ("-h", "--help"):
            sys.stdout.write(__doc__ or "")
            sys.exit(0)
        elif module_name is None and not arg.startswith("-"):
            module_name = arg
            i += 1
        else:
            _usage()
    if module_name is None:
        _usage()
    return module_name, paths


def _collect_tests(module: object) -> list:
    """Return [(name, callable)] for the module's test_* functions, in
    definition (= module __dict__ insertion) order."""
    tests = []
    namespace = vars(module)
    for name, value in list(namespace.items()):
        if not name.startswith("test_") or not callable(value):
            continue
        # Skip things imported from elsewhere (e.g. `from x import test_y`).
        owner = getattr(value, "__module__", None)
        if owner is not None and owner != module.__name__:
            continue
        tests.append((name, value))
    return tests


def main() -> int:
    module_name, paths = _parse_args(sys.argv[1:])
    # Don't litter the source dirs with __pycache__.
    sys.dont_write_bytecode = True
    for path in reversed(paths):
        sys.path.insert(0, path)

    # The tests print non-ASCII text; make the encoding independent of the
    # locale the runner happens to use.
    try:
        sys.stdout.reconfigure(encoding="utf-8", errors="backslashreplace")
        sys.stderr.reconfigure(encoding="utf-8", errors="backslashreplace")
    except (AttributeError, ValueError):
        pass

    try:
        module = __import__(module_name)
        for part in module_name.split(".")[1:]:
            module = getattr(module, part)
    except BaseException:
        sys.stdout.flush()
        sys.stderr.write("!! cannot import %s\n" % module_name)
        traceback.print_exc()
        return 2

    passed = 0
    failed = []
    for name, func in _collect_tests(module):
        sys.stdout.write("== %s\n" % name)
        sys.stdout.flush()
        try:
            func()
        except BaseException as exc:  # KeyboardInterrupt too: report it
            sys.stdout.flush()
            sys.stderr.write(
                "!! %s FAILED: %s: %s\n" % (name, type(exc).__name__, exc)
            )
            traceback.print_exc()
            sys.stderr.flush()
            failed.append(name)
            if isinstance(exc, KeyboardInterrupt):
                break
        else:
            passed += 1
        sys.stdout.flush()

    sys.stdout.write("-- %d passed, %d failed\n" % (passed, len(failed)))
    sys.stdout.flush()
    if failed:
        sys.stderr.write("failed: %s\n" % ", ".join(failed))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
