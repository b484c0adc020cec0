"""The case summary says whether the person was asked apart from the companion, and why not
(fourth practitioner's review, finding 4), and its list of referrals says which form had the
person's own words left out (recorded with the referral, migration 14)."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from interview_room.gui.interview.summary import CaseSummaryPage
from interview_room.interview.interview import Interview
from interview_room.interview.protocols import ProtocolLibrary
from interview_room.referral.content import Urgency
from interview_room.referral.referrals import Referrals
from interview_room.screening import SectionKind
from tests.gui.interview.helpers import texts
from tests.gui.test_referral_own_words import OFFICER, _officer
from tests.referral.test_child_consent_and_own_words import ADULT, REASONS, answered


def test_the_summary_says_asked_apart_and_which_form_left_the_words_out(
    qtbot: QtBot, station_home: Path
) -> None:
    officer = _officer(station_home)
    protocol = ProtocolLibrary().current()
    interview = answered(
        officer, protocol, {**ADULT, "obs_asked_apart": "companion_would_not_leave"}
    )
    interview.go_to(next(s for s in protocol.sections if s.kind is SectionKind.DETERMINATION))
    interview.record_decision("potential_victim", REASONS)
    referrals = Referrals(officer)
    for recipient, leave_out in (("shelter", True), ("state_social_service", False)):
        referrals.create(
            interview,
            recipient=recipient,
            language="en",
            urgency=Urgency.IMMEDIATE,
            officer_password=OFFICER[1],
            leave_out_own_words=leave_out,
        )
    page = CaseSummaryPage(
        Interview.resume(officer, interview.case.id, ProtocolLibrary()), "en", officer
    )
    qtbot.addWidget(page)
    page.show()
    shown = texts(page)
    assert (
        "Asked apart from the companion: No: the companion would not leave the person alone"
        in shown
    )
    rows = [texts(row) for row in page.referral_rows]
    assert len(rows) == 2
    (shelter,) = [row for row in rows if "Shelter" in row]
    (service,) = [row for row in rows if "Shelter" not in row]
    assert "the person's own words left out" in shelter
    assert "own words" not in service
    officer.logout()
