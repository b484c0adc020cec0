"""Independent checkers (poppler, qpdf, NSS certutil, openssl) decide whether our PDFs and
signatures are good. Missing on a developer machine: the test is skipped; in CI (CI=true) it
fails, so a green CI run never hides a skipped check."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

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


def pdf_fonts(pdf: Path) -> dict[str, bool]:
    """Each font ``pdf`` names (poppler's ``pdffonts``, which also looks inside form
    XObjects and annotation appearances such as signature stamps) and whether it is embedded."""
    listing = run_tool(require_tool("pdffonts"), str(pdf))
    assert listing.returncode == 0, listing.stderr
    header, rule, *rows = listing.stdout.splitlines()
    # Columns are fixed-width, set by the row of dashes; names and types may hold spaces.
    starts = [0] + [i + 1 for i, char in enumerate(rule) if char == " " and rule[i + 1] == "-"]
    columns = [header[start:].split()[0] for start in starts]
    name_at, embedded_at = starts[columns.index("name")], starts[columns.index("emb")]
    fonts: dict[str, bool] = {}
    for row in rows:
        name = row[name_at : starts[columns.index("name") + 1]].strip()
        embedded = row[embedded_at : embedded_at + 3].strip() == "yes"
        fonts[name] = fonts.get(name, True) and embedded
    return fonts


def unembedded_fonts(pdf: Path) -> list[str]:
    """The fonts ``pdf`` names without embedding them (``pdffonts``: ``emb=no``)."""
    return sorted(name for name, embedded in pdf_fonts(pdf).items() if not embedded)


def pdf_words(pdf: bytes, tmp_path: Path) -> str:
    """The words poppler's ``pdftotext`` reads in ``pdf``, on one line (spaces normalised)."""
    require_tool("pdftotext")
    path = tmp_path / "form.pdf"
    path.write_bytes(pdf)
    out = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True)
    return " ".join(out.stdout.split())
