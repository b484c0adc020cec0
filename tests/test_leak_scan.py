"""Nothing about a person is readable on disk outside the encrypted store: after a training
deployment (interviews, signed referrals, a bundle) and a real GUI session answering questions,
no file in the data folder, the temp folder, or the user's cache, config and data folders holds
a synthetic name or answer in clear. The export folder is left out: it holds what was handed
out on purpose (signed referrals)."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
GUI_PERSON = "Besa Provaj"
ANSWERS = ("Oficer Shembulli", "Punonjëse Sociale Shembulli", "shqip")


def _sandbox_env(home: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "INTERVIEW_ROOM_DEBUG"}
    for name in ("XDG_CACHE_HOME", "XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_STATE_HOME"):
        env[name] = str(home / name.lower())
    env |= {"HOME": str(home), "TMPDIR": str(home / "tmp"), "QT_QPA_PLATFORM": "offscreen"}
    return env


def test_no_name_or_answer_in_clear_anywhere_the_app_writes(tmp_path: Path) -> None:
    home = tmp_path / "home"
    (home / "tmp").mkdir(parents=True)
    env = _sandbox_env(home)
    data = home / "data"
    demo = subprocess.run(
        [
            sys.executable,
            "-m",
            "interview_room",
            "demo",
            "--data-dir",
            str(data),
            "--export-dir",
            str(tmp_path / "export"),
            "--json",
        ],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        timeout=180,
        check=True,
    )
    report = json.loads(demo.stdout)
    admin = next(u for u in report["users"] if u["role"] == "station_admin")

    worker = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "tests.gui.interview.crash_worker",
            str(data),
            admin["username"],
            admin["password"],
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        env=env,
        cwd=ROOT,
    )
    answered = 0
    try:
        assert worker.stdout is not None
        for line in worker.stdout:
            answered += line.startswith("answered ")
            if answered >= 15 or line.startswith("idle"):
                break
    finally:
        worker.send_signal(signal.SIGKILL)
        worker.wait(timeout=30)
    assert answered >= 15

    needles = [n.encode() for n in report["sample_names"]]
    needles += [GUI_PERSON.encode(), *(a.encode() for a in ANSWERS)]
    needles += [n.split(" ")[0].encode() + b" " for n in report["sample_names"]]
    scanned = [p for p in home.rglob("*") if p.is_file() and not p.is_symlink()]
    assert any(p.name == "station.db" for p in scanned)
    hits = [
        f"{p.relative_to(home)}: {needle!r}"
        for p in scanned
        for needle in needles
        if needle in p.read_bytes()
    ]
    assert hits == []
