"""Before signing, the referral dialog shows exactly what the chosen recipient will receive
(issue 12: minimum necessary per recipient, reviewed on screen)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QDialog
from pytestqt.qtbot import QtBot

from interview_room.accounts import Role
from interview_room.gui.dialogs.referrals import NewReferralDialog
from interview_room.gui.interview.summary import CaseSummaryPage
from interview_room.interview.interview import Interview
from interview_room.interview.protocols import ProtocolLibrary
from interview_room.referral.content import Urgency, as_text
from interview_room.referral.referrals import Referrals
from interview_room.training.scenarios import Path as ScenarioPath
from interview_room.training.scenarios import run_scenario
from interview_room.workstation import Workstation
from tests.gui.conftest import ADMIN, WindowFactory, sign_in
from tests.gui.interview.helpers import on_next_dialog

OFFICER = ("oficer.mor", "synthetic-officer-passphrase")
WORKER = ("punonjes.mor", "synthetic-worker-passphrase")
PERSON = "Arta Provaj-Rv8"


def _decided_case(home: Path) -> str:
    admin = Workstation(home).unlock(*ADMIN)
    admin.add_user(OFFICER[0], "Oficer Shembulli", Role.OFFICER, OFFICER[1])
    worker = admin.add_user(WORKER[0], "Punonjëse Shembulli", Role.SOCIAL_WORKER, WORKER[1])
    admin.logout()
    officer = Workstation(home).unlock(*OFFICER)
    result = run_scenario(
        officer, ProtocolLibrary().current(), ScenarioPath.ADULT_POSITIVE, PERSON, 0, worker.id
    )
    case_id = next(c.id for c in officer.cases.search() if c.code == result.case_code)
    officer.logout()
    return case_id


def test_the_preview_is_what_each_recipient_will_receive(
    qtbot: QtBot, make_window: WindowFactory, station_home: Path
) -> None:
    case_id = _decided_case(station_home)
    window = make_window(station_home)
    sign_in(qtbot, window, *OFFICER)
    window.open_case(case_id)
    summary = window.page
    assert isinstance(summary, CaseSummaryPage)
    session = window.session
    assert session is not None
    seen: dict[str, tuple[str, str]] = {}

    def look(dialog: QDialog) -> None:
        assert isinstance(dialog, NewReferralDialog)
        assert dialog.preview.isReadOnly() and dialog.preview.accessibleName()
        dialog.form_language.setCurrentIndex(dialog.form_language.findData("en"))
        for recipient in ("responsible_authority", "health_services", "child_protection_unit"):
            dialog.recipient.setCurrentIndex(dialog.recipient.findData(recipient))
            seen[recipient] = (dialog.recipient.currentText(), dialog.preview.toPlainText())
        dialog.recipient.setCurrentIndex(dialog.recipient.findData("health_services"))
        dialog.form_language.setCurrentIndex(dialog.form_language.findData("sq"))
        seen["sq"] = ("", dialog.preview.toPlainText())
        dialog.reject()

    on_next_dialog(look)
    assert summary.new_referral_button is not None
    summary.new_referral_button.click()
    qtbot.waitUntil(lambda: "sq" in seen, timeout=10_000)

    interview = Interview.resume(session, case_id, ProtocolLibrary())
    health = as_text(
        Referrals(session).preview(
            interview, recipient="health_services", language="sq", urgency=Urgency.IMMEDIATE
        )
    )
    assert seen["sq"][1] == health, "word for word what the core prints"
    assert "consent given" in seen["health_services"][0]
    assert "For health care" in seen["health_services"][1]
    assert "Indicators" not in seen["health_services"][1]
    assert "Indicators of trafficking" in seen["responsible_authority"][1]
    assert PERSON in seen["responsible_authority"][1]
    label, words = seen["child_protection_unit"]
    assert "no consent: no referral" in label, "an adult: the law does not require it"
    assert "cannot be sent a referral" in words and PERSON not in words
