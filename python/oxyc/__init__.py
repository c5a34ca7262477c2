"""oxyc: compile type-annotated Python modules to native CPython extension modules.

This package is the Python side of the `oxyc` wheel: it finds the `oxyc` binary that
the wheel installed (:func:`find_oxyc_bin`), and provides the PEP 517 build backend
(:mod:`oxyc.build`) and a setuptools helper (:mod:`oxyc.setuptools`).
"""

from __future__ import annotations

import os
import shutil
import sys
import sysconfig

__all__ = ["find_oxyc_bin", "OxycNotFound"]


class OxycNotFound(FileNotFoundError):
    """No `oxyc` binary: not in $OXYC, not installed beside this package, not on PATH."""


def _exe(name: str) -> str:
    return name + (sysconfig.get_config_var("EXE") or "")


def find_oxyc_bin() -> str:
    """The `oxyc` executable to run.

    In order: the `OXYC` environment variable; the scripts directory of the installation
    scheme this package was installed with (where the oxyc wheel puts its binary: the
    environment's, then the user's); the directory of the running interpreter (a virtual
    environment's bin/); `oxyc` on PATH.
    """
    env = os.environ.get("OXYC")
    if env:
        if os.path.isfile(env) and os.access(env, os.X_OK):
            return env
        raise OxycNotFound(f"OXYC={env!r} is not an executable file")
    exe = _exe("oxyc")
    candidates: list[str] = []
    scripts = sysconfig.get_path("scripts")
    if scripts:
        candidates.append(os.path.join(scripts, exe))
    user_scheme = sysconfig.get_preferred_scheme("user") if sys.version_info >= (3, 10) else (
        "nt_user" if os.name == "nt" else "posix_user"
    )
    try:
        user_scripts = sysconfig.get_path("scripts", scheme=user_scheme)
    except KeyError:
        user_scripts = None
    if user_scripts:
        candidates.append(os.path.join(user_scripts, exe))
    candidates.append(os.path.join(os.path.dirname(sys.executable), exe))
    for path in candidates:
        if os.path.isfile(path) and os.access(path, os.X_OK):
            return path
    found = shutil.which("oxyc")
    if found:
        return found
    raise OxycNotFound(
        "cannot find the oxyc binary: install oxyc (`pip install oxyc`), put it on PATH, "
        "or set OXYC to its path"
    )
