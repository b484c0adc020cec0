"""The coded facts of each case record the centre holds, written when the record is stored, so
that the registry and the statistics read narrow rows with SQL instead of every record's JSON
(issue 14: at 100,000 records, parsing every record took seconds and hundreds of MB).

Tables (centre store migration 4, ``store.py``):

- ``coded_cases``, one row per case record: what the registry shows (case code, status,
  outcome, the day it began as the station wrote it, when and which version arrived: need to
  know, never a name) and the raw facts the statistics count (the calendar day in Albania, sex,
  age band, nationality, form of exploitation, decision, how the interview ended, the referral
  recipients), or, instead of the facts, why the statistics cannot read the record.
- ``case_facts``, a view: one (dimension, value) row per fact of each readable case.
- ``status_counts``: how many cases each station has in each status (the registry's
  summary), kept by the writers for the rows they insert (:func:`count_inserted`, once per
  batch) and by a trigger for the rows deleted.
- ``case_counts``: per month, dimension and value, the number of cases, so figures over whole
  months are a sum over a few thousand rows whatever the number of cases; ``stale_months``
  names the months whose cases changed since they were counted (the writers add those of
  the rows they insert, once per batch; a trigger those of the rows deleted). The
  statistics recount those months when the store is free to write, and count them from
  ``case_facts`` meanwhile (``case_counts.py``), so a stale count is never published.

Triggers on ``records`` drop a coded row whenever its record changes; the writers code the new
content at once (``holdings.py``, ``conflicts.py``; the importer codes from the JSON it has
already parsed to check consents), and :func:`code_missing` codes whatever a record lacks (the
migration's backfill, and a safety net before rows are read), so a row is never stale. Facts
are kept as the record says them and mapped to a protocol's vocabulary only when counted
(``stats.py``): the figures follow the protocol chosen then, as before.
"""

from __future__ import annotations

import functools
import json
from collections import Counter
from datetime import UTC, date, datetime, timedelta
from typing import Any, NamedTuple

from interview_room.store.database import Database
from interview_room.sync.records import RECORD_FORMAT, RECORD_KIND

AGE_BANDS: tuple[tuple[str, int, int | None], ...] = (  # (value and label, lowest, highest)
    ("0-13", 0, 13),
    ("14-17", 14, 17),
    ("18-24", 18, 24),
    ("25-34", 25, 34),
    ("35-49", 35, 49),
    ("50+", 50, None),
)
BAND_NAMES = frozenset(band for band, _, _ in AGE_BANDS)
CHILD_AGE_UNKNOWN = "child_age_unknown"
ADULT_AGE_UNKNOWN = "adult_age_unknown"
"""No age stated, not a presumed child (the officers saw a clear adult: protocol v2)."""
UNKNOWN = "unknown"
NOT_STATED = "not_stated"
LABOUR, SEXUAL, BOTH = "labour", "sexual", "both"
CONSENT_REFUSED, STOPPED = "consent_refused", "stopped"
SEXUAL_WORK_KINDS = frozenset({"sexual_services"})
"""``work_kind`` options that mean sexual exploitation; every other kind of work is labour."""

NO_VALUE = ""
"""A fact the record does not give (not answered, or not a text): counted as "unknown"."""

MIGRATION = (
    # Kept in order of the interview's day, so that counting a month reads adjacent rows.
    """CREATE TABLE coded_cases (
        record_id       TEXT NOT NULL,
        station_id      TEXT NOT NULL,
        version         INTEGER NOT NULL,
        received_at     TEXT NOT NULL,
        case_code       TEXT NOT NULL,
        status          TEXT NOT NULL,
        outcome         TEXT NOT NULL,
        started_on      TEXT NOT NULL,
        interviewed_on  TEXT NOT NULL,
        sex             TEXT,
        age_band        TEXT,
        nationality     TEXT,
        exploitation    TEXT,
        decision        TEXT,
        ended           TEXT,
        referrals       TEXT,
        unreadable      TEXT,
        PRIMARY KEY (interviewed_on, record_id),
        CHECK ((interviewed_on = '') = (unreadable IS NOT NULL))
    ) WITHOUT ROWID""",
    "CREATE UNIQUE INDEX coded_cases_by_record ON coded_cases (record_id)",
    "CREATE INDEX coded_cases_by_arrival ON coded_cases (received_at, record_id)",
    "CREATE INDEX coded_cases_unreadable ON coded_cases (unreadable) WHERE unreadable IS NOT NULL",
    # The one place where a coded case becomes the (dimension, value) pairs it is counted
    # under: the triggers below and the figures over part of a month both read it.
    """CREATE VIEW case_facts (record_id, interviewed_on, dimension, value) AS
        SELECT record_id, interviewed_on, 'station', station_id FROM coded_cases
            WHERE interviewed_on != ''
        UNION ALL SELECT record_id, interviewed_on, 'month', substr(interviewed_on, 1, 7)
            FROM coded_cases WHERE interviewed_on != ''
        UNION ALL SELECT record_id, interviewed_on, 'sex', sex FROM coded_cases
            WHERE interviewed_on != ''
        UNION ALL SELECT record_id, interviewed_on, 'age_band', age_band FROM coded_cases
            WHERE interviewed_on != ''
        UNION ALL SELECT record_id, interviewed_on, 'nationality', nationality FROM coded_cases
            WHERE interviewed_on != ''
        UNION ALL SELECT record_id, interviewed_on, 'exploitation', exploitation
            FROM coded_cases WHERE interviewed_on != ''
        UNION ALL SELECT record_id, interviewed_on, 'outcome', json_array(decision, ended)
            FROM coded_cases WHERE interviewed_on != ''
        UNION ALL SELECT c.record_id, c.interviewed_on, 'referral_recipient', j.value
            FROM coded_cases AS c, json_each(c.referrals) AS j
            WHERE c.interviewed_on != ''""",
    """CREATE TABLE case_counts (
        month      TEXT NOT NULL,
        dimension  TEXT NOT NULL,
        value      TEXT NOT NULL,
        cases      INTEGER NOT NULL,
        PRIMARY KEY (month, dimension, value)
    ) WITHOUT ROWID""",
    "CREATE TABLE stale_months (month TEXT PRIMARY KEY) WITHOUT ROWID",
    """CREATE TRIGGER coded_case_added AFTER INSERT ON coded_cases
        WHEN new.interviewed_on != '' BEGIN
        INSERT INTO stale_months (month) VALUES (substr(new.interviewed_on, 1, 7))
            ON CONFLICT (month) DO NOTHING;
    END""",
    """CREATE TRIGGER coded_case_removed AFTER DELETE ON coded_cases
        WHEN old.interviewed_on != '' BEGIN
        INSERT INTO stale_months (month) VALUES (substr(old.interviewed_on, 1, 7))
            ON CONFLICT (month) DO NOTHING;
    END""",
    # The registry's summary: how many cases each station has in each status.
    """CREATE TABLE status_counts (
        station_id  TEXT NOT NULL,
        status      TEXT NOT NULL,
        cases       INTEGER NOT NULL,
        PRIMARY KEY (station_id, status)
    ) WITHOUT ROWID""",
    """CREATE TRIGGER coded_case_listed AFTER INSERT ON coded_cases BEGIN
        INSERT INTO status_counts (station_id, status, cases)
            VALUES (new.station_id, new.status, 1)
            ON CONFLICT (station_id, status) DO UPDATE SET cases = cases + 1;
    END""",
    """CREATE TRIGGER coded_case_unlisted AFTER DELETE ON coded_cases BEGIN
        UPDATE status_counts SET cases = cases - 1
            WHERE station_id = old.station_id AND status = old.status;
    END""",
    # A coded row is replaced (deleted, then inserted), never changed in place: the months
    # to recount and the counts by status follow inserts and deletes only.
    """CREATE TRIGGER coded_case_not_updated BEFORE UPDATE ON coded_cases BEGIN
        SELECT RAISE(ABORT, 'a coded case is replaced, never updated');
    END""",
    """CREATE TRIGGER case_record_changed AFTER UPDATE OF station_id, version, content,
        received_at ON records WHEN old.kind = 'case' BEGIN
        DELETE FROM coded_cases WHERE record_id = old.record_id;
    END""",
    """CREATE TRIGGER case_record_removed AFTER DELETE ON records WHEN old.kind = 'case' BEGIN
        DELETE FROM coded_cases WHERE record_id = old.record_id;
    END""",
)
"""Statements of the centre store's migration 4 (before ``case_counts.backfill``)."""

MIGRATION_7 = (
    # Issue 14: the writers count a batch of inserted rows at once (count_inserted); the
    # per-row insert triggers doubled the cost of inserting coded rows. Deletes (a record
    # changed or removed) are still counted by their triggers.
    "DROP TRIGGER coded_case_added",
    "DROP TRIGGER coded_case_listed",
)
"""Statements of the centre store's migration 7: what those triggers did, the writers do."""

MIGRATION_9 = (
    # Issue 13: the statistics store follows the coded rows (statistics_store.py). Each record
    # whose coded row was inserted or deleted since the statistics store last followed, once,
    # with an ever-growing number (AUTOINCREMENT: never reused after the followed are removed).
    """CREATE TABLE coded_changes (
        seq        INTEGER PRIMARY KEY AUTOINCREMENT,
        record_id  TEXT NOT NULL UNIQUE
    )""",
    """CREATE TRIGGER coded_case_changed AFTER DELETE ON coded_cases BEGIN
        INSERT OR REPLACE INTO coded_changes (record_id) VALUES (old.record_id);
    END""",
)
"""Statements of the centre store's migration 9: which coded rows the statistics must follow."""


# -- coding one record -----------------------------------------------------------------------


def _last_sunday(year: int, month: int) -> date:
    last = date(year, month + 1, 1) - timedelta(days=1)
    return last - timedelta(days=(last.weekday() + 1) % 7)


_ONE_HOUR = timedelta(hours=1)


@functools.lru_cache(maxsize=64)
def _summer_time(year: int) -> tuple[datetime, datetime]:
    """When summer time begins and ends in ``year`` (01:00 UTC on the last Sundays of March
    and October); kept per year, since every record imported asks."""
    begins = datetime.combine(_last_sunday(year, 3), datetime.min.time(), UTC) + _ONE_HOUR
    ends = datetime.combine(_last_sunday(year, 10), datetime.min.time(), UTC) + _ONE_HOUR
    return begins, ends


def interview_date(started_at: str) -> date:
    """The calendar day in Albania (CET/CEST, EU summer time rule) of a UTC timestamp; fixed
    here so the figures do not depend on the server's time zone data."""
    moment = datetime.fromisoformat(started_at)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    moment = moment.astimezone(UTC)
    begins, ends = _summer_time(moment.year)
    return (moment + (2 * _ONE_HOUR if begins <= moment < ends else _ONE_HOUR)).date()


def age_band(age: object, presumed_child: bool) -> str:
    if isinstance(age, int) and not isinstance(age, bool) and 0 <= age <= 120:
        for band, low, high in AGE_BANDS:
            if age >= low and (high is None or age <= high):
                return band
    if presumed_child:
        return CHILD_AGE_UNKNOWN
    return ADULT_AGE_UNKNOWN if age is None else UNKNOWN


def exploitation(work_kinds: object) -> str:
    if not isinstance(work_kinds, list) or not work_kinds:
        return UNKNOWN
    kinds = {str(k) for k in work_kinds}
    sexual = bool(kinds & SEXUAL_WORK_KINDS)
    labour = bool(kinds - SEXUAL_WORK_KINDS)
    return BOTH if sexual and labour else SEXUAL if sexual else LABOUR


class CaseFacts(NamedTuple):  # a tuple: made for every record imported, so made fast
    """What a readable record contributes to the statistics, as the record says it."""

    interviewed_on: date
    """The calendar day in Albania the interview began."""
    sex: str
    """The answer as given ("not_stated" when the person preferred not to answer), or
    :data:`NO_VALUE`."""
    age_band: str
    nationality: str
    """The answer as given, or :data:`NO_VALUE`."""
    exploitation: str
    decision: str | None
    """The decision recorded (any value, the vocabulary decides later), or None."""
    ended: str | None
    """"consent_refused" or "stopped" when the interview ended so, else None."""
    referrals: tuple[str, ...]
    """The recipient of each referral made, repeats included."""


class CodedCase(NamedTuple):
    """One record's row of ``coded_cases``, short of where and when it arrived."""

    case_code: str
    status: str
    outcome: str
    """What the registry shows: the decision, else how the interview ended."""
    started_on: str
    """The first ten characters of ``started_at`` as the station wrote it."""
    facts: CaseFacts | None
    unreadable: str | None
    """Why the statistics cannot read the record (names no record), or None."""


def _mapping(value: object) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _registry_columns(document: object) -> tuple[str, str, str, str]:
    """(code, status, outcome, day begun) as the registry shows them; empty when absent."""
    record = _mapping(document)
    case = _mapping(record.get("case", {}))
    interview = _mapping(record.get("interview") or {})
    decision = _mapping(record.get("decision") or {})
    return (
        str(case.get("code", "")),
        str(case.get("status", "")),
        str(decision.get("decision") or interview.get("outcome") or ""),
        str(case.get("started_at", ""))[:10],
    )


_UNREADABLE = "A case record cannot be read as a case."
_COUNTED_ANSWERS = frozenset({"prep_sex", "prep_nationality", "prep_age", "work_kind"})
_STATED_BANDS = (
    *(band for band, _, _ in AGE_BANDS),
    CHILD_AGE_UNKNOWN,
    ADULT_AGE_UNKNOWN,
    UNKNOWN,
)


def case_facts(document: Any) -> CaseFacts | str:
    """The facts of a parsed case record (format 1), or why they cannot be read."""
    try:
        if document.get("format") != RECORD_FORMAT:
            return (
                f"A case record has format {document.get('format')!r}; "
                f"these statistics read format {RECORD_FORMAT}."
            )
        day = interview_date(str(document["case"]["started_at"]))
        answers: dict[str, tuple[str, object]] = {}
        for question, status, value in document.get("answers") or []:
            # Only these answers are counted (the last of repeats, as a dict would keep).
            if isinstance(question, str) and question in _COUNTED_ANSWERS:
                answers[question] = (str(status), value)
        interview: dict[str, Any] = document.get("interview") or {}
        decision: dict[str, Any] = document.get("decision") or {}
        referrals = tuple(str(r["recipient"]) for r in document.get("referrals") or [])
        presumed_child = bool(interview.get("presumed_child"))
        stated_band = interview.get("age_band")
        outcome = interview.get("outcome")
        decided = decision.get("decision")
    except (ValueError, KeyError, TypeError, AttributeError):
        return _UNREADABLE

    def given(question: str) -> object:
        status, value = answers.get(question, ("", None))
        return value if status == "answered" else None

    def text(value: object) -> str:
        return value if isinstance(value, str) else NO_VALUE

    if answers.get("prep_sex", ("", None))[0] == "prefers_not_to_answer":
        sex = NOT_STATED
    else:
        sex = text(given("prep_sex"))
    return CaseFacts(
        interviewed_on=day,
        sex=sex,
        # A minimal record (no consent to keep one) carries the band, not the age.
        age_band=str(stated_band)
        if stated_band in _STATED_BANDS
        else age_band(given("prep_age"), presumed_child),
        nationality=text(given("prep_nationality")),
        exploitation=exploitation(given("work_kind")),
        decision=None if decided is None else str(decided),
        ended=str(outcome) if outcome in (CONSENT_REFUSED, STOPPED) else None,
        referrals=referrals,
    )


def code_document(document: Any) -> CodedCase:
    """The coded row of a case record already parsed from its JSON; never raises."""
    facts = case_facts(document)
    code, status, outcome, started_on = _registry_columns(document)
    if isinstance(facts, str):
        return CodedCase(code, status, outcome, started_on, None, facts)
    return CodedCase(code, status, outcome, started_on, facts, None)


def code_case(content: bytes) -> CodedCase:
    """The coded row of a case record's content (canonical JSON); never raises."""
    try:
        document = json.loads(content)
    except (ValueError, RecursionError):
        return CodedCase("", "", "", "", None, _UNREADABLE)
    return code_document(document)


# -- writing ---------------------------------------------------------------------------------

_INSERT = (
    "INSERT INTO coded_cases (record_id, station_id, version, received_at, case_code, status,"
    " outcome, started_on, interviewed_on, sex, age_band, nationality, exploitation, decision,"
    " ended, referrals, unreadable) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
)


CodedRow = tuple[Any, ...]
"""One row of ``coded_cases``, ready to insert (:func:`insert_coded`)."""


def coded_row(
    record_id: str, station_id: str, version: int, received_at: str, coded: CodedCase
) -> CodedRow:
    facts = coded.facts
    return (
        record_id,
        station_id,
        version,
        received_at,
        coded.case_code,
        coded.status,
        coded.outcome,
        coded.started_on,
        *(
            ("", *(None,) * 7)
            if facts is None
            else (
                facts.interviewed_on.isoformat(),
                facts.sex,
                facts.age_band,
                facts.nationality,
                facts.exploitation,
                facts.decision,
                facts.ended,
                json.dumps(facts.referrals, ensure_ascii=False) if facts.referrals else "[]",
            )
        ),
        coded.unreadable,
    )


def insert_coded(db: Database, rows: list[CodedRow], *, count: bool = True) -> None:
    """Insert coded rows of records just stored, inside the caller's transaction, count them
    (:func:`count_inserted`) and note them for the statistics store (``coded_changes``);
    ``count=False`` only where migration 4's per-row triggers still count them, and for the
    statistics store (which counts apart). Storing a record's new content already dropped its
    old row (trigger ``case_record_changed``)."""
    db.executemany(_INSERT, rows)
    if count:
        count_inserted(db, rows)
        db.executemany(
            "INSERT OR REPLACE INTO coded_changes (record_id) VALUES (?)",
            [(row[0],) for row in rows],
        )


def count_inserted(db: Database, rows: list[CodedRow]) -> None:
    """What migration 4's insert triggers did row by row, once for a batch of rows just
    inserted (issue 14: the two triggers cost as much as inserting the rows): their months
    become stale and each (station, status) gains its number of rows."""
    months = {str(row[8])[:7] for row in rows if row[8] != ""}
    statuses = Counter((str(row[1]), str(row[5])) for row in rows)
    db.executemany(
        "INSERT INTO stale_months (month) VALUES (?) ON CONFLICT (month) DO NOTHING",
        [(month,) for month in sorted(months)],
    )
    db.executemany(
        "INSERT INTO status_counts (station_id, status, cases) VALUES (?, ?, ?)"
        " ON CONFLICT (station_id, status) DO UPDATE SET cases = cases + excluded.cases",
        [(station, status, cases) for (station, status), cases in sorted(statuses.items())],
    )


def store_coded(
    db: Database, record_id: str, station_id: str, version: int, received_at: str, coded: CodedCase
) -> None:
    """Write the coded row of one case record just stored, inside the caller's transaction."""
    db.execute("DELETE FROM coded_cases WHERE record_id = ?", (record_id,))
    insert_coded(db, [coded_row(record_id, station_id, version, received_at, coded)])


_CODING_BATCH = 500  # records read at a time: memory stays bounded whatever the centre holds


def _uncoded(db: Database) -> list[str]:
    return [
        str(row[0])
        for row in db.all(
            "SELECT record_id FROM records WHERE kind = ? AND record_id NOT IN"
            " (SELECT record_id FROM coded_cases)",
            (RECORD_KIND,),
        )
    ]


def code_missing(db: Database, *, count: bool = True) -> int:
    """Code every case record that has no coded row, inside the caller's transaction;
    returns how many were coded. ``count`` as for :func:`insert_coded`."""
    missing = _uncoded(db)
    for start in range(0, len(missing), _CODING_BATCH):
        batch = missing[start : start + _CODING_BATCH]
        marks = ", ".join("?" for _ in batch)
        insert_coded(
            db,
            [
                coded_row(str(r[0]), str(r[1]), int(r[2]), str(r[3]), code_case(bytes(r[4])))
                for r in db.all(
                    "SELECT record_id, station_id, version, received_at, content FROM records"
                    f" WHERE kind = ? AND record_id IN ({marks})",
                    (RECORD_KIND, *batch),
                )
            ],
            count=count,
        )
    return len(missing)


def ensure_coded(db: Database) -> int:
    """Code any case record left without a coded row (one changed outside the importer), so
    what is read next counts every record; returns how many were coded. Costs two counts when
    nothing is missing."""
    row = db.one(
        "SELECT (SELECT count(*) FROM records WHERE kind = ?) - (SELECT count(*) FROM coded_cases)",
        (RECORD_KIND,),
    )
    if row is None or int(row[0]) == 0:
        return 0
    with db.transaction():
        return code_missing(db)
