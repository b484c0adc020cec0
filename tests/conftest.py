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


def new_station(
    data_dir: Path, code: str = "MOR", training: bool = False, clock: FixedClock | None = None
) -> CreatedStation:
    """A real workstation in ``data_dir`` (real Argon2id at the floor), its admin signed in;
    also for module fixtures that build a set-up once and give each test a copy."""
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
    return CreatedStation(ws, created.session, created.recovery_key, station_clock)


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
        created = new_station(data_dir, code, training, clock)
        sessions.append(created.session)
        return created

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


# -- spreading the suite over CI's two cores (pytest-xdist, `--dist loadfile`) -------------------

LONGEST_FIRST = (
    "tests/test_frozen_build.py",
    "tests/test_reliability.py",
    "tests/sync/test_attacks_centre_package_revocations.py",
    "tests/referral/test_signing_authority.py",
    "tests/sync/test_centre_package_revocations.py",
    "tests/sync/test_attacks_centre_package_vectors.py",
    "tests/sync/test_attacks_centre_package.py",
    "tests/center/test_certificate_register.py",
    "tests/cli/test_station_sync_commands.py",
    # added 2026-12-08 (each builds real stations and a centre per test): the suite's tail
    "tests/referral/test_restored_station_revocations.py",
    "tests/sync/test_centre_package_withdraw.py",
    "tests/center/test_statistics_seal.py",
    "tests/referral/test_embedded_revocations.py",
    "tests/center/test_conflict_seen_before.py",
    "tests/gui/test_binding_references.py",
)
"""Files that took 40 s or more on two busy cores (measured 2026-12-07), started first: under
xdist's own order (most tests first) the one-test frozen build began last and ran alone."""

SPREAD_OVER_WORKERS = frozenset({"tests/test_reliability.py"})
"""Files whose tests share no module fixture and each run long: every test is its own unit of
work, so the two workers share them instead of one worker running the whole file."""


def _file_order(items: list[pytest.Item]) -> dict[str, tuple[int, int]]:
    counts: dict[str, int] = {}
    for item in items:
        module = item.nodeid.split("::", 1)[0]
        counts[module] = counts.get(module, 0) + 1
    ranks = {module: rank for rank, module in enumerate(LONGEST_FIRST)}
    return {m: (ranks.get(m, len(ranks)), -count) for m, count in counts.items()}


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """On an xdist worker: the longest files first, then the others by their number of tests
    (xdist's own order), each file's tests kept together and in their order."""
    if not hasattr(config, "workerinput"):
        return
    order = _file_order(items)
    items.sort(key=lambda item: order[item.nodeid.split("::", 1)[0]])


def pytest_xdist_make_scheduler(config: pytest.Config, log: Any) -> Any:
    """``--dist loadfile`` in the collection order above, the files of SPREAD_OVER_WORKERS cut
    into one unit per test; any other ``--dist`` is xdist's own."""
    if config.getoption("dist") != "loadfile":
        return None
    from xdist.scheduler import LoadFileScheduling  # type: ignore[import-untyped]

    class LongestFirst(LoadFileScheduling):  # type: ignore[misc]
        def _split_scope(self, nodeid: str) -> str:
            module = nodeid.split("::", 1)[0]
            return nodeid if module in SPREAD_OVER_WORKERS else module

    config.option.loadscopereorder = False  # keep the order pytest_collection_modifyitems made
    return LongestFirst(config, log)
