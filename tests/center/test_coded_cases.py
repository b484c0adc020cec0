"""The coded columns written at import give the statistics the record-by-record computation
gave (issue 14), whatever the records' shapes, after updates and resolved conflicts, while an
import holds the store, and for a centre that had records before the columns existed."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest

from interview_room.center import case_counts, coded_cases
from interview_room.center.schema import SCHEMA, SCHEMA_VERSION, UPGRADES
from interview_room.center.stats import compute_statistics, csv_bytes
from interview_room.center.store import CenterStore
from interview_room.interview.protocols import ProtocolLibrary
from interview_room.store.database import Database
from interview_room.training.varied_centre import Centre, centre_with_history, new_version
from tests.center.record_by_record import statistics_record_by_record

PERIODS = (
    (date(2016, 1, 1), date(2025, 12, 31)),  # the whole decade: whole months only
    (date(2019, 1, 1), date(2019, 12, 31)),
    (date(2019, 3, 15), date(2021, 6, 10)),  # days left over at both ends
    (date(2020, 3, 29), date(2020, 3, 29)),  # the night summer time begins
    (date(2023, 10, 1), date(2023, 10, 31)),
    (date(2015, 12, 31), date(2016, 1, 1)),
    (date(2030, 1, 1), date(2030, 12, 31)),  # nothing in it
)


@pytest.fixture(scope="module")
def centre(tmp_path_factory: pytest.TempPathFactory) -> Centre:
    made = centre_with_history(tmp_path_factory.mktemp("coded") / "center")
    # Counted, as the first statistics would: each test then finds the same store whatever
    # runs before it (pytest -n, -k).
    db = made.center.open()
    try:
        with db.transaction():
            case_counts.recount_stale(db)
    finally:
        db.close()
    return made


@pytest.mark.parametrize(("start", "end"), PERIODS)
def test_sql_statistics_equal_the_record_by_record_computation(
    centre: Centre, start: date, end: date
) -> None:
    for protocol in ProtocolLibrary()._all():  # the current protocol and the one before
        by_sql = compute_statistics(centre.center, start=start, end=end, protocol=protocol)
        by_records = statistics_record_by_record(
            centre.center, start=start, end=end, protocol=protocol
        )
        assert by_sql == by_records, (protocol.version, start, end)
        assert csv_bytes(by_sql) == csv_bytes(by_records)


def test_the_records_cover_every_shape(centre: Centre) -> None:
    """The comparison above means something only if the records vary as promised."""
    db = centre.center.open()
    try:
        shapes = {
            column: {str(r[0]) for r in db.all(f"SELECT DISTINCT {column} FROM coded_cases")}
            for column in ("sex", "age_band", "nationality", "exploitation", "decision", "ended")
        }
        minimal = db.one("SELECT count(*) FROM records WHERE content LIKE '%\"minimal\"%'")
        versions = db.one("SELECT count(*) FROM coded_cases WHERE version = 2")
    finally:
        db.close()
    assert {"", "not_stated", "a_value_no_protocol_has", "female"} <= shapes["sex"]
    assert {"child_age_unknown", "unknown", "0-13", "50+"} <= shapes["age_band"]
    assert {"labour", "sexual", "both", "unknown"} <= shapes["exploitation"]
    assert {"None", "a_value_no_protocol_has", "potential_victim"} <= shapes["decision"]
    assert {"None", "consent_refused", "stopped"} <= shapes["ended"]
    assert minimal is not None and int(minimal[0]) > 50, "minimal records of refused storage"
    assert versions is not None and int(versions[0]) == 60


def test_months_changed_since_counted_are_counted_from_the_facts_meanwhile(
    centre: Centre, tmp_path: Path
) -> None:
    """An import marks the months it touched; until they are counted again the figures come
    from the coded facts, and counting them again changes no figure."""
    copy = _copy(centre.center, tmp_path / "copy")
    db = copy.open()
    try:
        with db.transaction():
            case_counts.recount_stale(db)
        assert _counts(db) == list(case_counts.recount(db))
        # Two months marked as an import marks them, one of them counted wrong meanwhile.
        with db.transaction():
            db.executemany(
                "INSERT INTO stale_months (month) VALUES (?)", [("2019-05",), ("2021-06",)]
            )
            db.execute("UPDATE case_counts SET cases = cases + 1000 WHERE month = '2019-05'")
        stale = [case_counts.count_facts(db, start, end) for start, end in PERIODS]
        with db.transaction():
            assert case_counts.recount_stale(db) == 2
        assert [case_counts.count_facts(db, start, end) for start, end in PERIODS] == stale
        assert _counts(db) == list(case_counts.recount(db))
    finally:
        db.close()


def test_statistics_do_not_wait_for_an_import_holding_the_store(
    centre: Centre, tmp_path: Path
) -> None:
    copy = _copy(centre.center, tmp_path / "copy")
    importer = copy.open()
    try:
        with importer.transaction():
            importer.execute("INSERT INTO stale_months (month) VALUES ('2019-05')")
        importer.execute("BEGIN IMMEDIATE")  # an import writing, as long as it takes
        start, end = PERIODS[2]
        by_sql = compute_statistics(copy, start=start, end=end)
        importer.execute("ROLLBACK")
        assert by_sql == statistics_record_by_record(copy, start=start, end=end)
        assert importer.one("SELECT month FROM stale_months") == ("2019-05",), "not recounted"
    finally:
        importer.close()
    compute_statistics(copy, start=start, end=end)
    db = copy.open()
    try:
        assert db.one("SELECT month FROM stale_months") is None, "recounted once free"
    finally:
        db.close()


def _schema(db: Database) -> list[tuple[str, str, str]]:
    return [
        (str(r[0]), str(r[1]), str(r[2]))
        for r in db.all(
            "SELECT type, name, coalesce(sql, '') FROM sqlite_master WHERE name NOT LIKE"
            " 'sqlite_%' ORDER BY type, name"
        )
    ]


def _coded(db: Database) -> list[tuple[object, ...]]:
    return [tuple(r) for r in db.all("SELECT * FROM coded_cases ORDER BY record_id")]


def _counts(db: Database) -> list[tuple[str, str, str, int]]:
    return [
        (str(r[0]), str(r[1]), str(r[2]), int(r[3]))
        for r in db.all(
            "SELECT month, dimension, value, cases FROM case_counts WHERE cases != 0"
            " ORDER BY month, dimension, value"
        )
    ]


def _copy(center: CenterStore, target: Path) -> CenterStore:
    shutil.copytree(center.center_dir, target)
    return CenterStore(target)


def test_a_centre_from_before_the_coded_columns_gets_them_when_opened(
    centre: Centre, tmp_path: Path
) -> None:
    """Migration 4: the same rows and counts as written at import, the declared schema."""
    db = centre.center.open()
    try:
        written, counted, declared = _coded(db), _counts(db), _schema(db)
    finally:
        db.close()
    fresh = Database.open(tmp_path / "v3.db", bytes(32))
    try:
        with fresh.transaction():
            for statement in (*SCHEMA, *UPGRADES[2], *UPGRADES[3]):
                fresh.execute(statement)
        version_3 = _schema(fresh)
    finally:
        fresh.close()
    old = _copy(centre.center, tmp_path / "old")
    db = Database.open(old.database_path, old.key_path.read_bytes())
    try:
        with db.transaction():  # what migration 4 added goes: a genuine version 3 store
            for kind in ("trigger", "view", "index", "table"):
                for found, name, _ in _schema(db):
                    if found == kind and (kind, name) not in {(t, n) for t, n, _ in version_3}:
                        db.execute(f"DROP {kind.upper()} IF EXISTS {name}")
            db.set_schema_version(3)
        assert _schema(db) == version_3
    finally:
        db.close()

    db = old.open()  # upgrades
    try:
        assert db.schema_version == SCHEMA_VERSION  # 4, and any step after it
        assert _schema(db) == declared
        assert _coded(db) == written
        assert _counts(db) == counted
        assert db.one("SELECT count(*) FROM stale_months") == (0,)
    finally:
        db.close()
    start, end = PERIODS[2]
    assert compute_statistics(old, start=start, end=end) == statistics_record_by_record(
        old, start=start, end=end
    )


def test_a_record_changed_outside_the_importer_is_coded_again_before_counting(
    centre: Centre, tmp_path: Path
) -> None:
    copy = _copy(centre.center, tmp_path / "copy")
    station = centre.stations[3]
    record_id = sorted(station.records)[5]
    changed = new_version(station, record_id, 1, 4242).content
    db = copy.open()
    try:
        with db.transaction():
            db.execute(
                "UPDATE records SET content = ? WHERE kind = 'case' AND record_id = ?",
                (changed, record_id),
            )
        assert db.one("SELECT 1 FROM coded_cases WHERE record_id = ?", (record_id,)) is None
    finally:
        db.close()
    start, end = PERIODS[0]
    assert compute_statistics(copy, start=start, end=end) == statistics_record_by_record(
        copy, start=start, end=end
    )
    db = copy.open()
    try:
        row = db.one("SELECT case_code FROM coded_cases WHERE record_id = ?", (record_id,))
        assert row is not None and row[0] == coded_cases.code_case(changed).case_code
    finally:
        db.close()


def _statuses(db: Database) -> tuple[list[tuple[object, ...]], list[tuple[object, ...]]]:
    """(``status_counts`` as kept, the same counted afresh from ``coded_cases``)."""
    kept = db.all(
        "SELECT station_id, status, cases FROM status_counts WHERE cases != 0 ORDER BY 1, 2"
    )
    afresh = db.all(
        "SELECT station_id, status, count(*) FROM coded_cases GROUP BY 1, 2 ORDER BY 1, 2"
    )
    return [tuple(r) for r in kept], [tuple(r) for r in afresh]


def _months_afresh(db: Database) -> set[str]:
    return {
        str(r[0])
        for r in db.all(
            "SELECT DISTINCT substr(interviewed_on, 1, 7) FROM coded_cases"
            " WHERE interviewed_on != ''"
        )
    }


def test_counts_by_status_kept_per_batch_equal_a_count_of_the_coded_rows(
    centre: Centre, tmp_path: Path
) -> None:
    """Migration 7: no per-row insert trigger; the writers count each batch (new records,
    second versions, a record coded again) and the counts stay exact."""
    copy = _copy(centre.center, tmp_path / "copy")
    db = copy.open()
    try:
        triggers = {
            str(r[0]) for r in db.all("SELECT name FROM sqlite_master WHERE type = ?", ("trigger",))
        }
        assert not {"coded_case_added", "coded_case_listed"} & triggers
        kept, afresh = _statuses(db)
        assert kept == afresh and len(afresh) > 1
        with db.transaction():
            db.execute("DELETE FROM case_counts")
            db.execute("DELETE FROM stale_months")
            db.execute("DELETE FROM status_counts")
            db.execute("DELETE FROM coded_cases")
            assert coded_cases.code_missing(db) == len(
                db.all("SELECT 1 FROM records WHERE kind = 'case'")
            )
        kept, recoded = _statuses(db)
        assert kept == recoded == afresh
        assert {str(r[0]) for r in db.all("SELECT month FROM stale_months")} == _months_afresh(db)
        with db.transaction():
            case_counts.recount_stale(db)
        assert _counts(db) == list(case_counts.recount(db))
    finally:
        db.close()


def _undo_upgrades_after(db: Database, version: int) -> None:
    """Drop what the upgrades after ``version`` created (tables, triggers, indexes), so that
    setting the version back lets them run again."""
    import re

    for number in sorted((n for n in UPGRADES if n > version), reverse=True):
        for statement in reversed(UPGRADES[number]):
            made = re.match(r"\s*CREATE (?:UNIQUE )?(TABLE|TRIGGER|INDEX|VIEW) (\w+)", statement)
            if made:
                db.execute(f"DROP {made.group(1)} IF EXISTS {made.group(2)}")


def test_a_centre_of_version_6_drops_the_per_row_triggers_and_keeps_its_counts(
    centre: Centre, tmp_path: Path
) -> None:
    old = _copy(centre.center, tmp_path / "old")
    db = old.open()
    try:
        declared, counted, statuses = _schema(db), _counts(db), _statuses(db)[0]
        with db.transaction():  # as version 6 had them
            _undo_upgrades_after(db, 6)
            for statement in coded_cases.MIGRATION:
                if statement.startswith(
                    ("CREATE TRIGGER coded_case_added", "CREATE TRIGGER coded_case_listed")
                ):
                    db.execute(statement)
            db.set_schema_version(6)
        assert _schema(db) != declared
    finally:
        db.close()
    station = centre.stations[2]
    record_id = sorted(station.records)[7]
    changed = new_version(station, record_id, 1, 4343).content
    db = old.open()  # upgrades
    try:
        assert db.schema_version == SCHEMA_VERSION
        assert _schema(db) == declared
        assert _counts(db) == counted
        assert _statuses(db)[0] == statuses
        with db.transaction():  # a record changed: deleted by trigger, coded again by batch
            db.execute(
                "UPDATE records SET content = ? WHERE kind = 'case' AND record_id = ?",
                (changed, record_id),
            )
        assert coded_cases.ensure_coded(db) == 1
        kept, afresh = _statuses(db)
        assert kept == afresh
    finally:
        db.close()
    start, end = PERIODS[0]
    assert compute_statistics(old, start=start, end=end) == statistics_record_by_record(
        old, start=start, end=end
    )
