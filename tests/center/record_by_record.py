"""How the centre computed its statistics and its registry before issue 14: every record
fetched and its JSON parsed, one by one. Kept here, as it was, to check that the SQL over the
coded columns (``center/coded_cases.py``) gives the very same figures and rows."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from interview_room.center.coded_cases import (
    BAND_NAMES,
    CHILD_AGE_UNKNOWN,
    CONSENT_REFUSED,
    NOT_STATED,
    STOPPED,
    UNKNOWN,
    age_band,
    exploitation,
    interview_date,
)
from interview_room.center.registry import RegistryRow
from interview_room.center.stats import (
    NO_DECISION,
    OTHER,
    Dimension,
    Statistics,
    _months,
    _primary,
    _table,
    _Vocabulary,
)
from interview_room.center.store import CenterStore
from interview_room.interview.protocols import ProtocolLibrary
from interview_room.screening import Protocol
from interview_room.sync.records import RECORD_FORMAT, RECORD_KIND


@dataclass(frozen=True)
class _Case:
    station: str
    month: str
    sex: str
    age_band: str
    nationality: str
    exploitation: str
    outcome: str
    referrals: tuple[str, ...]

    def values(self, dimension: Dimension) -> tuple[str, ...]:
        if dimension is Dimension.REFERRAL_RECIPIENT:
            return self.referrals
        return (str(getattr(self, dimension.value)),)


def _read(vocabulary: _Vocabulary, content: bytes, station: str) -> tuple[date, _Case]:
    document = json.loads(content)
    assert document.get("format") == RECORD_FORMAT
    day = interview_date(str(document["case"]["started_at"]))
    answers = {
        str(question): (str(status), value)
        for question, status, value in document.get("answers") or []
    }
    interview: dict[str, Any] = document.get("interview") or {}
    decision: dict[str, Any] = document.get("decision") or {}
    referrals = [str(r["recipient"]) for r in document.get("referrals") or []]

    def given(question: str) -> object:
        status, value = answers.get(question, ("", None))
        return value if status == "answered" else None

    def coded(value: object, allowed: Sequence[str]) -> str:
        return str(value) if value in allowed else UNKNOWN

    if answers.get("prep_sex", ("", None))[0] == "prefers_not_to_answer":
        sex = NOT_STATED if NOT_STATED in vocabulary.sex else UNKNOWN
    else:
        sex = coded(given("prep_sex"), vocabulary.sex)
    if decision.get("decision") is not None:
        outcome = str(decision["decision"])
        outcome = outcome if outcome in vocabulary.decisions else NO_DECISION
    elif interview.get("outcome") in (CONSENT_REFUSED, STOPPED):
        outcome = str(interview["outcome"])
    else:
        outcome = NO_DECISION
    return day, _Case(
        station=station,
        month=day.strftime("%Y-%m"),
        sex=sex,
        age_band=str(interview["age_band"])
        if interview.get("age_band") in (*BAND_NAMES, CHILD_AGE_UNKNOWN, UNKNOWN)
        else age_band(given("prep_age"), bool(interview.get("presumed_child"))),
        nationality=coded(given("prep_nationality"), vocabulary.nationality),
        exploitation=exploitation(given("work_kind")),
        outcome=outcome,
        referrals=tuple(r if r in vocabulary.recipients else OTHER for r in referrals),
    )


def statistics_record_by_record(
    center: CenterStore, *, start: date, end: date, protocol: Protocol | None = None
) -> Statistics:
    """``compute_statistics`` as it was: every record read and counted in Python."""
    vocabulary = _Vocabulary(protocol or ProtocolLibrary().current())
    db = center.open()
    try:
        stations = {str(r[0]): str(r[1]) for r in db.all("SELECT station_id, name FROM stations")}
        stored = db.all("SELECT station_id, content FROM records WHERE kind = ?", (RECORD_KIND,))
    finally:
        db.close()
    cases: list[_Case] = []
    for station_id, content in stored:
        day, case = _read(vocabulary, bytes(content), stations.get(str(station_id), UNKNOWN))
        if start <= day <= end:
            cases.append(case)
    station_names = tuple(sorted(set(stations.values()) | {c.station for c in cases}))
    months = _months(start, end)
    tables = tuple(
        _table(
            dimension,
            station_names
            if dimension is Dimension.STATION
            else months
            if dimension is Dimension.MONTH
            else vocabulary.values(dimension),
            Counter(v for case in cases for v in case.values(dimension)),
            vocabulary,
        )
        for dimension in Dimension
    )
    return Statistics(start=start, end=end, cases=_primary(len(cases)), tables=tables)


def registry_record_by_record(center: CenterStore) -> dict[str, RegistryRow]:
    """``load_registry`` as it was, by record id (its order was only by arrival)."""
    db = center.open()
    try:
        stations = {
            str(r[0]): f"{r[1]} ({r[2]})"
            for r in db.all("SELECT station_id, name, code FROM stations")
        }
        disputed = {
            str(r[0]): int(r[1])
            for r in db.all(
                "SELECT record_id, count(*) FROM conflicts WHERE kind = 'case'"
                " AND resolved_at IS NULL GROUP BY record_id"
            )
        }
        rows: dict[str, RegistryRow] = {}
        for record_id, station_id, content, received_at, version in db.all(
            "SELECT record_id, station_id, content, received_at, version FROM records"
            " WHERE kind = 'case' ORDER BY received_at DESC"
        ):
            record = json.loads(bytes(content).decode("utf-8"))
            case = record.get("case", {})
            interview = record.get("interview") or {}
            decision = record.get("decision") or {}
            rows[str(record_id)] = RegistryRow(
                station=stations.get(str(station_id), str(station_id)),
                case_code=str(case.get("code", "")),
                status=str(case.get("status", "")),
                outcome=str(decision.get("decision") or interview.get("outcome") or ""),
                interviewed_on=str(case.get("started_at", ""))[:10],
                received_at=str(received_at)[:16].replace("T", " "),
                version=int(version),
                conflicts=disputed.get(str(record_id), 0),
            )
    finally:
        db.close()
    return rows
