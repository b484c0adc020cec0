"""Synthetic case records of every shape the centre's statistics and registry meet, brought in
the way stations send them: signed, encrypted bundles that the real importer checks and stores.

Used by the centre's tests and by ``benchmarks/center_at_scale.py``, hence here and not with
the tests. Unlike ``tests/center/filled.py`` (one shape, many times), each record draws its
consents, outcome, child status, answers and referrals at random (seeded, so a run can be
repeated): full records of a person who agreed to a record being kept, anonymous minimal
records of a person who refused, preferred not to answer or was never asked
(``sync/record_consent.py``,
``interview/personal_data.py``), records with no interview or no decision, answers a protocol
does not know, a decision recorded as no outcome, duplicate referrals, interviews just before or
after midnight in Albania around the summer-time changes. Every name and value is made up.
"""

from __future__ import annotations

import random
import secrets
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from interview_room.center.importer import ImportResult, import_bundle
from interview_room.center.store import CenterStore
from interview_room.interview.personal_data import (
    MINIMAL_QUESTIONS,
    age_band,
    minimal_question_ids,
    minimal_suggestion,
)
from interview_room.interview.protocols import ProtocolLibrary
from interview_room.screening import AnswerType, Protocol
from interview_room.sync.bundle import Bundle, BundleRecord, bundle_file_name, write_bundle
from interview_room.sync.record_consent import (
    CASE_FIELDS_KEPT,
    DECISION_FIELDS_KEPT,
    INTERVIEW_FIELDS_KEPT,
    STORAGE_QUESTION,
)
from interview_room.sync.records import RECORD_FORMAT, RECORD_KIND, canonical

FIRST_DAY = datetime(2016, 1, 1, tzinfo=UTC)
YEARS = 10
STATUSES = ("draft", "incomplete", "completed", "referred")
OUTCOMES = ("finished", "stopped", "consent_refused", None)
UNKNOWN_TO_THE_PROTOCOL = "a_value_no_protocol_has"
_BOUNDARIES = (  # UTC moments either side of midnight in Albania and of summer time
    "T22:30:00+00:00",
    "T23:30:00+00:00",
    "T21:30:00+00:00",
    "T00:30:00+00:00",
)


def station_names(count: int) -> list[tuple[str, str]]:
    """(name, code) of ``count`` synthetic border points."""
    return [(f"Pika kufitare {n:02d} (sintetike)", f"P{n:02d}") for n in range(1, count + 1)]


Span = tuple[datetime, int]
"""(first day, number of days) over which interviews began."""
DECADE: Span = (FIRST_DAY, 365 * YEARS)


def _moment(rng: random.Random, span: Span) -> str:
    first, days = span
    day = first + timedelta(days=rng.randrange(days))
    if rng.random() < 0.1:
        # The last Sundays of March and October, and the nights around them.
        year = (first + timedelta(days=rng.randrange(days))).year
        month = rng.choice((3, 10))
        last = datetime(year, month, 31, tzinfo=UTC)
        sunday = last - timedelta(days=(last.weekday() + 1) % 7)
        day = sunday + timedelta(days=rng.choice((-1, 0, 1)))
        return day.date().isoformat() + rng.choice(_BOUNDARIES)
    if rng.random() < 0.1:
        return day.date().isoformat() + rng.choice(_BOUNDARIES)
    return (day + timedelta(minutes=rng.randrange(24 * 60))).isoformat(timespec="seconds")


def _value(rng: random.Random, protocol: Protocol, question_id: str) -> Any:
    question = protocol.question(question_id)
    kind = question.answer_type
    if kind is AnswerType.MULTI_CHOICE:
        return sorted(rng.sample(question.options, rng.randint(1, min(3, len(question.options)))))
    if kind in (AnswerType.YES_NO, AnswerType.SINGLE_CHOICE):
        return rng.choice(question.options)
    if kind is AnswerType.NUMBER:
        return rng.randint(0, 9)
    if kind is AnswerType.DATE:
        return "2024-05-06"
    return "Shënim sintetik pa asnjë të dhënë të vërtetë."


def _answers(rng: random.Random, protocol: Protocol, child: bool) -> dict[str, list[Any]]:
    """Some 30 answers a full record may carry, then the ones the figures are made of."""
    ids = [q.id for q in protocol.questions if q.id != "det_decision"]
    answers = {
        question_id: [question_id, "answered", _value(rng, protocol, question_id)]
        for question_id in rng.sample(ids, 26)
    }
    sex = rng.choice(
        (*protocol.question("prep_sex").options, "not_stated", UNKNOWN_TO_THE_PROTOCOL)
    )
    nationality = rng.choice(
        (*protocol.question("prep_nationality").options, UNKNOWN_TO_THE_PROTOCOL)
    )
    age: object = rng.choice(
        (rng.randint(10, 17), rng.randint(10, 17)) if child else (rng.randint(14, 70), 130, -1, 35)
    )
    work: object = rng.choice(
        (
            ["sexual_services"],
            ["agriculture", "hospitality"],
            ["sexual_services", "begging"],
            ["construction"],
            [],
        )
    )
    for question_id, value in (
        ("prep_sex", sex),
        ("prep_nationality", nationality),
        ("prep_age", age),
        ("work_kind", work),
    ):
        draw = rng.random()
        if draw < 0.08:
            answers[question_id] = [question_id, "prefers_not_to_answer", None]
        elif draw < 0.14:
            answers[question_id] = [question_id, "skipped", None]
        elif draw < 0.18:
            answers.pop(question_id, None)
        else:
            answers[question_id] = [question_id, "answered", value]
    return answers


def varied_record(
    rng: random.Random,
    protocol: Protocol,
    station_id: str,
    code: str,
    number: int,
    span: Span = DECADE,
    record_id: str | None = None,
) -> tuple[str, bytes]:
    """(record id, canonical bytes) of one synthetic case record of a random shape, begun
    within ``span`` (``record_id``: a new version of that case, drawn anew)."""
    drawn = f"{rng.getrandbits(128):032x}"  # as the station draws them (secrets.token_hex(16))
    record_id = record_id or drawn
    started = _moment(rng, span)
    child = rng.random() < 0.15
    storage = rng.choice(("yes",) * 6 + ("no", "prefers_not_to_answer", "skipped", None))
    answers = _answers(rng, protocol, child)
    ids = sorted(answers)
    _set_consents(answers, storage)
    outcome = rng.choice(OUTCOMES)
    decided = outcome == "finished" and rng.random() < 0.9
    decision_value = _decision_value(rng, protocol, decided, storage)
    referrals = _referrals(rng, protocol, started)
    document: dict[str, Any] = {
        "format": RECORD_FORMAT,
        "station_id": station_id,
        "case": {
            "id": record_id,
            "code": f"{code}-{started[:4]}-{number:05d}",
            "status": rng.choice(STATUSES),
            "person_name": f"Emër Sintetik {number}",
            "started_at": started,
            "officer": "Oficer Shembulli",
            "social_worker": "Punonjëse Shembulli",
        },
        "interview": None
        if rng.random() < 0.03
        else {
            "protocol": [protocol.id, protocol.version, protocol.content_hash],
            "person_language": "sq",
            "current_section": "determination",
            "presumed_child": child,
            "outcome": outcome,
            "ended_at": started,
        },
        "answers": sorted(answers.values()),
        "events": [
            [started, "started", {}],
            [started, "break_started", {"requested_by": "person"}],
            [started, "break_ended", {}],
        ],
        "decision": _decision(rng, protocol, ids, decision_value, started) if decided else None,
        "referrals": referrals,
    }
    if storage != "yes":
        document = _minimal(document, protocol)
    return record_id, canonical(document)


def _set_consents(answers: dict[str, list[Any]], storage: str | None) -> None:
    """The rights read and the interview agreed to; consent to storage as drawn (None: the
    question was never reached)."""
    for question_id in ("consent_rights_read", "consent_interview"):
        answers[question_id] = [question_id, "answered", "yes"]
    if storage is None:
        answers.pop("consent_storage", None)
    elif storage in ("yes", "no"):
        answers["consent_storage"] = ["consent_storage", "answered", storage]
    else:
        answers["consent_storage"] = ["consent_storage", storage, None]


def _decision_value(
    rng: random.Random, protocol: Protocol, decided: bool, storage: str | None
) -> object:
    """The decision recorded: one of the protocol's, one no protocol has, or none."""
    decision_value: object = rng.choice(
        (*protocol.question("det_decision").options, UNKNOWN_TO_THE_PROTOCOL)
    )
    if decided and rng.random() < 0.05:
        decision_value = None  # a decision row that records no outcome
    if storage != "yes" and decision_value == UNKNOWN_TO_THE_PROTOCOL:
        # A minimal record holds only the closed list of decisions (sync/record_consent.py):
        # a value no protocol has can only come in a full record.
        decision_value = protocol.question("det_decision").options[0]
    return decision_value


def _referrals(rng: random.Random, protocol: Protocol, started: str) -> list[dict[str, Any]]:
    """None to three referrals, to the protocol's recipients or to one it does not name."""
    recipients = (*protocol.referral_recipients, "ngo_not_in_the_protocol")
    return [
        {
            "id": f"{rng.getrandbits(128):032x}",  # secrets.token_hex(16), as referrals.py draws it
            "recipient": rng.choice(recipients),
            "language": "sq",
            "urgency": "routine",
            "consented": True,
            "created_at": started,
            "officer_signed_at": started,
            "social_worker_signed_at": None,
            "pdf_sha256": f"{rng.getrandbits(256):064x}",
        }
        for n in range(rng.choice((0, 0, 0, 1, 1, 2, 3)))
    ]


def _decision(
    rng: random.Random, protocol: Protocol, ids: list[str], value: object, started: str
) -> dict[str, Any]:
    """A decision with the rule's suggestion, four questions drawn for each dimension."""
    return {
        "suggested": "potential_victim",
        "suggestion": {
            "outcome": "potential_victim",
            "protocol": [protocol.id, protocol.version, protocol.content_hash],
            "dimensions": {
                dimension: sorted(rng.sample(ids, 4))
                for dimension in ("recruitment", "exploitation", "control", "vulnerability")
            },
        },
        "decision": value,
        "reasons": "Arsye sintetike: rast trajnimi.",
        "decided_at": started,
    }


def _minimal(document: dict[str, Any], protocol: Protocol) -> dict[str, Any]:
    """The anonymous minimal record, as ``record_consent.minimal_record`` makes it."""
    keep = minimal_question_ids(protocol)
    if document["interview"] is None:  # no protocol named: the strictest minimal record
        keep = frozenset({*MINIMAL_QUESTIONS, STORAGE_QUESTION})
    answers = {entry[0]: entry for entry in document["answers"]}
    age = answers.get("prep_age", [None, None, None])
    interview = document["interview"]
    if interview is not None:
        interview = {k: v for k, v in interview.items() if k in INTERVIEW_FIELDS_KEPT}
        interview["age_band"] = age_band(
            age[2] if age[1] == "answered" else None, bool(interview["presumed_child"])
        )
    decision = document["decision"]
    if decision is not None:
        decision = {k: v for k, v in decision.items() if k in DECISION_FIELDS_KEPT} | {
            "reasons": "",
            "suggestion": minimal_suggestion(decision["suggestion"]),
        }
    # As the station writes it: without an interview no answer, decision or referral exists,
    # and a referral goes to one of the protocol's recipients (sync/record_consent.py).
    referrals = [
        referral
        for referral in document["referrals"]
        if interview is not None and referral["recipient"] in protocol.referral_recipients
    ]
    return {
        **document,
        "personal_data": "minimal",
        "referrals": referrals,
        "case": {k: v for k, v in document["case"].items() if k in CASE_FIELDS_KEPT},
        "interview": interview,
        # A station only records its questions' choices, and the centre refuses a minimal
        # record holding anything else (a name could travel as an "answer").
        "answers": [
            entry
            for entry in document["answers"]
            if entry[0] in keep and interview is not None and _a_choice(protocol, entry)
        ],
        "events": [
            [at, kind, {k: v for k, v in detail.items() if k == "requested_by"}]
            for at, kind, detail in document["events"]
        ],
        "decision": decision if interview is not None else None,
    }


def _a_choice(protocol: Protocol, entry: list[Any]) -> bool:
    options = protocol.question(entry[0]).options
    value = entry[2]
    return (
        value is None
        or value in options
        or (isinstance(value, list) and all(item in options for item in value))
    )


def varied_records(
    station_id: str,
    code: str,
    numbers: range,
    seed: int,
    protocol: Protocol | None = None,
    span: Span = DECADE,
) -> Iterator[BundleRecord]:
    rng = random.Random(f"{seed}-{code}")
    protocol = protocol or ProtocolLibrary().current()
    for number in numbers:
        record_id, content = varied_record(rng, protocol, station_id, code, number, span)
        yield BundleRecord(RECORD_KIND, record_id, 1, content)


@dataclass
class VariedStation:
    """An enrolled synthetic station: what it needs to send more bundles, and what it sent."""

    station_id: str
    code: str
    key: Ed25519PrivateKey
    records: dict[str, BundleRecord] = field(default_factory=dict)
    """The newest version sent of each record, by record id."""
    sequence: int = 0

    def send(self, center: CenterStore, records: tuple[BundleRecord, ...]) -> ImportResult:
        """One bundle of ``records`` to ``center``, imported by the real importer."""
        self.sequence += 1
        data = write_bundle(
            Bundle(
                self.station_id,
                self.sequence,
                datetime.now(UTC).isoformat(timespec="seconds"),
                records,
            ),
            station_key=self.key,
            recipient=center.keys().age_recipient,
        )
        result = import_bundle(center, data, bundle_file_name(self.station_id, self.sequence))
        for record in records:
            self.records[record.record_id] = record
        return result


def fill_varied(
    center: CenterStore, cases: int, *, stations: int = 4, seed: int = 14, per_bundle: int = 5_000
) -> list[VariedStation]:
    """Enroll ``stations`` border points at ``center`` and send it ``cases`` varied records
    spread over them, in bundles of at most ``per_bundle`` records."""
    protocol = ProtocolLibrary().current()
    enrolled: list[VariedStation] = []
    for index, (name, code) in enumerate(station_names(stations)):
        station_id = secrets.token_hex(16)
        key = Ed25519PrivateKey.from_private_bytes(center.enroll_station(station_id, name, code))
        station = VariedStation(station_id, code, key)
        numbers = range(index, cases, stations)
        records = tuple(varied_records(station_id, code, numbers, seed, protocol))
        for start in range(0, len(records), per_bundle):
            chunk = records[start : start + per_bundle]
            result = station.send(center, chunk)
            assert result.imported == len(chunk), result
        enrolled.append(station)
    return enrolled


def varied_center(
    center_dir: Path, cases: int, *, stations: int = 4, seed: int = 14, per_bundle: int = 5_000
) -> CenterStore:
    """A new training centre holding ``cases`` varied records spread over ``stations`` border
    points, each station's sent in bundles of at most ``per_bundle`` records."""
    center = CenterStore(center_dir)
    center.create(training=True)
    fill_varied(center, cases, stations=stations, seed=seed, per_bundle=per_bundle)
    return center


@dataclass(frozen=True)
class Centre:
    center: CenterStore
    stations: list[VariedStation]


def new_version(station: VariedStation, record_id: str, version: int, seed: int) -> BundleRecord:
    """Version ``version`` of a record of ``station``, its content drawn anew."""
    rng = random.Random(seed)
    _, content = varied_record(
        rng, ProtocolLibrary().current(), station.station_id, station.code, 0, record_id=record_id
    )
    return BundleRecord(RECORD_KIND, record_id, version, content)


def centre_with_history(center_dir: Path) -> Centre:
    """400 varied records from four stations; then 60 of them sent again as version 2 (their
    day, consents and outcome drawn anew), one resent as another version 1 and kept by a
    person (a resolved conflict), one more such conflict left open."""
    from interview_room.center.conflicts import Resolution, load_conflicts, resolve_conflict

    center = CenterStore(center_dir)
    center.create(training=True)
    stations = fill_varied(center, 400, stations=4, seed=3, per_bundle=60)
    for index, station in enumerate(stations):
        ids = sorted(station.records)[:15]
        versions = tuple(new_version(station, rid, 2, 100 * index + n) for n, rid in enumerate(ids))
        assert station.send(center, versions).imported == len(ids)
    first, second = stations[0], stations[1]
    kept = sorted(first.records)[20]
    assert first.send(center, (new_version(first, kept, 1, 999),)).conflicts == 1
    disputed = sorted(second.records)[20]
    assert second.send(center, (new_version(second, disputed, 1, 998),)).conflicts == 1
    (conflict,) = [c for c in load_conflicts(center) if c.record_id == kept]
    resolve_conflict(center, conflict.number, Resolution.INCOMING)
    return Centre(center, stations)
