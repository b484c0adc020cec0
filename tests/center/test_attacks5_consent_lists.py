"""Attacker 5 (docs/reviews/attacker-5.md), C1: a minimal record (storage refused) that spells a
name as a list of nationalities given for a single choice, or in the microseconds of many added
events. The consent rule now takes one string for a single choice, a list without repeats only
for a multi-choice question, at most ``MAX_MINIMAL_EVENTS`` events, and event times to the
second in UTC; what the station itself sends keeps to it. Real station, real centre rule."""

from __future__ import annotations

import copy
from typing import Any

from interview_room.interview.personal_data import PersonalData
from interview_room.interview.protocols import ProtocolLibrary
from interview_room.sync.record_consent import MAX_MINIMAL_EVENTS, breach, minimal_record
from tests.center.test_import_consents import Linked, _minimal_record
from tests.center.test_import_consents import linked as linked


def _spelled(options: tuple[str, ...], secret: str) -> list[str]:
    by_letter: dict[str, str] = {}
    for option in options:
        by_letter.setdefault(option[0], option)
    return [by_letter[c] for c in secret if c in by_letter]


def test_a5_c1_a_single_choice_given_as_a_list_is_refused(linked: Linked) -> None:
    minimal = _minimal_record(linked)
    protocol = ProtocolLibrary().current()
    assert breach(minimal, protocol) is None
    forged = copy.deepcopy(minimal)
    forged["answers"] = [a for a in forged["answers"] if a[0] != "prep_nationality"]
    encoded = _spelled(protocol.question("prep_nationality").options, "besashembullikukes")
    forged["answers"].append(["prep_nationality", "answered", encoded])
    assert breach(forged, protocol) == "an answer that is not one of its question's choices"
    one = copy.deepcopy(forged)
    one["answers"][-1][2] = [encoded[0]]  # a list of one is not a single choice either
    assert breach(one, protocol) is not None
    repeated = copy.deepcopy(minimal)
    repeated["answers"] = [a for a in repeated["answers"] if a[0] != "consent_witness"]
    witness = protocol.question("consent_witness").options
    repeated["answers"].append(["consent_witness", "answered", [witness[0], witness[0]]])
    assert breach(repeated, protocol) is not None


def test_a5_c1_event_times_and_numbers_carry_nothing(linked: Linked) -> None:
    minimal = _minimal_record(linked)
    protocol = ProtocolLibrary().current()
    micro = copy.deepcopy(minimal)
    micro["events"] = micro["events"] + [
        [f"2026-01-01T00:00:00.{ord(c):06d}+00:00", "break_started", {}] for c in "Besa"
    ]
    assert breach(micro, protocol) == "free text in the interview's events"
    offset = copy.deepcopy(minimal)
    offset["events"] = offset["events"] + [["2026-01-01T00:00:00+05:42", "break_started", {}]]
    assert breach(offset, protocol) is not None
    many = copy.deepcopy(minimal)
    extra: list[Any] = [["2026-01-01T00:00:00Z", "break_started", {}]] * MAX_MINIMAL_EVENTS
    many["events"] = many["events"] + extra
    assert breach(many, protocol) == "more events than a minimal record keeps"


def test_a5_c1_what_the_station_sends_keeps_to_the_rule(linked: Linked) -> None:
    """A long interview's events are cut to the first ones and the last; a multi-choice answer
    is sent sorted, without repeats."""
    minimal = _minimal_record(linked)
    protocol = ProtocolLibrary().current()
    full = copy.deepcopy(minimal)
    full["events"] = [["2026-01-01T00:00:00+00:00", "break_started", {}]] * 150 + [
        ["2026-01-01T01:00:00+00:00", "finished", {}]
    ]
    witness = sorted(protocol.question("consent_witness").options)[:2]
    full["answers"] = [a for a in full["answers"] if a[0] != "consent_witness"]
    full["answers"].append(["consent_witness", "answered", list(reversed(witness)) * 2])
    sent = minimal_record(full, None, protocol, PersonalData(minimal["personal_data"]))
    assert len(sent["events"]) == MAX_MINIMAL_EVENTS and sent["events"][-1][1] == "finished"
    assert ["consent_witness", "answered", witness] in sent["answers"]
    assert breach(sent, protocol) is None
