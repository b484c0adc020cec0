"""Attacker 3 (docs/reviews/attacker-3.md, R1 and R2): names in the fields the consent rule
left open in a minimal record (the person refused a record being kept). Each forgery below was
accepted and imported; now every field of a minimal record is a closed list, a fixed shape or
held to the protocol the record names, and a protocol the centre does not know opens nothing."""

from __future__ import annotations

import copy
import json
from typing import Any

import pytest

from interview_room.center.importer import (
    RecordBreaksConsent,
    RecordUnderUnknownProtocol,
    import_bundle,
)
from interview_room.error_sentences import error_sentence
from interview_room.interview.personal_data import MINIMAL_QUESTIONS
from interview_room.interview.protocols import ProtocolLibrary
from interview_room.sync.record_consent import breach
from tests.center.test_attacks_consent_identifiers import NAMED, _decision, _referral
from tests.center.test_import_consents import Linked, _minimal_record
from tests.center.test_import_consents import linked as linked

SENTENCE = "Besa Shembulli, lindur 1999 në Kukës, babai Ilir, tel 069 000 0000"
UNKNOWN_PROTOCOL = ["no-such-protocol", "9", "0" * 64]


def _protocol_named(d: dict[str, Any]) -> list[str]:
    named: list[str] = d["interview"]["protocol"]
    return named


FORGERIES: dict[str, Any] = {
    "referral recipient": lambda d: d["referrals"].append(_referral(recipient=NAMED)),
    "interview protocol id": lambda d: d["interview"].update(
        protocol=[NAMED, "2", _protocol_named(d)[2]]
    ),
    "interview protocol version": lambda d: d["interview"].update(
        protocol=[_protocol_named(d)[0], NAMED, _protocol_named(d)[2]]
    ),
    "suggestion's protocol": lambda d: d.update(
        decision=_decision(suggestion={"outcome": "indicators_not_met", "protocol": NAMED})
    ),
    "suggestion's outcome": lambda d: d.update(decision=_decision(suggestion={"outcome": NAMED})),
    "suggestion as a word": lambda d: d.update(decision=_decision(suggestion=NAMED)),
    "answer status": lambda d: d["answers"].__setitem__(
        0, [d["answers"][0][0], NAMED, d["answers"][0][2]]
    ),
    "officer (any text)": lambda d: d["case"].update(officer=SENTENCE),
    "social worker (any text)": lambda d: d["case"].update(social_worker=SENTENCE),
    "officer (a name with a birth year)": lambda d: d["case"].update(officer="Besa Kukes 1999"),
    "officer (too long)": lambda d: d["case"].update(officer="Besa " * 20),
    "format": lambda d: d.update(format=NAMED),
}


def test_no_name_passes_in_the_open_fields(linked: Linked) -> None:
    minimal = _minimal_record(linked)
    protocol = ProtocolLibrary().current()
    assert breach(minimal, protocol) is None
    # Positive control: what a station really writes in each of these fields passes, so each
    # refusal below is for the name and nothing else.
    control = copy.deepcopy(minimal)
    control["case"].update(officer="Marie-Claire O'Neill", social_worker="Ana Shembulli")
    control["referrals"].extend(_referral(recipient=r) for r in protocol.referral_recipients)
    control["decision"] = _decision(
        suggestion={"outcome": "indicators_not_met", "protocol": _protocol_named(minimal)}
    )
    control["answers"][0][1] = "prefers_not_to_answer"
    assert breach(control, protocol) is None
    accepted = []
    for where, forge in FORGERIES.items():
        forged = copy.deepcopy(minimal)
        forge(forged)
        found = breach(forged, protocol)
        if found is None:
            accepted.append(where)
        else:
            assert NAMED not in found and "Besa" not in found
    assert accepted == [], f"a name passed in: {accepted}"


def test_an_unknown_protocol_does_not_open_the_answers(linked: Linked) -> None:
    """The importer looks the protocol up by the record's own ``interview.protocol``; an id it
    does not know gave protocol None, and then an answer was checked as 'coded' only."""
    forged = _minimal_record(linked)
    forged["interview"]["protocol"] = UNKNOWN_PROTOCOL
    forged["answers"] = [[q, "answered", NAMED] for q in MINIMAL_QUESTIONS]
    assert breach(forged, None) == "an interview under a protocol the central office does not know"
    # Nothing else opens either: a referral's recipient cannot be checked without the protocol.
    forged["answers"] = []
    assert breach(forged, None) is not None
    forged["interview"] = None
    assert breach(forged, None) is not None  # the referral or decision the record still holds


def test_a_case_with_no_interview_needs_no_protocol(linked: Linked) -> None:
    minimal = _minimal_record(linked)
    bare = {**minimal, "interview": None, "answers": [], "decision": None, "referrals": []}
    assert breach(bare, None) is None


@pytest.mark.parametrize("field", ["officer", "social_worker"])
def test_staff_fields_hold_a_display_name_only(linked: Linked, field: str) -> None:
    """Staff display names are the one field of words. The centre cannot hold them to the
    station's certified names when it reads the record (the register carries user names and
    comes after the cases), so they are held to the shape of a display name: a sentence, a
    birth year or a telephone number does not fit it."""
    forged = _minimal_record(linked)
    forged["case"][field] = SENTENCE
    assert breach(forged, ProtocolLibrary().current()) is not None


def test_a_record_naming_another_station_is_refused(linked: Linked) -> None:
    minimal = _minimal_record(linked)
    protocol = ProtocolLibrary().current()
    assert breach(minimal, protocol, station_id=linked.station_id) is None
    forged = {**minimal, "station_id": NAMED}
    assert breach(forged, protocol, station_id=linked.station_id) is not None


def test_the_centre_refuses_a_named_recipient_and_unknown_protocol_end_to_end(
    linked: Linked,
) -> None:
    minimal = _minimal_record(linked)
    before = linked.held()
    bad = json.loads(json.dumps(minimal))
    bad["referrals"].append(_referral(recipient=NAMED))
    bad["interview"]["protocol"] = UNKNOWN_PROTOCOL
    bad["answers"] = [[q, "answered", NAMED] for q in MINIMAL_QUESTIONS]
    bad["case"]["officer"] = SENTENCE
    with pytest.raises(RecordBreaksConsent) as refused:
        import_bundle(linked.center, linked.bundle(minimal, bad), "named.bundle.age")
    assert NAMED not in str(refused.value) and "Besa" not in str(refused.value)
    assert isinstance(refused.value, RecordUnderUnknownProtocol)
    assert "protocol" in error_sentence(refused.value, "en") and "protokoll" in error_sentence(
        refused.value, "sq"
    )
    assert linked.held() == before
    # Each alone is refused too, and the good record still imports.
    for forge in (FORGERIES["referral recipient"], FORGERIES["officer (any text)"]):
        alone = json.loads(json.dumps(minimal))
        forge(alone)
        with pytest.raises(RecordBreaksConsent):
            import_bundle(linked.center, linked.bundle(alone), "named.bundle.age")
    assert import_bundle(linked.center, linked.bundle(minimal), "good.bundle.age").imported == 1
