"""Referrals from the case summary: two signers, each with their own password; then the check."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QDialog, QDialogButtonBox
from pytestqt.qtbot import QtBot

from interview_room.accounts import Role
from interview_room.cases.register import CaseStatus
from interview_room.gui.interview.summary import CaseSummaryPage
from interview_room.gui.referral_dialogs import (
    CountersignDialog,
    NewReferralDialog,
    VerificationDialog,
)
from interview_room.interview.protocols import ProtocolLibrary
from interview_room.referral.referrals import Referrals
from interview_room.training.scenarios import Path as ScenarioPath
from interview_room.training.scenarios import run_scenario
from interview_room.workstation import Workstation
from tests.gui.conftest import ADMIN, WindowFactory, sign_in
from tests.gui.interview.helpers import on_next_dialog, texts

OFFICER = ("oficer.mor", "fjalekalim-oficeri")
WORKER = ("punonjes.mor", "fjalekalim-punonjesi")


def _decided_case(home: Path) -> str:
    admin = Workstation(home).unlock(*ADMIN)
    admin.add_user(OFFICER[0], "Oficer Shembulli", Role.OFFICER, OFFICER[1])
    worker = admin.add_user(WORKER[0], "Punonjëse Shembulli", Role.SOCIAL_WORKER, WORKER[1])
    admin.logout()
    officer = Workstation(home).unlock(*OFFICER)
    result = run_scenario(
        officer,
        ProtocolLibrary().current(),
        ScenarioPath.ADULT_POSITIVE,
        "Arta Provaj",
        0,
        worker.id,
    )
    case_id = next(c.id for c in officer.cases.search() if c.code == result.case_code)
    officer.logout()
    return case_id


def _ok(dialog: QDialog) -> None:
    box = dialog.findChild(QDialogButtonBox)
    assert box is not None
    box.button(QDialogButtonBox.StandardButton.Ok).click()


def test_officer_then_social_worker_sign_and_the_check_says_valid(
    qtbot: QtBot, make_window: WindowFactory, station_home: Path, tmp_path: Path
) -> None:
    case_id = _decided_case(station_home)
    window = make_window(station_home)
    sign_in(qtbot, window, *OFFICER)
    window.open_case(case_id)
    summary = window.page
    assert isinstance(summary, CaseSummaryPage)

    def countersign(dialog: QDialog) -> None:
        assert isinstance(dialog, CountersignDialog)
        assert dialog.worker.currentData() == WORKER[0], "the case's social worker is proposed"
        dialog.password.setText(WORKER[1])
        _ok(dialog)

    def create(dialog: QDialog) -> None:
        assert isinstance(dialog, NewReferralDialog)
        dialog.recipient.setCurrentIndex(dialog.recipient.findData("responsible_authority"))
        assert "consent given" in dialog.recipient.currentText()
        dialog.password.setText(OFFICER[1])
        on_next_dialog(countersign)
        _ok(dialog)

    on_next_dialog(create)
    summary.new_referral_button.click()
    qtbot.waitUntil(
        lambda: isinstance(window.page, CaseSummaryPage) and window.page is not summary,
        timeout=10_000,
    )
    refreshed = window.page
    assert "signed by the officer and the social worker" in texts(refreshed)
    session = window.session
    assert session is not None
    assert session.cases.get(case_id).status is CaseStatus.REFERRED

    (record,) = Referrals(session).for_case(case_id)
    pdf = Referrals(session).pdf(record.id)
    dialog = VerificationDialog(Referrals(session).verify(pdf), "referral.pdf", window)
    qtbot.addWidget(dialog)
    dialog.show()
    shown = texts(dialog)
    assert shown.count("Valid") >= 2 and "NOT valid" not in shown
    assert "The certificate chain reaches a trusted root" in shown

    tampered = bytearray(pdf)
    tampered[tampered.index(b"/Title") + 8] ^= 0x01
    bad = VerificationDialog(Referrals(session).verify(bytes(tampered)), "bad.pdf", window)
    qtbot.addWidget(bad)
    bad.show()
    assert "NOT valid" in texts(bad)
