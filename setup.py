"""Packaging: everything is in pyproject.toml except one build step.

The design keeps `schema.sql` and `locales/` at the top of the checkout, beside the packages.
A wheel has no top: the build copies them into the packages that read them, as package data
(`db/schema.sql`, `bot/locales/`). Code looks there first and then at the checkout's top
(db/migrations.py, bot/config.py), so an editable install and a plain checkout read the
files where they are, and nothing is copied into the source tree.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py
from setuptools.command.sdist import sdist

ROOT = Path(__file__).resolve().parent


class BuildPyWithData(build_py):  # type: ignore[misc]
    def run(self) -> None:
        super().run()
        if self.editable_mode:
            return  # read from the checkout (see above)
        target = Path(self.build_lib)
        shutil.copy2(ROOT / "schema.sql", target / "db" / "schema.sql")
        locales = target / "bot" / "locales"
        shutil.rmtree(locales, ignore_errors=True)
        shutil.copytree(
            ROOT / "locales",
            locales,
            ignore=shutil.ignore_patterns(".*", "*.mo", "__pycache__"),
        )


setup(cmdclass={"build_py": BuildPyWithData, "sdist": sdist})
