"""Issue 12: refusing or stopping the interview is not a dead end. Driven through the real wizard
and case summary, with real clicks, on a real encrypted store."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QDialog, QDialogButtonBox
from pytestqt.qtbot import QtBot

from interview_room.accounts import Role
from interview_room.gui.dialogs.information_sheet import InformationSheetDialog
from interview_room.gui.dialogs.referrals import CountersignDialog, NewReferralDialog
from interview_room.gui.interview.help_without_interview import HelpQuestionsDialog
from interview_room.gui.interview.summary import CaseSummaryPage
from interview_room.interview.interview import Outcome
from interview_room.interview.personal_data import PersonalData
from interview_room.referral.referrals import Referrals
from interview_room.training.scenarios import Path as ScenarioPath
from interview_room.training.scenarios import scenario_answers
from interview_room.workstation import Workstation
from tests.gui.conftest import ADMIN, WindowFactory, sign_in
from tests.gui.interview.helpers import (
    answer_card,
    on_next_dialog,
    start_interview,
    stop_interview,
    texts,
    walk_to,
)

OFFICER = ("oficer.mor", "synthetic-officer-passphrase")
WORKER = ("punonjes.mor", "synthetic-worker-passphrase")


def _station_with_officer(home: Path) -> None:
    admin = Workstation(home).unlock(*ADMIN)
    admin.add_user(OFFICER[0], "Oficer Shembulli", Role.OFFICER, OFFICER[1])
    admin.add_user(WORKER[0], "Punonjëse Shembulli", Role.SOCIAL_WORKER, WORKER[1])
    admin.logout()


def _ok(dialog: QDialog) -> None:
    box = dialog.findChild(QDialogButtonBox)
    assert box is not None
    box.button(QDialogButtonBox.StandardButton.Ok).click()


def _answer_in_dialog(answers: dict[str, str]):  # type: ignore[no-untyped-def]
    """What the officer does in the help questions: answer those named, one at a time, Next
    between them, then Done."""

    def act(dialog: QDialog) -> None:
        assert isinstance(dialog, HelpQuestionsDialog)
        for _ in range(20):
            card = dialog.card
            assert card is not None
            if card.question.id in answers:
                answer_card(card, answers[card.question.id])
            if not dialog.next_button.isEnabled():
                break
            dialog.next_button.click()
        dialog.done_button.click()

    return act


def test_after_a_refusal_needs_sheet_emergency_and_a_shelter_referral_stay_possible(
    qtbot: QtBot, make_window: WindowFactory, station_home: Path
) -> None:
    _station_with_officer(station_home)
    window = make_window(station_home)
    sign_in(qtbot, window, *OFFICER)
    wizard = start_interview(qtbot, window, "sq")
    walk_to(qtbot, wizard, scenario_answers(ScenarioPath.CONSENT_REFUSED), "rights_and_consent")
    wizard.next_button.click()
    wizard.end_respectfully_button.click()
    # The script read to the person promises what the next screen offers, in their language.
    script = texts(wizard.end_view)
    assert "strehëze" in script and "fletë" in script and "mjek" in script
    assert wizard.help_button.hasFocus(), "the next step is the help, not the case list"
    wizard.help_button.click()

    qtbot.waitUntil(lambda: isinstance(window.page, CaseSummaryPage), timeout=5_000)
    summary = window.page
    assert isinstance(summary, CaseSummaryPage)
    assert summary.interview.outcome is Outcome.CONSENT_REFUSED
    panel = summary.help
    assert panel is not None and panel.isVisible()
    assert "129" in panel.emergency.numbers.text(), "emergency numbers on screen"

    # Immediate needs, one question at a time, without the interview: a doctor is needed now
    # (asked before the rights, the person had said no).
    assert summary.interview.answers["needs_medical"].value == "no"
    # The training path answers every question before the rights (the companion, the apparent
    # age, asked apart…), so all eight are recorded; a need can still change afterwards.
    assert "8 of 8 recorded" in panel.needs_state.text()
    on_next_dialog(_answer_in_dialog({"needs_medical": "yes", "obs_companion_control": "no"}))
    panel.needs_button.click()
    qtbot.waitUntil(lambda: window.page is not summary, timeout=5_000)
    summary = window.page
    assert isinstance(summary, CaseSummaryPage) and summary.help is not None
    assert "8 of 8 recorded" in summary.help.needs_state.text()
    session = window.session
    assert session is not None
    case_id = summary.interview.case.id
    # No consent to keeping a record: the need is held for the referral, never written.
    assert summary.interview.personal_data is PersonalData.MINIMAL
    assert summary.interview.answers["needs_medical"].value == "yes"
    stored = {
        str(row[0])
        for row in session.db.all("SELECT question_id FROM answers WHERE case_id = ?", (case_id,))
    }
    assert "needs_medical" not in stored and "consent_interview" in stored

    # The information sheet, in the person's language.
    seen: list[str] = []

    def sheet(dialog: QDialog) -> None:
        assert isinstance(dialog, InformationSheetDialog)
        seen.append(str(dialog.language.currentData()))
        dialog.reject()

    on_next_dialog(sheet)
    summary.help.sheet_button.click()
    qtbot.waitUntil(lambda: bool(seen), timeout=5_000)
    assert seen == ["sq"]

    # A shelter referral: the person's consent first, then the form, both signatures.
    previews: list[str] = []

    def countersign(dialog: QDialog) -> None:
        assert isinstance(dialog, CountersignDialog)
        dialog.password.setText(WORKER[1])
        _ok(dialog)

    def create(dialog: QDialog) -> None:
        assert isinstance(dialog, NewReferralDialog)
        assert dialog.recipient.currentData() == "shelter", "the shelter is chosen already"
        assert "consent given" in dialog.recipient.currentText()
        previews.append(dialog.preview.toPlainText())
        dialog.password.setText(OFFICER[1])
        on_next_dialog(countersign)
        _ok(dialog)

    def consent(dialog: QDialog) -> None:
        _answer_in_dialog({"consent_share_shelter": "yes"})(dialog)
        on_next_dialog(create)

    on_next_dialog(consent)
    before = window.page
    summary.help.shelter_button.click()
    qtbot.waitUntil(lambda: window.page is not before, timeout=20_000)
    refreshed = window.page
    assert isinstance(refreshed, CaseSummaryPage)
    assert "signed by the officer and the social worker" in refreshed.notice.text()
    (referral,) = Referrals(session).for_case(case_id)
    assert referral.recipient == "shelter" and referral.consented
    (preview,) = previews
    # The shelter gets what it needs: the needs as recorded after the refusal, the consents.
    (medical,) = [line for line in preview.splitlines() if "mjekësore" in line]
    assert medical.endswith(": Po")
    assert "Strehëza: po" in preview


def test_a_stopped_interview_offers_the_same_help_and_can_still_continue(
    qtbot: QtBot, make_window: WindowFactory, station_home: Path
) -> None:
    window = make_window(station_home)
    sign_in(qtbot, window, *ADMIN)
    wizard = start_interview(qtbot, window, "en")
    walk_to(qtbot, wizard, scenario_answers(ScenarioPath.STOPPED_MIDWAY), "journey_and_recruitment")
    stop_interview(qtbot, wizard)
    assert "shelter" in texts(wizard.end_view)
    wizard.help_button.click()
    qtbot.waitUntil(lambda: isinstance(window.page, CaseSummaryPage), timeout=5_000)
    summary = window.page
    assert isinstance(summary, CaseSummaryPage)
    assert summary.help is not None and summary.help.isVisible()
    # Not an officer: the referral waits for one, and says so before anyone fills a form.
    assert not summary.help.shelter_button.isEnabled()
    assert "sign in as the officer" in texts(summary.help)
    assert summary.continue_button.isVisible(), "a stopped interview can still be taken up"
