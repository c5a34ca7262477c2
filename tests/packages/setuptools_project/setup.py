"""The example package built the setup.py way, through oxyc.setuptools. The test
(crates/oxyc/tests/backend.rs) copies ../demo_project/src beside this file first."""

from setuptools import setup

from oxyc.setuptools import compile_modules

setup(
    name="demo-pkg",
    version="0.3.1",
    package_dir={"": "src"},
    packages=["demo_pkg", "demo_pkg.util", "demo_pkg.shapes"],
    ext_modules=compile_modules(["src/demo_pkg"], exclude=["demo_pkg/plugins.py"]),
)
