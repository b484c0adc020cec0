"""Shared fixtures: real workstations (real Argon2id at the floor), real SQLCipher stores.

Nothing here imports Qt; GUI tests under tests/gui/ bring their own fixtures.
"""

from __future__ import annotations

import os

# Set before anything could load Qt, so GUI tests never need a display.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import json
import secrets
import shutil
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from interview_room.store.database import Database
from interview_room.store.kdf import MINIMUM_ARGON2
from interview_room.store.migrate import migrate
from interview_room.store.recovery_key import RecoveryKey
from interview_room.workstation import Session, Workstation

ADMIN_USERNAME = "admin.mor"
ADMIN_PASSWORD = "synthetic-admin-passphrase"
START = datetime(2026, 3, 2, 9, 30, tzinfo=UTC)


@dataclass
class FixedClock:
    """A clock that stands still until a test moves it: throttle tests need no sleeps."""

    now: datetime = START

    def __call__(self) -> datetime:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += timedelta(seconds=seconds)


@dataclass
class CreatedStation:
    """A freshly set-up workstation with its first administrator still signed in."""

    workstation: Workstation
    session: Session
    recovery_key: RecoveryKey
    clock: FixedClock
    admin_username: str = ADMIN_USERNAME
    admin_password: str = ADMIN_PASSWORD
    data_dir: Path = field(init=False)

    def __post_init__(self) -> None:
        self.data_dir = self.workstation.data_dir


WorkstationFactory = Callable[..., CreatedStation]


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock()


@pytest.fixture
def workstation(tmp_path: Path) -> Iterator[WorkstationFactory]:
    """Build real workstations in ``tmp_path`` using the real Argon2id at the required floor."""
    sessions: list[Session] = []
    counter = 0

    def create(
        name: str | None = None,
        code: str = "MOR",
        training: bool = False,
        clock: FixedClock | None = None,
    ) -> CreatedStation:
        nonlocal counter
        counter += 1
        data_dir = tmp_path / (name or f"station{counter}")
        station_clock = clock or FixedClock()
        ws = Workstation(data_dir, clock=station_clock)
        created = ws.create(
            "Stacioni Morinë (sintetik)",
            code,
            ADMIN_USERNAME,
            "Admin Shembulli",
            ADMIN_PASSWORD,
            training=training,
            kdf=MINIMUM_ARGON2,
        )
        sessions.append(created.session)
        return CreatedStation(ws, created.session, created.recovery_key, station_clock)

    yield create
    for session in sessions:
        if session.is_open:
            session.db.close()


@dataclass
class OpenStore:
    db: Database
    key: bytes
    path: Path


@pytest.fixture
def store(tmp_path: Path) -> Iterator[OpenStore]:
    """A real SQLCipher file with a random key, migrated to the latest schema."""
    key = secrets.token_bytes(32)
    path = tmp_path / "store.db"
    db = Database.open(path, key)
    migrate(db, tmp_path / "backups")
    yield OpenStore(db, key, path)
    db.close()


# -- the real command line ---------------------------------------------------------------------


@dataclass(frozen=True)
class CliRun:
    returncode: int
    stdout: str
    stderr: str
    seconds: float


def run_cli(*args: str | Path, stdin: str = "", tmpdir: Path | None = None) -> CliRun:
    """Run ``python -m interview_room ARGS`` as a separate process, as an administrator would."""
    env = {k: v for k, v in os.environ.items() if k != "INTERVIEW_ROOM_DEBUG"}
    env["PYTHONIOENCODING"] = "utf-8"
    if tmpdir is not None:
        env["TMPDIR"] = str(tmpdir)
    started = time.monotonic()
    completed = subprocess.run(
        [sys.executable, "-m", "interview_room", *map(str, args)],
        input=stdin,
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        timeout=120,
        check=False,
    )
    return CliRun(
        completed.returncode, completed.stdout, completed.stderr, time.monotonic() - started
    )


@dataclass(frozen=True)
class DemoStation:
    """One training deployment built by ``interview-room demo --json`` for the whole suite.

    Tests that change the station work on :meth:`copy`, so every test sees it as built.
    """

    run: CliRun
    report: dict[str, Any]
    data_dir: Path
    export_dir: Path
    tmpdir: Path

    def user(self, role: str) -> dict[str, str]:
        return next(u for u in self.report["users"] if u["role"] == role)

    def copy(self, target: Path) -> Path:
        shutil.copytree(self.data_dir, target)
        return target


@pytest.fixture(scope="session")
def demo_station(tmp_path_factory: pytest.TempPathFactory) -> DemoStation:
    root = tmp_path_factory.mktemp("demo")
    tmpdir = root / "tmp"
    tmpdir.mkdir()
    data_dir, export_dir = root / "data", root / "export"
    run = run_cli(
        "demo", "--data-dir", data_dir, "--export-dir", export_dir, "--json", tmpdir=tmpdir
    )
    assert run.returncode == 0, run.stderr
    return DemoStation(run, json.loads(run.stdout), data_dir, export_dir, tmpdir)
