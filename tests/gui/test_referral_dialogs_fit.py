"""The signing dialogs as a person sees them (the app's own font and style): the referral's
words can be read before signing, labels stand clear of their fields, and the button that
signs says so."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QDialogButtonBox
from pytestqt.qtbot import QtBot

from interview_room.accounts import Role
from interview_room.gui.dialogs.referrals import (
    PREVIEW_LINES,
    CountersignDialog,
    NewReferralDialog,
)
from interview_room.interview.interview import Interview
from interview_room.interview.protocols import ProtocolLibrary
from interview_room.referral.content import Urgency
from interview_room.referral.referrals import Referrals
from interview_room.training.scenarios import Path as ScenarioPath
from interview_room.training.scenarios import run_scenario
from interview_room.workstation import Session, Workstation
from tests.gui.conftest import ADMIN
from tests.gui.fit import clipped_labels, narrowest_label_gap

OFFICER = ("oficer.mor", "synthetic-officer-passphrase")
WORKER = ("punonjes.mor", "synthetic-worker-passphrase")


def _officer_with_a_decided_case(home: Path) -> tuple[Session, Interview]:
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
    return officer, Interview.resume(officer, case_id, ProtocolLibrary())


def test_the_referral_can_be_read_across_the_dialog_before_signing(
    qtbot: QtBot, real_look: None, station_home: Path
) -> None:
    officer, interview = _officer_with_a_decided_case(station_home)
    dialog = NewReferralDialog(officer, interview, "sq", None)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)

    screen = dialog.screen().availableGeometry()
    assert dialog.frameGeometry().height() <= screen.height(), "it fits the screen"
    content = dialog.contentsRect().width()
    assert dialog.preview.width() >= 0.9 * content, "the form's words take the whole width"
    lines = dialog.preview.viewport().height() // dialog.preview.fontMetrics().lineSpacing()
    if dialog.own_words.isVisible():
        # The person's own words are shown to be read before signing (the training case has
        # them): the preview gives up only the lines they need and scrolls.
        assert lines >= PREVIEW_LINES - 2, f"{lines} lines of the form show at once"
    else:
        assert lines >= PREVIEW_LINES, f"{lines} lines of the form show at once"
    assert narrowest_label_gap(dialog.form) >= 12
    assert clipped_labels(dialog) == []

    sign = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    assert sign.text() == "Sign" and sign.accessibleName() == "Sign"
    officer.logout()


def test_the_social_worker_signs_with_a_button_named_for_it(
    qtbot: QtBot, real_look: None, station_home: Path
) -> None:
    officer, interview = _officer_with_a_decided_case(station_home)
    referral = Referrals(officer).create(
        interview,
        recipient="responsible_authority",
        language="sq",
        urgency=Urgency.IMMEDIATE,
        officer_password=OFFICER[1],
    )
    dialog = CountersignDialog(officer, referral, None, None)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).text() == "Sign"
    assert narrowest_label_gap(dialog.form) >= 12
    officer.logout()
