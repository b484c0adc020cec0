"""Issue 12: a child's minimal record (no consent to keep a record) keeps the officers'
``guardian_conflict`` and the Unit worker's ``consent_unit`` with the other consents: without
them it would show a guardian's "no" and an interview that went on. The centre's importer takes
such a record from a real signed bundle, and still takes one from before these two answers."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from interview_room.center.importer import import_bundle
from interview_room.center.store import CenterStore
from interview_room.interview.interview import Interview
from interview_room.interview.personal_data import PersonalData
from interview_room.interview.protocols import ProtocolLibrary
from interview_room.screening import Answer
from interview_room.sync.record_consent import breach
from interview_room.sync.records import case_record
from interview_room.sync.station import StationSync
from tests.center.test_import_consents import Linked
from tests.conftest import WorkstationFactory

BOY_WHOSE_FATHER_MAY_BE_INVOLVED: dict[str, str | int] = {
    "obs_apparent_age": "could_be_under_18",
    "consent_rights_read": "yes",
    "consent_interview": "yes",
    "prep_age": 14,
    "prep_age_doubt": "no",
    "prep_child_support": "both",
    "guardian_conflict": "yes",
    "consent_guardian": "no",
    "consent_unit": "yes",
    "consent_guardian_by": "child_protection_unit",
    "consent_child_assent": "agrees",
    "consent_storage": "no",
    "prep_sex": "male",
}


@pytest.fixture
def linked(workstation: WorkstationFactory, tmp_path: Path) -> Linked:
    session = workstation(training=True).session
    center = CenterStore(tmp_path / "center")
    keys = center.create(training=True)
    station = session.station
    key = center.enroll_station(station.station_id, station.name, station.code)
    StationSync(session).link(key, keys.age_recipient, keys.receipt_public_key)
    return Linked(session, center, keys.age_recipient)


def _minimal_child_record(linked: Linked) -> dict[str, Any]:
    protocol = ProtocolLibrary().current()
    interview = Interview.begin(linked.session, protocol, "sq")
    for question_id, value in BOY_WHOSE_FATHER_MAY_BE_INVOLVED.items():
        interview.answer(Answer.given(question_id, value))
    assert interview.personal_data is PersonalData.MINIMAL
    document: dict[str, Any] = json.loads(
        case_record(linked.session.db, interview.case.id, linked.station_id)
    )
    return document


def test_the_units_decision_is_kept_and_imported(linked: Linked) -> None:
    document = _minimal_child_record(linked)
    kept = {entry[0]: entry[2] for entry in document["answers"]}
    assert kept["guardian_conflict"] == "yes" and kept["consent_unit"] == "yes"
    assert kept["consent_guardian"] == "no" and kept["consent_guardian_by"] == (
        "child_protection_unit"
    )
    assert "prep_age" not in kept, "the band only, as before"
    assert breach(document, ProtocolLibrary().current()) is None
    exported = StationSync(linked.session).export_bundle()
    assert import_bundle(linked.center, exported.data, "a.bundle.age").imported == 1


def test_a_record_from_before_the_two_answers_is_still_imported(linked: Linked) -> None:
    document = _minimal_child_record(linked)
    document["answers"] = [
        entry
        for entry in document["answers"]
        if entry[0] not in ("guardian_conflict", "consent_unit")
    ]
    assert import_bundle(linked.center, linked.bundle(document), "old.bundle.age").imported == 1


def test_an_answer_outside_their_choices_is_still_refused(linked: Linked) -> None:
    document = _minimal_child_record(linked)
    for entry in document["answers"]:
        if entry[0] == "guardian_conflict":
            entry[2] = "Besa_Shembulli"
    assert breach(document, ProtocolLibrary().current()) == (
        "an answer that is not one of its question's choices"
    )
