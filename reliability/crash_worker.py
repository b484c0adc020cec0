"""Run by ``crash_consistency`` in its own process: real work on a real encrypted store, one
line on stdout after each step has committed, until the parent kills it with SIGKILL.

    python -m reliability.crash_worker      (stdin: one JSON job line, then "go")

The worker prints ``ready`` once it is set up (modules loaded, store unlocked), waits for
``go``, does the job, prints ``done <seconds since go>`` and waits to be killed. The walk
through an interview and the drill migration live here too, so the parent drives exactly the
same code when it carries on after a kill.
"""

from __future__ import annotations

import contextlib
import json
import os
import sys
import time
import types
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import Any

from interview_room.center.importer import import_files
from interview_room.center.store import CenterStore
from interview_room.files import restrict_umask
from interview_room.interview.interview import Interview, StopRequester
from interview_room.interview.interview_store import encode_value
from interview_room.interview.protocols import ProtocolLibrary
from interview_room.screening import Answer, SectionKind
from interview_room.store import migrate as migrate_module
from interview_room.store.database import Database
from interview_room.store.migrate import migrate
from interview_room.store.migrations import MIGRATIONS, m0006_changes_after_sync
from interview_room.sync.station import StationSync
from interview_room.training.scenarios import Path as ScenarioPath
from interview_room.training.scenarios import Value, scenario_answers
from interview_room.workstation import Session, Workstation

Report = Callable[[str], None]


def quiet(line: str) -> None:
    """A report that goes nowhere: the parent's own runs of the same work."""


# -- an interview, answer by answer (the autosave) -----------------------------------------------

DECISIONS = {
    ScenarioPath.ADULT_POSITIVE: "potential_victim",
    ScenarioPath.ADULT_NOT_INDICATED: "indicators_not_met",
}
LAST_SECTION = {
    ScenarioPath.CONSENT_REFUSED: "rights_and_consent",
    ScenarioPath.STOPPED_MIDWAY: "journey_and_recruitment",
    ScenarioPath.INCOMPLETE: "preparation",
}


def answer_line(case_id: str, answer: Answer) -> str:
    """``answer [case, question, status, stored value]``: what the store must hold from now on."""
    return "answer " + json.dumps(
        [case_id, answer.question_id, answer.status.value, encode_value(answer)],
        ensure_ascii=False,
    )


def _answer_shown(interview: Interview, answers: Mapping[str, Value], report: Report) -> None:
    """Answer the shown questions one at a time; an answer may show further ones."""
    while True:
        pending = [
            question
            for question in interview.visible_questions(interview.current_section)
            if question.id in answers and question.id not in interview.answers
        ]
        if not pending:
            return
        answer = Answer.given(pending[0].id, answers[pending[0].id])
        interview.answer(answer)
        report(answer_line(interview.case.id, answer))


def _walk_until(
    interview: Interview, answers: Mapping[str, Value], last_section: str, report: Report
) -> None:
    while True:
        _answer_shown(interview, answers, report)
        if interview.current_section.id == last_section:
            return
        following = interview.next_section()
        if following is None or following.kind is SectionKind.DETERMINATION:
            return
        before = set(interview.answers)
        interview.go_to(following)
        # Questions left unanswered became "skipped" in the same transaction as the move.
        for question_id in sorted(set(interview.answers) - before):
            report(answer_line(interview.case.id, interview.answers[question_id]))
        report(f"section {interview.current_section.id}")


def carry_interview_on(
    interview: Interview, path: ScenarioPath, index: int, report: Report = quiet
) -> None:
    """Take an interview (new, or resumed after a crash) to where ``path`` leaves it, as the
    training scenarios do, reporting every committed step."""
    if interview.outcome is not None:
        return
    answers = scenario_answers(path, index)
    if path in LAST_SECTION:
        _walk_until(interview, answers, LAST_SECTION[path], report)
        if path is ScenarioPath.CONSENT_REFUSED:
            interview.refuse_consent()
            report("ended consent_refused")
        elif path is ScenarioPath.STOPPED_MIDWAY:
            interview.stop(StopRequester.PERSON, "Synthetic: the person asked to stop.")
            report("ended stopped")
        return
    _walk_until(interview, answers, "needs", report)
    final = interview.protocol.sections[-1]
    if interview.current_section.id != final.id:
        interview.go_to(final)
        report(f"section {final.id}")
    decision = DECISIONS.get(path) or interview.assessment().suggested_outcome.value
    interview.record_decision(decision, "Synthetic crash drill: reasons written by the people.")
    report("ended finished")


def begin_interview(session: Session, index: int, name: str, report: Report = quiet) -> Interview:
    """A new case for ``name`` in the language the training scenarios use for ``index``."""
    language = "sq" if index % 3 else "en"
    interview = Interview.begin(session, ProtocolLibrary().current(), language, name, None)
    report(f"case {interview.case.id}")
    return interview


# -- the drill migration ------------------------------------------------------------------------

DRILL_TABLE = "crash_drill_answers"


def _drill_module() -> types.ModuleType:
    """A next release's data migration, as heavy as one can be on a station: it copies every
    answer into a new table and rewrites every answer row, all in one transaction."""
    module = types.ModuleType("m9999_crash_drill")
    module.SQL = (  # type: ignore[attr-defined]
        f"CREATE TABLE {DRILL_TABLE} AS SELECT case_id, question_id, status, value FROM answers;\n"
        "UPDATE answers SET answered_at = answered_at;\n"
    )
    return module


@contextlib.contextmanager
def _migrations(known: tuple[types.ModuleType, ...]) -> Iterator[None]:
    """While inside, this process's Interview Room knows exactly the migrations ``known``."""
    names = vars(migrate_module)  # as the tests' monkeypatch does, without the fixture
    saved = names["MIGRATIONS"], names["LATEST_VERSION"]
    names["MIGRATIONS"], names["LATEST_VERSION"] = known, len(known)
    try:
        yield
    finally:
        names["MIGRATIONS"], names["LATEST_VERSION"] = saved


def drill_migration(enabled: bool) -> contextlib.AbstractContextManager[None]:
    """While inside, this process is a next release with one more migration (when enabled)."""
    return _migrations((*MIGRATIONS, _drill_module()) if enabled else MIGRATIONS)


# What undoes each migration after the oldest one a deployed station may still have. A store
# made by today's code is taken back to that version this way, because today's code cannot
# build an old store itself (it reads columns that did not exist then). ``downgrade`` checks
# the result against a store migrated only that far, so a new migration without its line here
# fails the drill loudly instead of testing something else.
UNDO: dict[int, tuple[str, ...]] = {
    14: ("ALTER TABLE referrals DROP COLUMN own_words_left_out",),
    13: (
        "DROP TRIGGER seen_before_details_erased_without_consent",
        "DROP TRIGGER seen_before_details_erased_with_name",
        "DROP TRIGGER seen_before_details_update_after_sync",
        "DROP TRIGGER seen_before_details_insert_after_sync",
        "DROP TABLE seen_before_details",
        "DROP TABLE seen_before_index",
        "DROP TABLE seen_before_keys",
    ),
    12: ("DROP INDEX audit_log_by_event",),
    11: (
        "ALTER TABLE sync_link DROP COLUMN center_problem",
        "ALTER TABLE sync_link DROP COLUMN center_reached_at",
        "ALTER TABLE sync_link DROP COLUMN center_tried_at",
    ),
    10: (
        "DROP TABLE certificate_register",
        "DROP TABLE revocation_lists",
        "DROP TABLE authority_slots",
        "ALTER TABLE signing_certificates DROP COLUMN key_serial",
        "ALTER TABLE signing_certificates DROP COLUMN issued_by",
        "ALTER TABLE certificate_authorities DROP COLUMN key_sealed",
    ),
    9: (
        "DROP TABLE sync_versions",
        "ALTER TABLE sync_records DROP COLUMN conflict_at",
        "ALTER TABLE sync_records DROP COLUMN conflict_hash",
        "ALTER TABLE sync_records DROP COLUMN conflict_version",
    ),
    8: (
        "ALTER TABLE interviews DROP COLUMN age_band",
        "ALTER TABLE interviews DROP COLUMN personal_data",
    ),
    7: ("ALTER TABLE users DROP COLUMN high_contrast",),
    6: (
        *(f"DROP TRIGGER {name}" for name, _ in m0006_changes_after_sync.TRIGGERS),
        "ALTER TABLE sync_records DROP COLUMN changed",
    ),
    5: ("DROP TABLE sync_bundles", "DROP TABLE sync_records", "DROP TABLE sync_link"),
}


class DowngradeStale(Exception):
    """The drill's UNDO list no longer matches the migrations."""


def _shape(db: Database) -> dict[str, list[tuple[object, ...]]]:
    """Every table, index and trigger by name; tables with their columns."""
    shape: dict[str, list[tuple[object, ...]]] = {}
    for kind, name in db.all(
        "SELECT type, name FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY name"
    ):
        columns = db.all(f"PRAGMA table_xinfo({name})") if kind == "table" else []
        shape[f"{kind} {name}"] = [tuple(c) for c in columns]
    return shape


def downgrade(database: Path, key: bytes, version: int, scratch: Path) -> None:
    """Take a store made by today's code back to schema ``version`` (its data kept)."""
    db = Database.open(database, key)
    try:
        with db.transaction():
            for undone in range(db.schema_version, version, -1):
                if undone not in UNDO:
                    raise DowngradeStale(f"the crash drill cannot undo migration {undone}")
                for statement in UNDO[undone]:
                    db.execute(statement)
            db.set_schema_version(version)
        reference = Database.open(scratch, key)
        try:
            with _migrations(MIGRATIONS[:version]):
                migrate(reference, scratch.parent / "reference-backups")
            if _shape(db) != _shape(reference):
                raise DowngradeStale(f"UNDO does not give the schema of version {version}")
        finally:
            reference.close()
    finally:
        db.close()


# -- the child process --------------------------------------------------------------------------


def _say(line: str) -> None:
    # One write per line straight to the pipe: a line is either whole in the pipe or absent.
    os.write(sys.stdout.fileno(), (line + "\n").encode("utf-8"))


_started = [0.0]


def _wait_for(word: str) -> None:
    if sys.stdin.readline().strip() != word:
        raise SystemExit(0)  # the parent went away
    _started[0] = time.perf_counter()


def _autosave(job: dict[str, Any]) -> None:
    session = Workstation(Path(job["station"])).unlock(job["username"], job["password"])
    path, index = ScenarioPath(job["path"]), int(job["index"])
    ProtocolLibrary().current()  # loaded (and cached) before the clock starts
    _say("ready")
    _wait_for("go")
    interview = begin_interview(session, index, job["name"], _say)
    carry_interview_on(interview, path, index, _say)


def _migration(job: dict[str, Any]) -> None:
    db = Database.open(Path(job["database"]), bytes.fromhex(job["key"]))
    with drill_migration(bool(job["drill"])):
        _say("ready")
        _wait_for("go")
        applied = migrate(db, Path(job["backups"]))
    _say("migrated " + ",".join(str(v) for v in applied))


def _bundle(job: dict[str, Any]) -> None:
    session = Workstation(Path(job["station"])).unlock(job["username"], job["password"])
    sync = StationSync(session)
    _say("ready")
    _wait_for("go")
    written = sync.write_to_folder(Path(job["usb"]))
    _say(f"written {written.name if written else '-'}")


def _import(job: dict[str, Any]) -> None:
    center = CenterStore(Path(job["center"]))
    bundle = Path(job["bundle"])
    _say("ready")
    _wait_for("go")
    run = import_files(center, [bundle])
    _say(f"imported {run.imported} unchanged {run.unchanged} refused {len(run.refused)}")


def _rekey(job: dict[str, Any]) -> None:
    session = Workstation(Path(job["station"])).unlock(job["username"], job["password"])
    _say("ready")
    _wait_for("go")
    result = session.rotate_database_key("drill")
    _say("rekeyed" if result.done else "left due " + "+".join(result.waiting_for))


JOBS: dict[str, Callable[[dict[str, Any]], None]] = {
    "autosave": _autosave,
    "migration": _migration,
    "bundle": _bundle,
    "import": _import,
    "rekey": _rekey,
}


def main() -> None:
    restrict_umask()  # as the app does, first thing
    job: dict[str, Any] = json.loads(sys.stdin.readline())
    JOBS[job["phase"]](job)
    _say(f"done {time.perf_counter() - _started[0]:.6f}")  # seconds since "go"
    sys.stdin.readline()  # wait to be killed (or for the parent to go away)


if __name__ == "__main__":
    main()
