"""The referral dialog before a referral the law requires without consent (second practitioner's
review, finding 10): the words to read to the person, a tick that they were told, signing only
after it, the tick in the audit log; and, without a record kept, the warning to sign what the
person agreed to before leaving (finding 12)."""

from __future__ import annotations

import json
from pathlib import Path

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QDialogButtonBox
from pytestqt.qtbot import QtBot

from interview_room.accounts import Role
from interview_room.gui.dialogs.referrals import NewReferralDialog
from interview_room.gui.interview.help_without_interview import HelpWithoutInterview
from interview_room.interview.interview import Interview
from interview_room.interview.personal_data import PersonalData
from interview_room.interview.protocols import ProtocolLibrary
from interview_room.referral.informing import agreed_referrals_held_in_memory
from interview_room.referral.referrals import Referrals
from interview_room.screening import ConsentScope, ConsentState
from interview_room.training.scenarios import Path as ScenarioPath
from interview_room.training.scenarios import run_scenario
from interview_room.workstation import Session, Workstation
from tests.gui.conftest import ADMIN

OFFICER = ("oficer.mor", "synthetic-officer-passphrase")
WORKER = ("punonjes.mor", "synthetic-worker-passphrase")
UNSTORED = "Storage refused: sign the referrals the person agreed to before leaving this screen"


def _officer_with(home: Path, path: ScenarioPath, index: int) -> tuple[Session, Interview]:
    admin = Workstation(home).unlock(*ADMIN)
    admin.add_user(OFFICER[0], "Oficer Shembulli", Role.OFFICER, OFFICER[1])
    worker = admin.add_user(WORKER[0], "Punonjëse Shembulli", Role.SOCIAL_WORKER, WORKER[1])
    admin.logout()
    officer = Workstation(home).unlock(*OFFICER)
    result = run_scenario(
        officer, ProtocolLibrary().current(), path, "Arta Provaj-Tl3", index, worker.id
    )
    case_id = next(c.id for c in officer.cases.search() if c.code == result.case_code)
    return officer, Interview.resume(officer, case_id, ProtocolLibrary())


def _tick(qtbot: QtBot, dialog: NewReferralDialog) -> None:
    """Click the box itself (a check box wider than its words ignores a click beside them)."""
    box = dialog.told
    qtbot.mouseClick(
        box, Qt.MouseButton.LeftButton, pos=QPoint(box.height() // 2, box.height() // 2)
    )


def _choose(dialog: NewReferralDialog, recipient: str) -> None:
    dialog.recipient.setCurrentIndex(dialog.recipient.findData(recipient))


def test_a_referral_by_law_is_signed_only_after_the_person_was_told(
    qtbot: QtBot, station_home: Path
) -> None:
    officer, child = _officer_with(station_home, ScenarioPath.CHILD, 0)  # English-speaking
    assert child.person_language == "en"
    dialog = NewReferralDialog(officer, child, "en", None)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    sign = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)

    _choose(dialog, "child_protection_unit")
    assert "required by law, without consent" in dialog.recipient.currentText()
    assert dialog.telling.isVisible() and dialog.told.isVisible()
    # A presumed child: the child's version (third practitioner's review, finding 12).
    assert dialog.script.text().startswith("The law says we must tell the Child Protection Unit")
    assert "We give them your name and what you told us." in dialog.script.text()
    assert not dialog.told.isChecked() and not sign.isEnabled(), "told first, then signed"
    assert not dialog.unstored_warning.isVisible(), "a record is kept of this case"

    # The script is in the person's language, whatever language the form is printed in.
    dialog.form_language.setCurrentIndex(dialog.form_language.findData("sq"))
    assert dialog.script.text().startswith("The law says we must tell")

    _tick(qtbot, dialog)
    assert dialog.told.isChecked() and sign.isEnabled()
    # Another recipient, then back: other words, told again.
    _choose(dialog, "health_services")
    assert not dialog.telling.isVisible() and sign.isEnabled(), "consent: nothing to tell"
    _choose(dialog, "child_protection_unit")
    assert not dialog.told.isChecked() and not sign.isEnabled()

    _tick(qtbot, dialog)
    dialog.password.setText(OFFICER[1])
    qtbot.mouseClick(sign, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.created is not None, timeout=10_000)
    assert dialog.created is not None and not dialog.created.consented
    assert dialog.created.recipient == "child_protection_unit"
    (entry,) = [e for e in officer.audit.entries() if e.event == "referral_signed"]
    assert json.loads(entry.detail) == {
        "referral": dialog.created.id,
        "role": "officer",
        "basis": "law",
        "person_told": True,
    }
    officer.logout()


def test_the_script_follows_an_albanian_speakers_language(qtbot: QtBot, station_home: Path) -> None:
    officer, child = _officer_with(station_home, ScenarioPath.CHILD, 1)
    assert child.person_language == "sq"
    dialog = NewReferralDialog(officer, child, "en", None)
    qtbot.addWidget(dialog)
    dialog.show()
    _choose(dialog, "child_protection_unit")
    assert dialog.script.text().startswith("Ligji na detyron t'i tregojmë Njësisë")
    assert "U japim emrin tënd dhe atë që na tregove." in dialog.script.text()
    dialog.reject()
    assert Referrals(officer).for_case(child.case.id) == []
    officer.logout()


def test_without_a_record_kept_the_dialog_warns_to_sign_what_the_person_agreed_to(
    qtbot: QtBot, station_home: Path
) -> None:
    officer, unstored = _officer_with(station_home, ScenarioPath.STORAGE_REFUSED, 6)
    dialog = NewReferralDialog(officer, unstored, "en", None)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    _choose(dialog, "shelter")
    assert "consent given" in dialog.recipient.currentText()
    assert dialog.unstored_warning.isVisible()
    assert dialog.unstored_warning.text().startswith(UNSTORED)
    _choose(dialog, "responsible_authority")  # no consent: no referral, nothing to warn of
    assert not dialog.unstored_warning.isVisible()
    officer.logout()


def test_the_help_panel_warns_when_nothing_is_kept_and_the_person_agreed_to_a_referral(
    qtbot: QtBot, station_home: Path
) -> None:
    officer, unstored = _officer_with(station_home, ScenarioPath.STORAGE_REFUSED, 6)
    assert unstored.personal_data is PersonalData.MINIMAL
    assert unstored.consent_state(ConsentScope.SHARING, "shelter") is ConsentState.GIVEN
    panel = HelpWithoutInterview(unstored, "en", may_refer=True)
    qtbot.addWidget(panel)
    panel.show()
    assert panel.unstored_warning.isVisible()
    assert panel.unstored_warning.text().startswith(UNSTORED)

    assert "shelter" in agreed_referrals_held_in_memory(unstored)
    assert "responsible_authority" not in agreed_referrals_held_in_memory(unstored)
    officer.logout()


def test_no_warning_where_a_record_is_kept(qtbot: QtBot, station_home: Path) -> None:
    officer, kept = _officer_with(station_home, ScenarioPath.ADULT_POSITIVE, 0)
    assert kept.personal_data is PersonalData.KEPT
    panel = HelpWithoutInterview(kept, "en", may_refer=True)
    qtbot.addWidget(panel)
    panel.show()
    assert not panel.unstored_warning.isVisible(), "a record is kept: nothing is lost"
    officer.logout()
