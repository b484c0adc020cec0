"""Crash consistency: the app is killed with SIGKILL at random moments while it works.

Four phases, one figure each: interviews being answered (the autosave), a schema migration,
a bundle being written to the USB folder, and the centre importing a bundle. Each trial starts
``reliability.crash_worker`` in its own process on a fresh copy of a real encrypted store; the
worker reports every step as soon as it has committed; the parent kills it at a random moment
(seeded, so a run can be repeated) and then, with the real code, checks that the store passes
SQLite's and SQLCipher's integrity checks, that everything reported as committed is there with
its value, and that the app carries on to the same end as if nothing had happened.
"""

from __future__ import annotations

import random
import shutil
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from interview_room.center.importer import import_bundle, import_files
from interview_room.center.store import CenterStore
from interview_room.interview.interview import Interview
from interview_room.interview.protocols import ProtocolLibrary
from interview_room.store.database import Database
from interview_room.store.migrations import LATEST_VERSION
from interview_room.sync.bundle import parse_bundle_file_name
from interview_room.sync.errors import BundleError
from interview_room.sync.receipt import receipt_file_name
from interview_room.sync.station import StationSync
from interview_room.training.scenarios import PATHS, run_scenario
from interview_room.training.scenarios import Path as InterviewPath
from interview_room.training.synthetic import synthetic_names
from interview_room.workstation import Session, Workstation
from reliability.common import Figure, Scale, Stopwatch, main_for
from reliability.crash_harness import (
    Rows,
    Station,
    Tally,
    Trial,
    answer_rows,
    center_holds,
    committed_answers,
    integrity_problems,
    interview_state,
    job_seconds,
    leftovers,
    new_station,
    read_rows,
    receipt_problems,
    record_rows,
    run_and_kill,
)
from reliability.crash_worker import (
    DRILL_TABLE,
    begin_interview,
    carry_interview_on,
    downgrade,
    drill_migration,
)
from reliability.stations import ADMIN

AREA = "crash consistency"
OLD_SCHEMA = 4  # the release before sync: the upgrade a deployed station really makes
WINDOW = 1.2  # kills fall uniformly in [0, 1.2 × the job's uninterrupted time]: some after it


# -- phase 1: interviews (the autosave) --------------------------------------------------------


@dataclass(frozen=True)
class _Interviewing:
    """One trial's interview: who, along which path, and where it ends uninterrupted."""

    path: InterviewPath
    index: int
    name: str
    steps: int
    step_seconds: float
    end: tuple[Any, ...]


def _uncut(reference: Session, path: InterviewPath, index: int, name: str) -> _Interviewing:
    """The same interview without a kill, in this process: how many steps the worker will
    report, how long a step takes, and how the interview ends."""
    steps: list[str] = []
    started = time.perf_counter()
    interview = begin_interview(reference, index, name, steps.append)
    carry_interview_on(interview, path, index, steps.append)
    seconds = (time.perf_counter() - started) / max(len(steps), 1)
    return _Interviewing(
        path, index, name, len(steps), seconds, interview_state(reference.db, interview.case.id)
    )


def _autosave_trial(
    trial: Trial, tally: Tally, station: Station, plan: _Interviewing, rng: random.Random
) -> None:
    job = {
        "phase": "autosave",
        "station": str(station.data_dir),
        "username": ADMIN[0],
        "password": ADMIN[1],
        "path": plan.path.value,
        "index": plan.index,
        "name": plan.name,
    }
    # Killed a random number of committed steps in, and a random part of a step later.
    run = run_and_kill(job, rng.randint(0, plan.steps), rng.uniform(0, plan.step_seconds))
    trial.mid_work = bool(run.lines) and not run.finished
    problems = trial.problems
    problems += [run.problem] if run.problem else []
    problems += integrity_problems(station.database, station.database_key)
    trial.intact = not problems
    committed = committed_answers(run.lines)
    tally.committed += len(committed)
    db = Database.open(station.database, station.database_key)
    try:
        for (case_id, question_id), value in committed.items():
            held = db.one(
                "SELECT status, value FROM answers WHERE case_id = ? AND question_id = ?",
                (case_id, question_id),
            )
            if held != value:
                tally.lost += 1
                problems.append(f"answer {question_id} lost")
        case_ids = [str(r[0]) for r in db.all("SELECT id FROM cases")]
    finally:
        db.close()
    reported = [line.split(" ", 1)[1] for line in run.lines if line.startswith("case ")]
    if (reported and case_ids != reported) or len(case_ids) > 1:
        problems.append(f"cases {case_ids}, reported {reported}")
    session = station.unlock()
    try:
        if case_ids:  # resume the case where the kill left it
            interview = Interview.resume(session, case_ids[0], ProtocolLibrary())
        else:  # killed before the case existed: the officer starts again
            interview = begin_interview(session, plan.index, plan.name)
        carry_interview_on(interview, plan.path, plan.index)
        if interview_state(session.db, interview.case.id) != plan.end:
            problems.append("the resumed interview ended differently")
        if not session.verify_audit().intact:
            problems.append("audit chain broken")
    finally:
        session.lock()


def _autosave(scale: Scale, work: Path) -> Figure:
    count = scale.pick(12, 200)
    rng = random.Random("crash-consistency/autosave")
    names = synthetic_names(count, seed=7)
    tally = Tally()
    with Stopwatch() as watch:
        template, _ = new_station(work / "autosave-template", cases=0)
        reference = template.copy(work / "autosave-reference").unlock()
        for index in range(count):
            plan = _uncut(reference, PATHS[index % len(PATHS)], index, names[index])
            station = template.copy(work / f"autosave-{index}")
            with tally.trial() as trial:
                _autosave_trial(trial, tally, station, plan, rng)
            shutil.rmtree(station.data_dir, ignore_errors=True)
        reference.lock()
    return Figure(
        AREA,
        f"kill -9 during autosave ({count} simulated interviews, all six paths): store intact, "
        "no committed answer lost, the interview resumes to the same end",
        count,
        tally.outcome(
            f"{tally.intact}/{count} stores intact, {tally.lost} of {tally.committed:,} "
            f"committed answers lost, {tally.carried_on}/{count} carried on to the same end "
            f"({tally.mid_work} kills mid-interview)"
        ),
        tally.held,
        watch.seconds,
    )


# -- phase 2: schema migrations ----------------------------------------------------------------


def _migration_job(station: Station, drill: bool) -> dict[str, Any]:
    return {
        "phase": "migration",
        "database": str(station.database),
        "key": station.database_key.hex(),
        "backups": str(Workstation(station.data_dir).backups_dir),
        "drill": drill,
    }


def _migration_trial(
    trial: Trial, tally: Tally, station: Station, before: Rows, drill: bool, delay: float
) -> None:
    run = run_and_kill(_migration_job(station, drill), 0, delay)
    trial.mid_work = not run.finished
    problems = trial.problems
    problems += [run.problem] if run.problem else []
    problems += integrity_problems(station.database, station.database_key)
    db = Database.open(station.database, station.database_key)
    try:
        version = db.schema_version
        tally.landed[f"at schema {version}"] += 1
        objects = {str(r[0]) for r in db.all("SELECT name FROM sqlite_master")}
        # What migrations 5 and 6 and the drill (one past the latest) each create.
        expected = {
            "sync_records": version >= 5,
            "answers_insert_after_sync": version >= 6,
            DRILL_TABLE: version > LATEST_VERSION,
        }
        if any((name in objects) != present for name, present in expected.items()):
            problems.append(f"schema {version} with tables of another version")
        if answer_rows(db) != before:
            problems.append("answers changed by the interrupted migration")
    finally:
        db.close()
    trial.intact = not problems
    backups = Workstation(station.data_dir).backups_dir
    for copy in sorted(backups.glob("*.db")) if backups.is_dir() else []:
        problems += [f"backup {p}" for p in integrity_problems(copy, station.database_key)]
        if read_rows(copy, station.database_key, answer_rows) != before:
            problems.append("a backup lacks answers")
    tally.leftovers += leftovers(backups)
    tally.committed += len(before)
    with drill_migration(drill):
        session = station.unlock()  # the app's own path: finishes the migration
        try:
            if session.db.schema_version != LATEST_VERSION + drill:
                problems.append(f"carried on to schema {session.db.schema_version}")
            tally.lost += len(before - answer_rows(session.db))
            if StationSync(session).status().pending != station.cases:
                problems.append("sync status wrong after the migration")
            if drill and frozenset(session.db.all(f"SELECT * FROM {DRILL_TABLE}")) != before:
                problems.append("the data migration's copy is incomplete")
            if not session.verify_audit().intact:
                problems.append("audit chain broken")
        finally:
            session.lock()
    if not any(backups.glob("*.db")):
        problems.append("no backup taken before migrating")


def _migration(scale: Scale, work: Path) -> Figure:
    count = scale.pick(4, 50)
    rng = random.Random("crash-consistency/migration")
    tally = Tally()
    with Stopwatch() as watch:
        template, _ = new_station(work / "migration-template", cases=24)
        downgrade(template.database, template.database_key, OLD_SCHEMA, work / "reference.db")
        before = read_rows(template.database, template.database_key, answer_rows)
        windows = {  # how long each migration takes in a worker, uninterrupted
            drill: job_seconds(_migration_job(template.copy(work / f"migration-w{drill}"), drill))
            for drill in (False, True)
        }
        for index in range(count):
            drill = index % 2 == 1  # every other trial, a next release's data migration too
            station = template.copy(work / f"migration-{index}")
            delay = rng.uniform(0, windows[drill] * WINDOW)
            with tally.trial() as trial:
                _migration_trial(trial, tally, station, before, drill, delay)
            shutil.rmtree(station.data_dir, ignore_errors=True)
    return Figure(
        AREA,
        f"kill -9 during a schema migration ({OLD_SCHEMA} → {LATEST_VERSION}, half the trials "
        "also a heavy data migration): one consistent version, backups readable, no answer lost",
        count,
        tally.outcome(
            f"{tally.intact}/{count} stores intact at one schema version, {tally.lost} of "
            f"{tally.committed:,} stored answers lost, {tally.carried_on}/{count} migrated on "
            f"at the next sign-in (kills left {tally.where()}; stray temp files: "
            f"{tally.leftovers})"
        ),
        tally.held,
        watch.seconds,
    )


# -- phase 3: writing a bundle to the USB folder -----------------------------------------------


def _bundle_job(station: Station, usb: Path) -> dict[str, Any]:
    usb.mkdir()
    return {
        "phase": "bundle",
        "station": str(station.data_dir),
        "username": ADMIN[0],
        "password": ADMIN[1],
        "usb": str(usb),
    }


def _bundle_trial(
    trial: Trial,
    tally: Tally,
    station: Station,
    center: CenterStore,
    before: Rows,
    delay: float,
) -> None:
    usb = center.center_dir.with_name(center.center_dir.name + "-usb")
    run = run_and_kill(_bundle_job(station, usb), 0, delay)
    trial.mid_work = not run.finished
    problems = trial.problems
    problems += [run.problem] if run.problem else []
    problems += integrity_problems(station.database, station.database_key)
    trial.intact = not problems
    tally.committed += len(before)
    tally.lost += len(before - read_rows(station.database, station.database_key, answer_rows))
    tally.leftovers += leftovers(usb)
    on_stick = any(usb.glob("IR-*.bundle.age"))
    tally.landed["with the bundle on the stick" if on_stick else "before the rename"] += 1
    for written in sorted(usb.iterdir()):  # hidden temp files too: would the centre take one?
        try:
            result = import_bundle(center, written.read_bytes(), written.name)
        except BundleError:
            continue
        if result.imported + result.unchanged != station.cases:
            tally.landed["HALF A BUNDLE ACCEPTED"] += 1
            problems.append(f"the centre accepted a bundle of {result.imported} records")
    session = station.unlock()
    try:
        sync = StationSync(session)
        if sync.status().pending != station.cases:
            problems.append("records no longer pending without a receipt")
        sync.write_to_folder(usb)  # the next trip: whatever is on the stick goes to the centre
        if import_files(center, sorted(usb.glob("IR-*.bundle.age"))).refused:
            problems.append("the centre refused a bundle")
        problems += center_holds(center, session)
        sync.receive_from_folder(usb)
        if sync.status().pending:
            problems.append("records still pending after the receipts")
        if not session.verify_audit().intact:
            problems.append("audit chain broken")
    finally:
        session.lock()


def _bundle_writing(scale: Scale, work: Path) -> Figure:
    count = scale.pick(4, 50)
    rng = random.Random("crash-consistency/bundle")
    tally = Tally()
    with Stopwatch() as watch:
        center_template = CenterStore(work / "bundle-center")
        center_template.create(training=True)
        template, _ = new_station(work / "bundle-template", cases=18, center=center_template)
        before = read_rows(template.database, template.database_key, answer_rows)
        window = job_seconds(_bundle_job(template.copy(work / "bundle-w"), work / "usb-w"))
        for index in range(count):
            station = template.copy(work / f"bundle-{index}")
            center = CenterStore(work / f"bundle-center-{index}")
            shutil.copytree(center_template.center_dir, center.center_dir)
            delay = rng.uniform(0, window * WINDOW)
            with tally.trial() as trial:
                _bundle_trial(trial, tally, station, center, before, delay)
            for folder in (station.data_dir, center.center_dir):
                shutil.rmtree(folder, ignore_errors=True)
    return Figure(
        AREA,
        f"kill -9 while writing a bundle to the USB folder ({template.cases} cases): records "
        "stay pending or the bundle is whole; the centre never accepts half a bundle",
        count,
        tally.outcome(
            f"{tally.intact}/{count} stores intact, {tally.lost} of {tally.committed:,} "
            f"stored answers lost, {tally.landed['HALF A BUNDLE ACCEPTED']} half bundles "
            f"accepted, {tally.carried_on}/{count} next trips delivered every case exactly once "
            f"(kills left {tally.where()}; stray temp files: {tally.leftovers})"
        ),
        tally.held,
        watch.seconds,
    )


# -- phase 4: the centre importing a bundle ----------------------------------------------------


@dataclass(frozen=True)
class _Importing:
    """The second bundle of a station whose first one the centre already holds."""

    bundle: Path
    station_id: str
    records: int
    updated: int
    before: Rows
    after: Rows

    @property
    def receipt_name(self) -> str:
        named = parse_bundle_file_name(self.bundle.name)
        assert named is not None
        return receipt_file_name(*named)


def _second_bundle(work: Path, center: CenterStore) -> _Importing:
    """A station sends a first bundle, the centre imports it; the station then finishes its
    drafts and interviews six more people: the second bundle carries every case again, some at
    a new version, and the new ones (inserts, updates and unchanged records in one import)."""
    station, session = new_station(work / "import-station", cases=24, center=center, keep_open=True)
    assert session is not None
    sync = StationSync(session)
    first = sync.write_to_folder(work)
    assert first is not None
    import_files(center, [first])
    library = ProtocolLibrary()
    for case in session.cases.search():
        interview = Interview.resume(session, case.id, library)
        carry_interview_on(interview, PATHS[1], 0)  # a draft is finished; the rest have ended
    for index, name in enumerate(synthetic_names(6, seed=11)):
        run_scenario(session, library.current(), PATHS[index], name, index, None)
    second = sync.write_to_folder(work)
    assert second is not None
    session.lock()
    center_key = center.key_path.read_bytes()
    scratch = CenterStore(work / "import-scratch")
    shutil.copytree(center.center_dir, scratch.center_dir)
    result = import_files(scratch, [second]).results[0]
    return _Importing(
        second,
        station.station_id,
        result.imported + result.unchanged,
        result.imported,
        read_rows(center.database_path, center_key, record_rows),
        read_rows(scratch.database_path, center_key, record_rows),
    )


def _import_trial(
    trial: Trial, tally: Tally, center: CenterStore, plan: _Importing, delay: float
) -> None:
    usb = center.center_dir.with_name(center.center_dir.name + "-usb")
    usb.mkdir()
    bundle = Path(shutil.copy2(plan.bundle, usb))
    run = run_and_kill(
        {"phase": "import", "center": str(center.center_dir), "bundle": str(bundle)}, 0, delay
    )
    trial.mid_work = not run.finished
    problems = trial.problems
    problems += [run.problem] if run.problem else []
    key = center.key_path.read_bytes()
    problems += integrity_problems(center.database_path, key)
    held = read_rows(center.database_path, key, record_rows)
    if held not in (plan.before, plan.after):
        problems.append("the centre holds part of the bundle")
        tally.lost += len(plan.before - held)
    trial.intact = not problems
    tally.committed += len(plan.before)
    tally.landed["with nothing imported" if held == plan.before else "with all of it"] += 1
    receipts = [center.center_dir / "receipts", usb]
    problems += receipt_problems(center, receipts, plan.station_id)
    if held == plan.before and any((f / plan.receipt_name).exists() for f in receipts):
        problems.append("a receipt for records the centre does not hold")
    tally.leftovers += leftovers(usb) + leftovers(center.center_dir / "receipts")
    again = import_files(center, [bundle])  # the officer imports the stick again
    twice = import_files(center, [bundle])
    held = read_rows(center.database_path, key, record_rows)
    if again.refused or twice.refused or twice.imported:
        problems.append("re-importing the bundle was refused or imported twice")
    if held != plan.after or len({r[1] for r in held}) != len(held):
        problems.append("re-import did not give every record exactly once")
    if (center.center_dir / "quarantine").exists():
        problems.append("the bundle went to quarantine")


def _import(scale: Scale, work: Path) -> Figure:
    count = scale.pick(4, 50)
    rng = random.Random("crash-consistency/import")
    tally = Tally()
    with Stopwatch() as watch:
        center_template = CenterStore(work / "import-center")
        center_template.create(training=True)
        plan = _second_bundle(work, center_template)
        shutil.copytree(center_template.center_dir, work / "import-w")
        window = job_seconds(
            {"phase": "import", "center": str(work / "import-w"), "bundle": str(plan.bundle)}
        )
        for index in range(count):
            center = CenterStore(work / f"import-center-{index}")
            shutil.copytree(center_template.center_dir, center.center_dir)
            with tally.trial() as trial:
                _import_trial(trial, tally, center, plan, rng.uniform(0, window * WINDOW))
            shutil.rmtree(center.center_dir, ignore_errors=True)
    return Figure(
        AREA,
        f"kill -9 while the centre imports a bundle ({plan.records} records, {plan.updated} new "
        f"or newer, into a centre holding {len(plan.before)}): all or nothing; re-importing "
        "gives every record exactly once",
        count,
        tally.outcome(
            f"{tally.intact}/{count} centre stores intact and all-or-nothing, {tally.lost} of "
            f"{tally.committed:,} held records lost, {tally.carried_on}/{count} re-imports "
            f"complete and exactly once (kills left {tally.where()}; stray temp files: "
            f"{tally.leftovers})"
        ),
        tally.held,
        watch.seconds,
    )


def run(scale: Scale) -> list[Figure]:
    with tempfile.TemporaryDirectory(prefix="crash-consistency-") as folder:
        work = Path(folder)
        return [
            _autosave(scale, work),
            _migration(scale, work),
            _bundle_writing(scale, work),
            _import(scale, work),
        ]


if __name__ == "__main__":
    main_for(run, "Crash consistency: kill -9 during autosave, migrations, bundles and import")
