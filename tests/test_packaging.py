"""`pip install .` must give a working app: the wheel carries every data file it needs."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_wheel_ships_protocols_catalogs_and_schema(tmp_path: Path) -> None:
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--quiet",
            "--no-deps",
            "--no-build-isolation",
            "--wheel-dir",
            str(tmp_path),
            str(ROOT),
        ],
        check=True,
        capture_output=True,
        cwd=tmp_path,
    )
    (wheel,) = tmp_path.glob("interview_room-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    expected = {
        "interview_room/gui/i18n/interview_room_sq.qm",
        "interview_room/store/schema.sql",
        "interview_room/_resources/protocols/screening-v1/protocol.json",
        "interview_room/_resources/protocols/screening-v1/texts/sq.json",
        "interview_room/_resources/protocols/screening-v1/texts/en.json",
        # Every version stays: old interviews are reopened with the wording they began with.
        "interview_room/_resources/protocols/screening-v2/protocol.json",
        "interview_room/_resources/protocols/screening-v2/texts/sq.json",
        "interview_room/_resources/protocols/screening-v2/texts/en.json",
        "interview_room/_resources/protocols/screening-v2/vectors.json",
    }
    assert expected <= names
    assert not any(name.startswith(("tests/", "interview_room/tests")) for name in names)
