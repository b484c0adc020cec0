"""Packaging hook: ship the top-level ``resources/`` folder inside the installed package.

The source tree keeps protocols, fonts and directories in ``resources/`` (editable data the
central office reviews); an installed or frozen build finds them in ``interview_room/_resources``
(see ``interview_room.resources``). Everything else is declared in pyproject.toml.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py


class BuildWithResources(build_py):
    def run(self) -> None:
        super().run()
        source = Path(__file__).resolve().parent / "resources"
        target = Path(self.build_lib) / "interview_room" / "_resources"
        if target.exists():
            shutil.rmtree(target)
        shutil.copytree(source, target, ignore=shutil.ignore_patterns("__pycache__"))


setup(cmdclass={"build_py": BuildWithResources})
