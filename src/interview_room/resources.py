"""Where the files shipped with Interview Room (protocols, fonts, catalogs) live on disk."""

from __future__ import annotations

from pathlib import Path

_PACKAGE_DIR = Path(__file__).resolve().parent


def resources_root() -> Path:
    """Return the folder holding the shipped resources.

    An installed or frozen build copies them into ``interview_room/_resources``; that copy wins
    when present. Otherwise the source checkout's ``resources/`` folder (beside ``src/``) is used.
    """
    installed = _PACKAGE_DIR / "_resources"
    if installed.is_dir():
        return installed
    return _PACKAGE_DIR.parents[1] / "resources"
