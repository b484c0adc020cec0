"""Crash drill for re-keying (issue 13, item 3): kill -9 at a random moment while the store's
database key changes (``store/rekey.py``), then check that nobody is locked out.

Each trial copies a station (24 synthetic interviews, an administrator and an officer), starts
a worker that signs in and re-keys, and kills it with SIGKILL at a moment drawn uniformly over
1.2 × the re-key's uninterrupted time. On what the kill left: the administrator's slot and the
recovery key each open the store (with the old key or the new one, never neither); SQLite's and
SQLCipher's integrity checks pass; no answer changed; then the app's own sign-in settles a cut
re-key, makes the one still due, and every user signs in with one key left in the keyring.
"""

from __future__ import annotations

import random
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from interview_room.accounts import Role
from interview_room.interview.protocols import ProtocolLibrary
from interview_room.store.database import Database, DatabaseUnreadable
from interview_room.store.keyring import UnlockedKeys
from interview_room.store.recovery_key import RecoveryKey
from interview_room.training.scenarios import PATHS, run_scenario
from interview_room.training.synthetic import synthetic_names
from interview_room.workstation import Workstation
from reliability.common import Figure, Scale, Stopwatch, main_for
from reliability.crash_harness import (
    Tally,
    answer_rows,
    integrity_problems,
    job_seconds,
    run_and_kill,
)
from reliability.stations import ADMIN, new_training_station

AREA = "crash consistency"
WINDOW = 1.2
OFFICER = ("oficer.mor", "synthetic-morine-officer-passphrase")
CASES = 24


@dataclass(frozen=True)
class _Template:
    data_dir: Path
    database_key: bytes
    recovery_key: RecoveryKey

    def copy(self, target: Path) -> _Template:
        shutil.copytree(self.data_dir, target)
        return _Template(target, self.database_key, self.recovery_key)


def _template(data_dir: Path) -> _Template:
    created = new_training_station(Workstation(data_dir))
    session = created.session
    protocol = ProtocolLibrary().current()
    for index, name in enumerate(synthetic_names(CASES)):
        run_scenario(session, protocol, PATHS[index % len(PATHS)], name, index, None)
    session.add_user(OFFICER[0], "Oficer Shembulli", Role.OFFICER, OFFICER[1])
    key = session.keys.database_key
    session.lock()
    return _Template(data_dir, key, created.recovery_key)


def _job(station: _Template) -> dict[str, str]:
    return {
        "phase": "rekey",
        "station": str(station.data_dir),
        "username": ADMIN[0],
        "password": ADMIN[1],
    }


def _opening_key(path: Path, keys: UnlockedKeys) -> bytes | None:
    for candidate in keys.candidates:
        try:
            Database.open(path, candidate).close()
        except DatabaseUnreadable:
            continue
        return candidate
    return None


def _trial(station: _Template, tally: Tally, before: frozenset[object], delay: float) -> list[str]:
    run = run_and_kill(_job(station), 0, delay)
    problems = [run.problem] if run.problem else []
    workstation = Workstation(station.data_dir)
    database = workstation.database_path
    keyring = workstation.keyring_file.read()
    by_password = _opening_key(database, keyring.open_password_slot(*ADMIN))
    by_recovery = _opening_key(database, keyring.open_recovery_keys(station.recovery_key))
    if by_password is None:
        problems.append("the administrator's slot opens no key of the store")
    if by_recovery is None:
        problems.append("the recovery key opens no key of the store")
    if by_password is None or by_recovery is None:
        return problems
    old = by_password == station.database_key
    cut = keyring.rekey_in_progress
    tally.landed[f"{'old' if old else 'new'} key{', keyring mid-way' if cut else ''}"] += 1
    problems += integrity_problems(database, by_password)
    db = Database.open(database, by_password)
    try:
        if answer_rows(db) != before:
            problems.append("answers changed by the re-key")
    finally:
        db.close()
    for username, password in (ADMIN, OFFICER):
        session = workstation.unlock(username, password)  # the app's own path settles it
        try:
            if not session.verify_audit().intact:
                problems.append("audit chain broken")
        finally:
            session.lock()
    settled = workstation.keyring_file.read()
    if settled.rekey_in_progress or settled.rekey_due is not None:
        problems.append("the re-key was not completed at the next sign-in")
    if _opening_key(database, settled.open_recovery_keys(station.recovery_key)) is None:
        problems.append("the recovery key no longer opens the store after settling")
    return problems


def run(scale: Scale) -> list[Figure]:
    count = scale.pick(4, 50)
    rng = random.Random("crash-consistency/rekey")
    tally = Tally()
    with tempfile.TemporaryDirectory(prefix="crash-rekey-") as folder, Stopwatch() as watch:
        work = Path(folder)
        template = _template(work / "template")
        db = Database.open(Workstation(template.data_dir).database_path, template.database_key)
        try:
            before = answer_rows(db)
        finally:
            db.close()
        window = job_seconds(_job(template.copy(work / "window")))
        for index in range(count):
            station = template.copy(work / f"rekey-{index}")
            tally.committed += len(before)
            with tally.trial() as trial:
                trial.problems += _trial(station, tally, before, rng.uniform(0, window * WINDOW))
                trial.intact = not trial.problems
            shutil.rmtree(station.data_dir, ignore_errors=True)
    return [
        Figure(
            AREA,
            "kill -9 while the database key changes (re-key after a user is disabled or a "
            "password changes): every slot and the recovery key still open the store, checks "
            "pass, the next sign-in finishes the re-key",
            count,
            tally.outcome(
                f"{tally.intact}/{count} stores open by password and recovery key and intact, "
                f"0 of {tally.committed:,} stored answers changed, re-key finished at the next "
                f"sign-in (kills left {tally.where()}; the re-key takes {window:.2f} s here)"
            ),
            tally.held,
            watch.seconds,
        )
    ]


if __name__ == "__main__":
    main_for(run, "Crash consistency: kill -9 while the store is re-keyed")
