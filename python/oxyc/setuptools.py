"""Compile modules with oxyc in a project that keeps its setup.py::

    from setuptools import setup
    from oxyc.setuptools import compile_modules

    setup(
        name="my-project",
        packages=["my_pkg", "my_pkg.sub"],
        ext_modules=compile_modules(["my_pkg"], exclude=["my_pkg/plugins.py"]),
    )

:func:`compile_modules` runs ``oxyc build --c-only``: oxyc translates each module to C
(into ``build/oxyc/``, with its C runtime) and returns one :class:`setuptools.Extension`
per module, named by its full dotted name. setuptools' own ``build_ext`` then compiles and
links them with the compiler and flags it always uses, so ``bdist_wheel``, ``develop``,
``--inplace`` and cross-compilation settings work as for any C extension. The .py files
stay in the packages (setuptools ships them beside the extensions, which win on import).

With ``OXYC_SKIP_COMPILE=1`` it returns no extensions (a pure-Python build) and says so.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterable
from pathlib import Path

from setuptools import Extension

from oxyc import find_oxyc_bin

__all__ = ["compile_modules"]


def compile_modules(
    paths: Iterable[str | os.PathLike[str]],
    *,
    include: Iterable[str] = (),
    exclude: Iterable[str] = (),
    build_dir: str | os.PathLike[str] = os.path.join("build", "oxyc"),
    opt_level: int = 2,
) -> list[Extension]:
    """Extensions for the modules `paths` name (.py files, package directories or
    directories of modules, as for ``oxyc build``), filtered by the `include`/`exclude`
    globs (paths below the import root, e.g. ``my_pkg/plugins.py``)."""
    if os.environ.get("OXYC_SKIP_COMPILE", "") not in ("", "0"):
        print("oxyc.setuptools: OXYC_SKIP_COMPILE is set: no modules are compiled", file=sys.stderr)
        return []
    out = Path(build_dir)
    # Everything in it is ours: start clean so no stale module is built.
    shutil.rmtree(out, ignore_errors=True)
    cmd = [
        find_oxyc_bin(),
        "build",
        "--c-only",
        "--no-config",
        "--relative-paths",
        "--python",
        sys.executable,
        f"-O{opt_level}",
        "-o",
        str(out),
    ]
    for pattern in include:
        cmd += ["--include", pattern]
    for pattern in exclude:
        cmd += ["--exclude", pattern]
    cmd += [os.fspath(p) for p in paths]
    result = subprocess.run(cmd)
    if result.returncode != 0:
        raise SystemExit(f"oxyc.setuptools: oxyc failed (exit status {result.returncode}); see above")
    # The runtime's two translation units (see runtime/oxyc_rt.c) go into every
    # extension; setuptools compiles them at the extension's flags.
    runtime = [out / "oxyc_rt.c", out / "oxyc_rt_hot.c"]
    unix = os.name == "posix"
    extensions = []
    for c_file in sorted(out.rglob("*.c")):
        if c_file in runtime:
            continue
        # A package's extension keeps `__init__` in its name, so setuptools writes it as
        # pkg/__init__<EXT_SUFFIX>; the import system still calls PyInit_pkg in it.
        name = ".".join(c_file.relative_to(out).with_suffix("").parts)
        extensions.append(
            Extension(
                name,
                sources=[str(c_file)] + [str(r) for r in runtime],
                include_dirs=[str(out)],
                # The runtime assumes GNU C11 and no type-based alias analysis, like
                # `oxyc build` compiles it.
                # Python's -Wall would flag the generated C's unused helpers.
                extra_compile_args=[
                    "-std=gnu11",
                    "-fno-strict-aliasing",
                    f"-O{opt_level}",
                    "-Wno-unused-function",
                    "-Wno-unused-variable",
                    "-Wno-unused-but-set-variable",
                ]
                if unix
                else [],
                libraries=["m"] if unix and sys.platform != "darwin" else [],
            )
        )
    return extensions
