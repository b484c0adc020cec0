"""A name written as one identifier (no space: ``Besa_Shembulli``) where a minimal record holds
a code. The consent rule checked only that such fields were "coded" (an identifier of up to 128
characters), so a person who refused a record being kept could still be named in an event's
kind, the case code, a status or a decision. Each forgery below was accepted before; now the
rule knows the shape or the closed list of each of these fields."""

from __future__ import annotations

import copy
import json
import re
from pathlib import Path
from typing import Any

import pytest

from interview_room.cases.register import CaseStatus
from interview_room.center.importer import RecordBreaksConsent, import_bundle
from interview_room.interview import interview as interview_module
from interview_room.interview.protocols import ProtocolLibrary
from interview_room.referral.content import Urgency
from interview_room.screening.protocol import Outcome as Suggestion
from interview_room.sync import record_consent
from interview_room.sync.record_consent import breach
from tests.center.test_import_consents import Linked, _minimal_record
from tests.center.test_import_consents import linked as linked

NAMED = "Besa_Shembulli"
AT = "2026-03-07T09:00:00+00:00"
HASH = "ab" * 32


def _referral(**change: object) -> dict[str, Any]:
    referral: dict[str, Any] = {
        "id": "0f" * 16,
        "recipient": "responsible_authority",
        "language": "sq",
        "urgency": "immediate",
        "consented": False,
        "created_at": AT,
        "officer_signed_at": AT,
        "social_worker_signed_at": None,
        "pdf_sha256": HASH,
    }
    return {**referral, **change}


def _decision(**change: object) -> dict[str, Any]:
    return {
        "suggested": "indicators_not_met",
        "decision": "not_determined",
        "decided_at": AT,
        **change,
    }


FORGERIES: dict[str, Any] = {
    "event kind": lambda d: d["events"].append([AT, NAMED, {}]),
    "event time": lambda d: d["events"].append([NAMED, "resumed", {}]),
    "who asked to stop": lambda d: d["events"].append([AT, "stopped", {"requested_by": NAMED}]),
    "decision in an event": lambda d: d["events"].append([AT, "finished", {"decision": NAMED}]),
    "case code": lambda d: d["case"].update(code=NAMED),
    "case id": lambda d: d["case"].update(id=NAMED),
    "case status": lambda d: d["case"].update(status=NAMED),
    "case start": lambda d: d["case"].update(started_at=NAMED),
    "outcome": lambda d: d["interview"].update(outcome=NAMED),
    "age band": lambda d: d["interview"].update(age_band=NAMED),
    "personal data": lambda d: d.update(personal_data=NAMED),
    "decision": lambda d: d.update(decision=_decision(decision=NAMED)),
    "suggestion": lambda d: d.update(decision=_decision(suggested=NAMED)),
    "referral id": lambda d: d["referrals"].append(_referral(id=NAMED)),
    "referral language": lambda d: d["referrals"].append(_referral(language=NAMED)),
    "referral urgency": lambda d: d["referrals"].append(_referral(urgency=NAMED)),
    "referral time": lambda d: d["referrals"].append(_referral(officer_signed_at=NAMED)),
    "referral hash": lambda d: d["referrals"].append(_referral(pdf_sha256=NAMED)),
}


@pytest.fixture
def minimal(linked: Linked) -> dict[str, Any]:
    return _minimal_record(linked)


def test_a_name_written_as_an_identifier_is_refused_wherever_a_code_belongs(
    minimal: dict[str, Any],
) -> None:
    protocol = ProtocolLibrary().current()
    assert breach(minimal, protocol) is None
    # Positive control: well-formed additions of every kind pass, so each refusal below is
    # for the name and nothing else.
    control = copy.deepcopy(minimal)
    control["events"].extend(
        [
            [AT, "stopped", {"requested_by": "person"}],
            [AT, "finished", {"decision": "child_at_risk"}],
        ]
    )
    control["decision"] = _decision()
    control["referrals"].append(_referral())
    assert breach(control, protocol) is None
    accepted = []
    for where, forge in FORGERIES.items():
        forged = copy.deepcopy(minimal)
        forge(forged)
        found = breach(forged, protocol)
        if found is None:
            accepted.append(where)
        else:
            assert NAMED not in found
    assert accepted == [], f"a name passed as a code in: {accepted}"


def test_the_centre_refuses_the_bundle_whole(linked: Linked, minimal: dict[str, Any]) -> None:
    bad = json.loads(json.dumps(minimal))
    bad["events"].append([AT, NAMED, {}])
    before = linked.held()
    with pytest.raises(RecordBreaksConsent) as refused:
        import_bundle(linked.center, linked.bundle(minimal, bad), "named.bundle.age")
    assert NAMED not in str(refused.value)
    assert linked.held() == before


def test_the_closed_lists_are_the_values_the_station_writes() -> None:
    # The interview's parts (begin, breaks, endings) each write their own events.
    folder = Path(interview_module.__file__).parent
    source = "".join(path.read_text(encoding="utf-8") for path in sorted(folder.glob("*.py")))
    written = set(re.findall(r'_event\(\s*[^,()]+,\s*[^,()]+,\s*"([a-z_]+)"', source))
    assert written and written <= record_consent.EVENT_KINDS
    assert set(interview_module.DECISIONS) == record_consent.DECISIONS
    assert {r.value for r in interview_module.StopRequester} == record_consent.STOP_REQUESTERS
    assert {o.value for o in interview_module.Outcome} == record_consent.INTERVIEW_OUTCOMES
    assert {s.value for s in Suggestion} == record_consent.SUGGESTIONS
    assert {s.value for s in CaseStatus} == record_consent.CASE_STATUSES
    assert {u.value for u in Urgency} == record_consent.URGENCIES
