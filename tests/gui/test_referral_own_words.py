"""The person's own words are shown to the officer before signing, with a box that leaves them
out of the form (second practitioner's review, finding 13); the case summary gives the
apparent age, worded for a person, and who answered for a child with the child's own view."""

from __future__ import annotations

import json
from pathlib import Path

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QDialogButtonBox
from pytestqt.qtbot import QtBot

from interview_room.accounts import Role
from interview_room.documents.pdf_pages import page_texts
from interview_room.gui.dialogs.referrals import NewReferralDialog
from interview_room.gui.interview.summary import CaseSummaryPage
from interview_room.interview.interview import Interview
from interview_room.interview.protocols import ProtocolLibrary
from interview_room.referral.referrals import Referrals
from interview_room.screening import Answer
from interview_room.workstation import Session, Workstation
from tests.gui.conftest import ADMIN, WindowFactory, sign_in
from tests.gui.interview.helpers import show_question, start_interview, texts
from tests.referral.test_child_consent_and_own_words import CHILD, OWN_WORDS, answered, decided

OFFICER = ("oficer.mor", "synthetic-officer-passphrase")
WORKER = ("punonjes.mor", "synthetic-worker-passphrase")


def _officer(home: Path) -> Session:
    admin = Workstation(home).unlock(*ADMIN)
    admin.add_user(OFFICER[0], "Oficer Shembulli", Role.OFFICER, OFFICER[1])
    admin.add_user(WORKER[0], "Punonjëse Shembulli", Role.SOCIAL_WORKER, WORKER[1])
    admin.logout()
    return Workstation(home).unlock(*OFFICER)


def _choose(dialog: NewReferralDialog, recipient: str) -> None:
    dialog.recipient.setCurrentIndex(dialog.recipient.findData(recipient))


def test_the_officer_reads_the_own_words_and_leaves_them_out(
    qtbot: QtBot, station_home: Path
) -> None:
    officer = _officer(station_home)
    interview = decided(officer, ProtocolLibrary().current())
    dialog = NewReferralDialog(officer, interview, "en", None)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.form_language.setCurrentIndex(dialog.form_language.findData("en"))

    _choose(dialog, "health_services")
    assert not dialog.own_words.isVisible(), "no safety section on a health form"
    _choose(dialog, "shelter")
    choice = dialog.own_words
    assert choice.isVisible() and choice.words.text() == OWN_WORDS
    assert OWN_WORDS in dialog.preview.toPlainText()
    assert choice.leave_out.accessibleName() and choice.leave_out.accessibleDescription()

    box = choice.leave_out
    qtbot.mouseClick(
        box, Qt.MouseButton.LeftButton, pos=QPoint(box.height() // 2, box.height() // 2)
    )
    assert box.isChecked()
    assert OWN_WORDS not in dialog.preview.toPlainText(), "the preview follows the box"
    assert "Safety and the person's own view" in dialog.preview.toPlainText()

    dialog.password.setText(OFFICER[1])
    qtbot.mouseClick(
        dialog.buttons.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton
    )
    qtbot.waitUntil(lambda: dialog.created is not None, timeout=10_000)
    assert dialog.created is not None
    pdf = Referrals(officer).pdf(dialog.created.id)
    printed = " ".join(page_texts(pdf))
    assert "Fjalë sintetike" not in printed and "own view" in printed
    (entry,) = [e for e in officer.audit.entries() if e.event == "referral_signed"]
    assert json.loads(entry.detail) == {
        "referral": dialog.created.id,
        "role": "officer",
        "basis": "consent",
        "own_words_left_out": True,
    }
    officer.logout()


def test_the_summary_gives_the_apparent_age_and_the_childs_view(
    qtbot: QtBot, station_home: Path
) -> None:
    officer = _officer(station_home)
    protocol = ProtocolLibrary().current()
    child = answered(officer, protocol, CHILD)
    child.refuse_consent()
    page = CaseSummaryPage(
        Interview.resume(officer, child.case.id, ProtocolLibrary()), "en", officer
    )
    qtbot.addWidget(page)
    page.show()
    shown = texts(page)
    assert "Age: 11 · Apparent age: Could be under 18" in shown
    assert "Who answered for the child: Legal guardian" in shown
    assert "The child's own view of the interview: Does not agree" in shown
    assert "The child did not agree to the interview" in shown

    albanian = CaseSummaryPage(
        Interview.resume(officer, child.case.id, ProtocolLibrary()), "sq", officer
    )
    qtbot.addWidget(albanian)
    albanian.show()
    assert "Mund të jetë nën 18 vjeç" in texts(albanian)
    officer.logout()


def test_in_the_wizard_the_childs_no_ends_the_interview(
    qtbot: QtBot, make_window: WindowFactory, station_home: Path
) -> None:
    """The child is asked in the child's own words; "does not agree" ends the interview with
    the same respectful end as a guardian's no, though the guardian agreed."""
    window = make_window(station_home)
    sign_in(qtbot, window, *ADMIN)
    wizard = start_interview(qtbot, window, "en")
    answers: dict[str, str | int] = {
        "consent_interview": "yes",
        "prep_age": 12,
        "prep_child_support": "child_protection_unit",
        "consent_guardian": "yes",
        "consent_guardian_by": "child_protection_unit",
    }
    for question_id, value in answers.items():
        wizard.interview.answer(Answer.given(question_id, value))
    show_question(wizard, "consent_child_assent")
    assert "Do you want to talk with us now?" in texts(wizard)
    card = wizard.card
    assert card is not None and card.group is not None
    (no,) = [b for b in card.group.buttons() if b.property("option") == "does_not_agree"]
    no.click()
    assert wizard.interview.consent_refused
    wizard.next_button.click()
    assert "The child does not agree to the interview" in texts(wizard)
