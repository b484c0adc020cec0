"""Independent checkers (poppler, qpdf, NSS certutil, openssl) decide whether our PDFs and
signatures are good. Missing on a developer machine: the test is skipped; in CI (CI=true) it
fails, so a green CI run never hides a skipped check."""

from __future__ import annotations

import os
import shutil
import subprocess

import pytest

# Debian packages that provide the checking tools.
_PACKAGES = {
    "pdfsig": "poppler-utils",
    "pdftotext": "poppler-utils",
    "pdffonts": "poppler-utils",
    "pdfinfo": "poppler-utils",
    "pdftoppm": "poppler-utils",
    "qpdf": "qpdf",
    "certutil": "libnss3-tools",
    "openssl": "openssl",
    "age": "age",
    "gcc": "gcc",
    "nm": "binutils",
}


def require_tool(name: str) -> str:
    """The tool's path. Missing: skip on a developer machine, fail in CI (CI=true)."""
    path = shutil.which(name)
    if path is None:
        package = _PACKAGES.get(name, name)
        if os.environ.get("CI") == "true":
            pytest.fail(f"{name} must be installed in CI (Debian package {package})")
        pytest.skip(f"{name} is not installed (Debian package {package})")
    return path


def run_tool(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(args, capture_output=True, text=True, timeout=60, check=False)
