"""`oxyc.build`: a PEP 517 build backend that compiles a project's modules with oxyc.

A project opts in with::

    [build-system]
    requires = ["oxyc"]
    build-backend = "oxyc.build"

    [project]
    name = "my-project"
    version = "1.0"

    [tool.oxyc]
    compile = ["src/my_pkg"]          # packages, directories or modules to compile
    exclude = ["my_pkg/plugins.py"]   # globs (paths below the import root) left as Python
    # include = [...]                 # only these are compiled
    # packages = ["src/my_pkg"]       # what the wheel ships (default: `compile`)
    # keep-sources = false            # ship no .py beside the extension modules

`pip wheel .` / `python -m build` then give a platform wheel holding the extension
modules (and, by default, the .py sources beside them). With ``OXYC_SKIP_COMPILE=1``, or
when there is no C compiler, the wheel is pure Python, and the backend says so on stderr.
The sdist holds sources only. Editable installs (PEP 660) put the project's import roots
on sys.path: the code runs interpreted (run ``oxyc build`` in the checkout to compile it
in place).

The wheel is written here with :mod:`zipfile` (METADATA from ``[project]``, WHEEL,
entry points, RECORD with sha256); nothing but the standard library and the oxyc binary
is needed.
"""

from __future__ import annotations

import base64
import hashlib
import io
import os
import re
import shutil
import subprocess
import sys
import sysconfig
import tarfile
import tempfile
import time
import zipfile
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path, PurePosixPath
from typing import Any

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - oxyc targets 3.11; tomli is tomllib's backport
    import tomli as tomllib

from oxyc import find_oxyc_bin

__all__ = [
    "build_wheel",
    "build_sdist",
    "build_editable",
    "get_requires_for_build_wheel",
    "get_requires_for_build_sdist",
    "get_requires_for_build_editable",
    "prepare_metadata_for_build_wheel",
    "prepare_metadata_for_build_editable",
    "BuildError",
]

_GENERATOR = "oxyc.build"
_SKIP_NAMES = {"__pycache__", ".git", ".hg", ".svn", ".mypy_cache", ".pytest_cache", ".tox", ".nox"}


class BuildError(Exception):
    """A problem with the project (its pyproject.toml, its files, a failed compile)."""


# ---------------------------------------------------------------------------- the project


class Project:
    """pyproject.toml of the project in the current directory (PEP 517 runs hooks there)."""

    def __init__(self, root: Path) -> None:
        self.root = root
        path = root / "pyproject.toml"
        try:
            with open(path, "rb") as f:
                self.data: dict[str, Any] = tomllib.load(f)
        except FileNotFoundError:
            raise BuildError(f"{path}: not found (oxyc.build needs a pyproject.toml)") from None
        except tomllib.TOMLDecodeError as e:
            raise BuildError(f"{path}: {e}") from None
        project = self.data.get("project")
        if not isinstance(project, dict):
            raise BuildError(f"{path}: no [project] table")
        self.project: dict[str, Any] = project
        for key in ("name", "version"):
            if not isinstance(project.get(key), str):
                dynamic = key in project.get("dynamic", [])
                raise BuildError(
                    f"{path}: [project] {key} must be a string"
                    + (" (oxyc.build does not support dynamic metadata)" if dynamic else "")
                )
        tool = self.data.get("tool", {}).get("oxyc", {})
        if not isinstance(tool, dict):
            raise BuildError(f"{path}: [tool.oxyc] must be a table")
        known = {"compile", "include", "exclude", "packages", "keep-sources"}
        unknown = sorted(set(tool) - known)
        if unknown:
            raise BuildError(f"{path}: unknown key(s) in [tool.oxyc]: {', '.join(unknown)}")
        self.compile: list[str] = _str_list(tool, "compile", path)
        self.include: list[str] = _str_list(tool, "include", path)
        self.exclude: list[str] = _str_list(tool, "exclude", path)
        self.packages: list[str] = _str_list(tool, "packages", path) or list(self.compile)
        keep = tool.get("keep-sources", True)
        if not isinstance(keep, bool):
            raise BuildError(f"{path}: [tool.oxyc] keep-sources must be true or false")
        self.keep_sources: bool = keep
        if not self.packages:
            raise BuildError(
                f"{path}: nothing to ship: list packages in [tool.oxyc] compile (or packages)"
            )

    @property
    def name(self) -> str:
        return str(self.project["name"])

    @property
    def version(self) -> str:
        return str(self.project["version"])

    @property
    def dist_name(self) -> str:
        """The name as it appears in file names (PEP 427 / PEP 625)."""
        return re.sub(r"[-_.]+", "_", self.name).lower()

    @property
    def dist_info(self) -> str:
        return f"{self.dist_name}-{self.version}.dist-info"

    def shipped(self) -> list[tuple[Path, Path]]:
        """(source path, its import root) for each shipped package or module."""
        out = []
        for entry in self.packages:
            path = (self.root / entry).resolve()
            if path.is_dir():
                if not (path / "__init__.py").is_file():
                    # A directory of packages (like src/): ship everything in it.
                    for child in sorted(path.iterdir()):
                        if child.name in _SKIP_NAMES or child.name.startswith("."):
                            continue
                        if (child.is_dir() and (child / "__init__.py").is_file()) or (
                            child.suffix == ".py" and child.is_file()
                        ):
                            out.append((child, path))
                    continue
                root = path.parent
                while (root / "__init__.py").is_file():
                    root = root.parent
                out.append((path, root))
            elif path.suffix == ".py" and path.is_file():
                root = path.parent
                while (root / "__init__.py").is_file():
                    root = root.parent
                out.append((path, root))
            else:
                raise BuildError(
                    f"pyproject.toml: [tool.oxyc] names {entry!r}, which is neither a package "
                    "directory nor a .py file"
                )
        return out


def _str_list(table: Mapping[str, Any], key: str, path: Path) -> list[str]:
    value = table.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise BuildError(f"{path}: [tool.oxyc] {key} must be a list of strings")
    return list(value)


# ---------------------------------------------------------------------------- metadata


def _metadata(project: Project) -> str:
    p = project.project
    lines = ["Metadata-Version: 2.1", f"Name: {project.name}", f"Version: {project.version}"]
    if isinstance(p.get("description"), str):
        lines.append(f"Summary: {p['description']}")
    if isinstance(p.get("requires-python"), str):
        lines.append(f"Requires-Python: {p['requires-python']}")
    license_ = p.get("license")
    if isinstance(license_, dict) and isinstance(license_.get("text"), str):
        lines.append(f"License: {license_['text']}")
    elif isinstance(license_, str):
        lines.append(f"License-Expression: {license_}")
    for role, header in (("authors", "Author"), ("maintainers", "Maintainer")):
        names, emails = [], []
        for person in p.get(role, []):
            if not isinstance(person, dict):
                continue
            name, email = person.get("name"), person.get("email")
            if email:
                emails.append(f"{name} <{email}>" if name else str(email))
            elif name:
                names.append(str(name))
        if names:
            lines.append(f"{header}: {', '.join(names)}")
        if emails:
            lines.append(f"{header}-email: {', '.join(emails)}")
    if p.get("keywords"):
        lines.append(f"Keywords: {','.join(p['keywords'])}")
    for c in p.get("classifiers", []):
        lines.append(f"Classifier: {c}")
    for label, url in p.get("urls", {}).items():
        lines.append(f"Project-URL: {label}, {url}")
    for dep in p.get("dependencies", []):
        lines.append(f"Requires-Dist: {dep}")
    for extra, deps in p.get("optional-dependencies", {}).items():
        lines.append(f"Provides-Extra: {extra}")
        for dep in deps:
            marker = f'extra == "{extra}"'
            if ";" in dep:
                req, _, cond = dep.partition(";")
                lines.append(f"Requires-Dist: {req.strip()} ; ({cond.strip()}) and {marker}")
            else:
                lines.append(f"Requires-Dist: {dep} ; {marker}")
    body = ""
    readme = p.get("readme")
    if isinstance(readme, str):
        readme = {"file": readme}
    if isinstance(readme, dict):
        if "file" in readme:
            file = project.root / readme["file"]
            try:
                body = file.read_text(encoding="utf-8")
            except OSError as e:
                raise BuildError(f"pyproject.toml: cannot read readme {file}: {e}") from None
            ctype = readme.get("content-type") or (
                "text/markdown"
                if file.suffix.lower() == ".md"
                else "text/x-rst"
                if file.suffix.lower() == ".rst"
                else "text/plain"
            )
        else:
            body = str(readme.get("text", ""))
            ctype = readme.get("content-type", "text/plain")
        lines.append(f"Description-Content-Type: {ctype}")
    text = "\n".join(lines) + "\n"
    if body:
        text += "\n" + body
    return text


def _entry_points(project: Project) -> str:
    p = project.project
    groups: dict[str, Mapping[str, str]] = {}
    if p.get("scripts"):
        groups["console_scripts"] = p["scripts"]
    if p.get("gui-scripts"):
        groups["gui_scripts"] = p["gui-scripts"]
    for group, entries in p.get("entry-points", {}).items():
        groups[group] = entries
    out = []
    for group, entries in groups.items():
        out.append(f"[{group}]")
        out.extend(f"{name} = {target}" for name, target in entries.items())
        out.append("")
    return "\n".join(out)


def _wheel_file(tag: str, pure: bool) -> str:
    return (
        "Wheel-Version: 1.0\n"
        f"Generator: {_GENERATOR}\n"
        f"Root-Is-Purelib: {'true' if pure else 'false'}\n"
        f"Tag: {tag}\n"
    )


def _platform_tag() -> str:
    """This interpreter's wheel tag: `cp311-cp311-linux_x86_64`."""
    impl = sys.implementation.name
    if impl != "cpython":
        raise BuildError(f"oxyc compiles for CPython, not {impl}")
    ver = f"{sys.version_info.major}{sys.version_info.minor}"
    abi = f"cp{ver}{getattr(sys, 'abiflags', '')}"
    plat = re.sub(r"[-.]", "_", sysconfig.get_platform())
    return f"cp{ver}-{abi}-{plat}"


# ---------------------------------------------------------------------------- writing archives


def _epoch() -> tuple[int, int, int, int, int, int]:
    """Timestamps in archives: SOURCE_DATE_EPOCH (reproducible builds) or 1980-01-01."""
    sde = os.environ.get("SOURCE_DATE_EPOCH")
    if sde and sde.isdigit():
        t = time.gmtime(max(int(sde), 315532800))
        return (t.tm_year, t.tm_mon, t.tm_mday, t.tm_hour, t.tm_min, t.tm_sec)
    return (1980, 1, 1, 0, 0, 0)


class _WheelWriter:
    """Collects files, then writes the wheel (RECORD last) to a temporary name and renames
    it into place, so a failed build leaves no partial wheel."""

    def __init__(self, directory: str, basename: str) -> None:
        self.path = Path(directory) / basename
        self.files: list[tuple[str, bytes, int]] = []

    def add(self, arcname: str, data: bytes, mode: int = 0o644) -> None:
        self.files.append((arcname, data, mode))

    def add_tree(self, root: Path) -> None:
        for path in sorted(_walk(root)):
            rel = path.relative_to(root).as_posix()
            mode = 0o755 if os.access(path, os.X_OK) and path.suffix != ".py" else 0o644
            self.add(rel, path.read_bytes(), mode)

    def write(self, dist_info: str) -> str:
        record_name = f"{dist_info}/RECORD"
        rows = []
        for name, data, _ in self.files:
            digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=")
            rows.append(f"{_csv(name)},sha256={digest.decode()},{len(data)}")
        rows.append(f"{_csv(record_name)},,")
        record = ("\n".join(rows) + "\n").encode()
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{self.path.name}.", suffix=".tmp", dir=self.path.parent)
        os.close(fd)
        try:
            with zipfile.ZipFile(tmp, "w", compression=zipfile.ZIP_DEFLATED) as zf:
                for name, data, mode in [*self.files, (record_name, record, 0o644)]:
                    info = zipfile.ZipInfo(name, date_time=_epoch())
                    info.external_attr = (0o100000 | mode) << 16
                    info.compress_type = zipfile.ZIP_DEFLATED
                    zf.writestr(info, data)
            os.replace(tmp, self.path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        return self.path.name


def _csv(name: str) -> str:
    return f'"{name}"' if "," in name or '"' in name else name


def _walk(root: Path) -> Iterator[Path]:
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if d not in _SKIP_NAMES)
        for f in filenames:
            yield Path(dirpath) / f


def _is_build_product(path: Path) -> bool:
    return path.suffix in {".so", ".pyd", ".pyc", ".pyo", ".o", ".dylib"} or path.name.endswith(
        ".tmp"
    )


# ---------------------------------------------------------------------------- compiling


def _say(message: str) -> None:
    print(f"oxyc.build: {message}", file=sys.stderr, flush=True)


def _c_compiler() -> str | None:
    """The C compiler oxyc would use (CC, else cc), if it exists."""
    cc = os.environ.get("CC", "").split()
    program = cc[0] if cc else "cc"
    return shutil.which(program)


def _stage(project: Project, staging: Path) -> None:
    """Copy the shipped packages (sources and data, no build products) into `staging`."""
    for source, root in project.shipped():
        rel = source.relative_to(root)
        if source.is_dir():
            for path in _walk(source):
                if _is_build_product(path):
                    continue
                dest = staging / rel / path.relative_to(source)
                dest.parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(path, dest)
        else:
            dest = staging / rel
            dest.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, dest)


def _compile(project: Project, staging: Path, config_settings: Mapping[str, Any] | None) -> bool:
    """Compile into `staging` with oxyc; False when compilation was skipped."""
    if os.environ.get("OXYC_SKIP_COMPILE", "") not in ("", "0"):
        _say("OXYC_SKIP_COMPILE is set: building a pure-Python wheel (nothing compiled)")
        return False
    if not project.compile:
        _say("[tool.oxyc] compile is empty: building a pure-Python wheel")
        return False
    if _c_compiler() is None:
        cc = os.environ.get("CC") or "cc"
        _say(f"no C compiler found (`{cc}`; set CC to name one): building a pure-Python wheel")
        return False
    oxyc = find_oxyc_bin()
    cmd = [oxyc, "build", "--no-config", "--relative-paths", "--python", sys.executable, "-o", str(staging)]
    for pattern in project.include:
        cmd += ["--include", pattern]
    for pattern in project.exclude:
        cmd += ["--exclude", pattern]
    settings = config_settings or {}
    if str(settings.get("verbose", "")).lower() in ("1", "true"):
        cmd.append("-v")
    opt = settings.get("opt-level")
    if isinstance(opt, str) and opt in ("0", "1", "2", "3"):
        cmd.append(f"-O{opt}")
    cmd += [str(project.root / c) for c in project.compile]
    result = subprocess.run(cmd, cwd=project.root)
    if result.returncode != 0:
        raise BuildError(
            f"oxyc failed (exit status {result.returncode}); see its messages above. "
            "No wheel was written. (OXYC_SKIP_COMPILE=1 builds a pure-Python wheel.)"
        )
    return True


def _drop_compiled_sources(staging: Path) -> None:
    """keep-sources = false: remove each .py that has an extension module beside it."""
    suffix = sysconfig.get_config_var("EXT_SUFFIX") or ".so"
    for ext in list(_walk(staging)):
        if ext.name.endswith(suffix):
            source = ext.with_name(ext.name[: -len(suffix)] + ".py")
            source.unlink(missing_ok=True)


# ---------------------------------------------------------------------------- PEP 517 hooks


def get_requires_for_build_wheel(config_settings: Mapping[str, Any] | None = None) -> list[str]:
    return []


def get_requires_for_build_sdist(config_settings: Mapping[str, Any] | None = None) -> list[str]:
    return []


def get_requires_for_build_editable(config_settings: Mapping[str, Any] | None = None) -> list[str]:
    return []


def _write_metadata_dir(project: Project, metadata_directory: str) -> str:
    dist_info = Path(metadata_directory) / project.dist_info
    dist_info.mkdir(parents=True, exist_ok=True)
    (dist_info / "METADATA").write_text(_metadata(project), encoding="utf-8")
    entry_points = _entry_points(project)
    if entry_points:
        (dist_info / "entry_points.txt").write_text(entry_points, encoding="utf-8")
    return dist_info.name


def prepare_metadata_for_build_wheel(
    metadata_directory: str, config_settings: Mapping[str, Any] | None = None
) -> str:
    return _write_metadata_dir(Project(Path.cwd()), metadata_directory)


def prepare_metadata_for_build_editable(
    metadata_directory: str, config_settings: Mapping[str, Any] | None = None
) -> str:
    return _write_metadata_dir(Project(Path.cwd()), metadata_directory)


def _add_dist_info(wheel: _WheelWriter, project: Project, tag: str, pure: bool) -> None:
    wheel.add(f"{project.dist_info}/METADATA", _metadata(project).encode())
    wheel.add(f"{project.dist_info}/WHEEL", _wheel_file(tag, pure).encode())
    entry_points = _entry_points(project)
    if entry_points:
        wheel.add(f"{project.dist_info}/entry_points.txt", entry_points.encode())


def build_wheel(
    wheel_directory: str,
    config_settings: Mapping[str, Any] | None = None,
    metadata_directory: str | None = None,
) -> str:
    project = Project(Path.cwd())
    with tempfile.TemporaryDirectory(prefix="oxyc-wheel-") as tmp:
        staging = Path(tmp) / "staging"
        staging.mkdir()
        _stage(project, staging)
        compiled = _compile(project, staging, config_settings)
        if compiled and not project.keep_sources:
            _drop_compiled_sources(staging)
        tag = _platform_tag() if compiled else "py3-none-any"
        wheel = _WheelWriter(wheel_directory, f"{project.dist_name}-{project.version}-{tag}.whl")
        wheel.add_tree(staging)
        _add_dist_info(wheel, project, tag, pure=not compiled)
        name = wheel.write(project.dist_info)
    _say(f"wrote {name}" + ("" if compiled else " (pure Python)"))
    return name


def build_editable(
    wheel_directory: str,
    config_settings: Mapping[str, Any] | None = None,
    metadata_directory: str | None = None,
) -> str:
    """PEP 660: a wheel with a .pth file that puts the project's import roots on sys.path."""
    project = Project(Path.cwd())
    roots: list[str] = []
    for _, root in project.shipped():
        if str(root) not in roots:
            roots.append(str(root))
    tag = "py3-none-any"
    wheel = _WheelWriter(wheel_directory, f"{project.dist_name}-{project.version}-{tag}.whl")
    wheel.add(f"__editable__.{project.dist_name}.pth", ("\n".join(roots) + "\n").encode())
    _add_dist_info(wheel, project, tag, pure=True)
    name = wheel.write(project.dist_info)
    _say(
        f"wrote {name}: an editable install runs the sources interpreted "
        "(`oxyc build` in the checkout compiles them in place)"
    )
    return name


def _sdist_files(project: Project) -> Iterable[Path]:
    root = project.root
    yield root / "pyproject.toml"
    for pattern in ("README*", "LICEN[CS]E*", "COPYING*", "NOTICE*"):
        yield from sorted(p for p in root.glob(pattern) if p.is_file())
    readme = project.project.get("readme")
    if isinstance(readme, dict):
        readme = readme.get("file")
    if isinstance(readme, str):
        yield root / readme
    for source, _ in project.shipped():
        if source.is_dir():
            yield from sorted(p for p in _walk(source) if not _is_build_product(p))
        else:
            yield source
    tests = root / "tests"
    if tests.is_dir():
        yield from sorted(p for p in _walk(tests) if not _is_build_product(p))


def build_sdist(sdist_directory: str, config_settings: Mapping[str, Any] | None = None) -> str:
    """The sources: pyproject.toml, readme and licence, the shipped packages, tests/.
    No build products (extension modules, bytecode)."""
    project = Project(Path.cwd())
    base = f"{project.dist_name}-{project.version}"
    out = Path(sdist_directory) / f"{base}.tar.gz"
    out.parent.mkdir(parents=True, exist_ok=True)
    seen: set[str] = set()
    mtime = time.mktime((*_epoch(), 0, 0, -1)) if os.environ.get("SOURCE_DATE_EPOCH") else 315532800

    def add(tar: tarfile.TarFile, arcname: str, data: bytes) -> None:
        info = tarfile.TarInfo(f"{base}/{arcname}")
        info.size = len(data)
        info.mtime = int(mtime)
        info.mode = 0o644
        tar.addfile(info, io.BytesIO(data))

    fd, tmp = tempfile.mkstemp(prefix=f".{out.name}.", suffix=".tmp", dir=out.parent)
    os.close(fd)
    try:
        with tarfile.open(tmp, "w:gz", format=tarfile.PAX_FORMAT) as tar:
            for path in _sdist_files(project):
                rel = PurePosixPath(path.resolve().relative_to(project.root.resolve()).as_posix())
                if str(rel) in seen or not path.is_file():
                    continue
                seen.add(str(rel))
                add(tar, str(rel), path.read_bytes())
            add(tar, "PKG-INFO", _metadata(project).encode())
        os.replace(tmp, out)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    _say(f"wrote {out.name}")
    return out.name
