"""The crash drills' harness: stores to start from, a worker killed with SIGKILL at a chosen
moment, and the checks every phase makes on what the kill left behind."""

from __future__ import annotations

import contextlib
import json
import os
import select
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from interview_room.center.store import CenterStore
from interview_room.interview.protocols import ProtocolLibrary
from interview_room.store.database import Database, DatabaseUnreadable
from interview_room.sync.errors import SyncError
from interview_room.sync.receipt import read_receipt
from interview_room.sync.station import StationSync
from interview_room.training.scenarios import PATHS, run_scenario
from interview_room.training.synthetic import synthetic_names
from interview_room.workstation import Session, Workstation
from reliability.stations import ADMIN, new_training_station

ROOT = Path(__file__).resolve().parent.parent
STARTUP_SECONDS = 120.0  # a busy CI machine may take long to start a Python process
STEP_SECONDS = 60.0

Rows = frozenset[tuple[Any, ...]]


# -- stores to start from ------------------------------------------------------------------------


@dataclass(frozen=True)
class Station:
    """A closed station folder to copy, with what the parent needs to check it."""

    data_dir: Path
    database_key: bytes
    station_id: str
    cases: int

    def copy(self, target: Path) -> Station:
        shutil.copytree(self.data_dir, target)
        return Station(target, self.database_key, self.station_id, self.cases)

    @property
    def database(self) -> Path:
        return Workstation(self.data_dir).database_path

    def unlock(self) -> Session:
        return Workstation(self.data_dir).unlock(*ADMIN)


def new_station(
    data_dir: Path, cases: int, center: CenterStore | None = None, keep_open: bool = False
) -> tuple[Station, Session | None]:
    """A training station with ``cases`` synthetic interviews along every path, linked to
    ``center`` when given; the lightest Argon2id the code allows, as the test suite uses."""
    created = new_training_station(Workstation(data_dir))
    session = created.session
    protocol = ProtocolLibrary().current()
    for index, name in enumerate(synthetic_names(cases)):
        run_scenario(session, protocol, PATHS[index % len(PATHS)], name, index, None)
    if center is not None:
        station = session.station
        key = center.enroll_station(station.station_id, station.name, station.code)
        keys = center.keys()
        StationSync(session).link(key, keys.age_recipient, keys.receipt_public_key)
    made = Station(data_dir, session.keys.database_key, session.station.station_id, cases)
    if keep_open:
        return made, session
    session.lock()
    return made, None


def integrity_problems(path: Path, key: bytes) -> list[str]:
    """SQLite's ``integrity_check`` and SQLCipher's ``cipher_integrity_check`` on the store as
    the kill left it (opening it replays a committed write-ahead log, as the app's open does)."""
    try:
        db = Database.open(path, key)
    except DatabaseUnreadable as error:
        return [f"does not open: {error}"]
    try:
        problems = [str(r[0]) for r in db.all("PRAGMA integrity_check") if r[0] != "ok"]
        return problems + [f"cipher: {p}" for p in db.integrity_problems()]
    finally:
        db.close()


def answer_rows(db: Database) -> Rows:
    return frozenset(db.all("SELECT case_id, question_id, status, value FROM answers"))


def record_rows(db: Database) -> Rows:
    return frozenset(
        db.all("SELECT kind, record_id, station_id, version, content_hash FROM records")
    )


def read_rows(path: Path, key: bytes, read: Callable[[Database], Rows]) -> Rows:
    db = Database.open(path, key)
    try:
        return read(db)
    finally:
        db.close()


def leftovers(folder: Path) -> int:
    """Temp files an interrupted atomic write left behind (never read by the app)."""
    return sum(1 for p in folder.glob(".*.tmp")) if folder.is_dir() else 0


# -- what the kill left behind ----------------------------------------------------------------


def committed_answers(lines: list[str]) -> dict[tuple[str, str], tuple[str, str | None]]:
    """(case, question) → (status, stored value) of every answer the worker said was saved."""
    committed: dict[tuple[str, str], tuple[str, str | None]] = {}
    for line in lines:
        word, _, rest = line.partition(" ")
        if word == "answer":
            case_id, question_id, status, value = json.loads(rest)
            committed[(case_id, question_id)] = (status, value)
    return committed


def interview_state(db: Database, case_id: str) -> tuple[Any, ...]:
    """How an interview stands: section, outcome, case status, and every answer."""
    row = db.one(
        "SELECT i.current_section, i.outcome, c.status FROM interviews i"
        " JOIN cases c ON c.id = i.case_id WHERE i.case_id = ?",
        (case_id,),
    )
    answers = frozenset(
        db.all("SELECT question_id, status, value FROM answers WHERE case_id = ?", (case_id,))
    )
    return (row, answers)


def center_holds(center: CenterStore, station: Session) -> list[str]:
    """The centre holds each of the station's records exactly once, at its current version."""
    db = center.open()
    try:
        held = db.all("SELECT record_id, version, content_hash FROM records")
    finally:
        db.close()
    wanted = station.db.all("SELECT case_id, version, content_hash FROM sync_records")
    if sorted(held) != sorted(wanted):
        return [f"centre holds {len(held)} records, the station has {len(wanted)}"]
    return []


def receipt_problems(center: CenterStore, folders: list[Path], station_id: str) -> list[str]:
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

    key = Ed25519PublicKey.from_public_bytes(center.keys().receipt_public_key)
    problems: list[str] = []
    for folder in folders:
        for path in sorted(folder.glob("IR-*.receipt.json")) if folder.is_dir() else []:
            try:
                read_receipt(path.read_bytes(), center_public_key=key, station_id=station_id)
            except SyncError as error:
                problems.append(f"{path.name}: {error}")
    return problems


# -- one killed child ---------------------------------------------------------------------------


class _Lines:
    """Whole lines from a child's stdout, with a timeout (select on the raw pipe)."""

    def __init__(self, stream: IO[bytes]) -> None:
        self._fd = stream.fileno()
        self._buffer = b""
        self._eof = False

    def next(self, timeout: float) -> str | None:
        """The next line, or None once the child has closed its end."""
        deadline = time.monotonic() + timeout
        while b"\n" not in self._buffer:
            if self._eof:
                return None
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise TimeoutError("the worker went quiet")
            readable, _, _ = select.select([self._fd], [], [], remaining)
            if readable:
                chunk = os.read(self._fd, 65536)
                self._eof = not chunk
                self._buffer += chunk
        line, _, self._buffer = self._buffer.partition(b"\n")
        return line.decode("utf-8")


@dataclass
class ChildRun:
    """What a killed worker reported before it died."""

    lines: list[str] = field(default_factory=list)
    finished: bool = False
    """It printed ``done``: the kill came after the whole job had committed."""
    problem: str = ""
    seconds: float = 0.0
    """How long the whole job took in the worker, when it finished."""

    def finish(self, line: str | None) -> None:
        if line is not None:
            self.finished = True
            self.seconds = float(line.split(" ")[1])


def job_seconds(job: dict[str, Any]) -> float:
    """How long ``job`` takes in a worker left to finish it: the window the kills fall in."""
    run = run_and_kill(job, sys.maxsize, 0.0)
    if not run.finished:
        raise RuntimeError(f"the uninterrupted {job['phase']} job failed: {run.problem}")
    return run.seconds


def run_and_kill(job: dict[str, Any], after_lines: int, delay: float) -> ChildRun:
    """Start a worker on ``job``, let it report ``after_lines`` committed steps, wait ``delay``
    seconds more and kill it with SIGKILL; return every line it managed to report."""
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")]),
    }
    run = ChildRun()
    with tempfile.TemporaryFile() as stderr:
        child = subprocess.Popen(
            [sys.executable, "-m", "reliability.crash_worker"],
            cwd=ROOT,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=stderr,
            env=env,
        )
        assert child.stdin is not None and child.stdout is not None
        lines = _Lines(child.stdout)
        try:
            child.stdin.write(json.dumps(job).encode() + b"\n")
            child.stdin.flush()
            if lines.next(STARTUP_SECONDS) != "ready":
                run.problem = "the worker did not start"
            else:
                child.stdin.write(b"go\n")
                child.stdin.flush()
                while len(run.lines) < after_lines:
                    line = lines.next(STEP_SECONDS)
                    if line is None or line.startswith("done"):
                        run.finish(line)
                        break
                    run.lines.append(line)
                time.sleep(delay)
        except TimeoutError as error:
            run.problem = str(error)
        finally:
            child.kill()
            child.wait()
            child.stdin.close()
        # Lines written before the kill are still in the pipe.
        while (line := lines.next(STEP_SECONDS)) is not None:
            if line.startswith("done"):
                run.finish(line)
            else:
                run.lines.append(line)
        child.stdout.close()
        if child.returncode != -signal.SIGKILL or run.problem:
            stderr.seek(0)
            tail = stderr.read().decode("utf-8", "replace").strip().splitlines()[-1:]
            cause = run.problem or f"the worker ended on its own ({child.returncode})"
            run.problem = f"{cause}: {' '.join(tail)}"
    return run


@dataclass
class Trial:
    """One kill and its checks; ``intact`` is the verdict on the store as the kill left it."""

    problems: list[str] = field(default_factory=list)
    intact: bool = False
    mid_work: bool = False


@dataclass
class Tally:
    """The trials of one phase."""

    trials: int = 0
    intact: int = 0
    carried_on: int = 0
    committed: int = 0
    lost: int = 0
    mid_work: int = 0
    leftovers: int = 0
    landed: Counter[str] = field(default_factory=Counter)
    """Where the kills left the work ("at schema 5", "with the bundle on the stick" ...)."""
    failures: list[str] = field(default_factory=list)

    @contextlib.contextmanager
    def trial(self) -> Iterator[Trial]:
        """Count one trial; an exception in its checks is one more problem, not the end of
        the run (a store the app cannot reopen is exactly what the drill looks for)."""
        trial = Trial()
        try:
            yield trial
        except Exception as error:
            trial.problems.append(f"{type(error).__name__}: {error}")
        self.trials += 1
        self.intact += trial.intact
        self.carried_on += not trial.problems
        self.mid_work += trial.mid_work
        if trial.problems:
            self.failures.append(f"trial {self.trials}: {'; '.join(trial.problems[:3])}")

    @property
    def held(self) -> bool:
        return not self.failures and self.lost == 0 and self.intact == self.trials

    def where(self) -> str:
        """The kills by where they left the work: "3 at schema 4, 1 at schema 5"."""
        return ", ".join(f"{n} {state}" for state, n in sorted(self.landed.items()))

    def outcome(self, words: str) -> str:
        text = words
        if self.failures:
            text += f"; FAILED {len(self.failures)}: " + " / ".join(self.failures[:3])
        return text
