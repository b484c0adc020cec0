"""The real wizard, end to end, on a real encrypted store: the paths the issue names."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog, QDialogButtonBox, QWidget
from pytestqt.qtbot import QtBot

from interview_room.accounts import Role
from interview_room.gui.interview.dialogs import StartInterviewDialog
from interview_room.gui.interview.summary import CaseSummaryPage
from interview_room.gui.interview.wizard import WizardPage
from interview_room.gui.pages.home import HomePage
from interview_room.gui.pages.lock import LockPage
from interview_room.interview.interview import Interview, Outcome
from interview_room.screening import AnswerStatus
from interview_room.store.audit import AuditEvent
from interview_room.training.scenarios import Path as ScenarioPath
from interview_room.training.scenarios import scenario_answers
from interview_room.workstation import Workstation
from tests.gui.conftest import ADMIN, WindowFactory, activate, sign_in
from tests.gui.interview.helpers import (
    fill_section,
    on_next_dialog,
    show_question,
    start_interview,
    stop_interview,
    texts,
    walk_to,
)


def test_adult_with_positive_indicators_to_a_recorded_decision(
    qtbot: QtBot, make_window: WindowFactory, station_home: Path
) -> None:
    window = make_window(station_home)
    sign_in(qtbot, window, *ADMIN)
    wizard = start_interview(qtbot, window)
    assert wizard.interview.current_section.id == "immediate_needs", "immediate needs first"
    answers = scenario_answers(ScenarioPath.ADULT_POSITIVE)
    answers["needs_feels_safe"] = "prefers_not"
    walk_to(qtbot, wizard, answers, "needs")
    wizard.next_button.click()

    panel = wizard.decision_panel
    assert panel is not None
    shown = texts(panel)
    assert "Potential victim of trafficking" in shown
    assert "positive" in shown, "the rule behind the suggestion is on screen"
    panel.choose("not_determined")
    panel.finish_button.click()
    assert panel.error.isVisible(), "reasons are required"
    panel.reasons.setPlainText("Synthetic: the person wants time to think; reflection period.")
    panel.finish_button.click()
    # The next steps come next: the case with its referral and information sheet.
    qtbot.waitUntil(lambda: isinstance(window.page, CaseSummaryPage), timeout=5_000)
    summary = window.page
    assert isinstance(summary, CaseSummaryPage)
    assert summary.new_referral_button is not None and summary.new_referral_button.isVisible()
    assert summary.sheet_button.isVisible()

    session = window.session
    assert session is not None
    (case,) = session.cases.search()
    interview = Interview.resume(session, case.id, window.protocols)
    assert interview.outcome is Outcome.FINISHED
    decision = interview.decision()
    assert decision is not None
    assert decision.suggested_outcome == "potential_victim"
    assert decision.decision == "not_determined" and decision.differs_from_suggestion
    assert interview.answers["needs_feels_safe"].status is AnswerStatus.PREFERS_NOT_TO_ANSWER
    suggestion = interview.recorded_suggestion()
    assert suggestion is not None and suggestion["explanation"]["sq"]
    assert "Drita" not in " ".join(e.detail + (e.subject or "") for e in session.audit.entries())


def test_child_needs_support_present_and_sees_no_adult_questions(
    qtbot: QtBot, make_window: WindowFactory, station_home: Path
) -> None:
    window = make_window(station_home)
    sign_in(qtbot, window, *ADMIN)
    wizard = start_interview(qtbot, window, language="sq")
    answers = scenario_answers(ScenarioPath.CHILD)
    support = answers.pop("prep_child_support")
    walk_to(qtbot, wizard, answers, "rights_and_consent")
    assert wizard.child_badge.isVisible()
    assert "Child Protection Unit" in wizard.blocker.text()
    wizard.next_button.click()
    assert wizard.interview.current_section.id == "rights_and_consent", "questions must wait"

    show_question(wizard, "prep_child_support")
    # With the unit now recorded present, the child's view is asked again, apart (fourth
    # review, finding 6): the section is gone through again from here.
    fill_section(wizard, {**answers, "prep_child_support": support})
    walk_to(qtbot, wizard, answers, "journey_and_recruitment")
    shown = {q.id for q in wizard.interview.visible_questions(wizard.interview.current_section)}
    assert "rec_agreement" not in shown, "adult-only questions are hidden for a child"
    walk_to(qtbot, wizard, answers, "needs")
    wizard.next_button.click()
    assert wizard.decision_panel is not None
    assert "child" in texts(wizard.decision_panel).lower()


def test_consent_refused_ends_respectfully_and_is_recorded(
    qtbot: QtBot, make_window: WindowFactory, station_home: Path
) -> None:
    window = make_window(station_home)
    sign_in(qtbot, window, *ADMIN)
    wizard = start_interview(qtbot, window, language="sq")
    walk_to(qtbot, wizard, scenario_answers(ScenarioPath.CONSENT_REFUSED), "rights_and_consent")
    assert wizard.next_button.text() == "Next →", "the button never changes under the pointer"
    wizard.next_button.click()
    assert wizard.interview.outcome is None, "answering no and pressing Next ends nothing yet"
    wizard.refusal_back_button.click()
    assert wizard.card is not None and wizard.card.question.id == "consent_interview"
    wizard.next_button.click()
    wizard.end_respectfully_button.click()
    shown = texts(wizard)
    assert "respektojmë vendimin tuaj" in shown, (
        "the refusal script is read in the person's language"
    )
    assert not wizard.footer.isVisible()
    wizard.back_to_list_button.click()
    assert isinstance(window.page, HomePage)
    session = window.session
    assert session is not None
    (case,) = session.cases.search()
    assert case.status.value == "completed"
    assert AuditEvent.CONSENT_REFUSED.value in [e.event for e in session.audit.entries()]


def test_break_here_and_now_and_stop_then_resume_where_it_stopped(
    qtbot: QtBot, make_window: WindowFactory, station_home: Path
) -> None:
    window = make_window(station_home)
    sign_in(qtbot, window, *ADMIN)
    wizard = start_interview(qtbot, window)
    answers = scenario_answers(ScenarioPath.STOPPED_MIDWAY)
    walk_to(qtbot, wizard, answers, "journey_and_recruitment")
    case_id = wizard.interview.case.id
    answered = dict(wizard.interview.answers)

    qtbot.keyClick(wizard.next_button, Qt.Key.Key_F3)
    assert wizard.views.currentWidget() is wizard.pause_view
    assert "break" in texts(wizard).lower()
    wizard.continue_button.click()
    assert wizard.views.currentWidget() is wizard.question_area

    seen: list[str] = []

    def read_and_close(dialog: QDialog) -> None:
        seen.append(texts(dialog))
        dialog.accept()

    on_next_dialog(read_and_close)
    qtbot.keyClick(wizard.next_button, Qt.Key.Key_F2)
    assert "Feel your feet on the floor" in seen[0], "the grounding words, in the person's language"
    activate(qtbot, window)
    assert wizard.views.currentWidget() is wizard.question_area
    stop_interview(qtbot, wizard)
    wizard.back_to_list_button.click()

    window.open_case(case_id)
    summary = window.page
    assert isinstance(summary, CaseSummaryPage)
    assert "Interview stopped" in texts(summary)
    summary.continue_button.click()
    resumed = window.page
    assert isinstance(resumed, WizardPage)
    assert resumed.interview.current_section.id == "journey_and_recruitment"
    for question_id, answer in answered.items():
        assert resumed.interview.answers[question_id] == answer


def test_locking_mid_interview_comes_back_to_the_same_case(
    qtbot: QtBot, make_window: WindowFactory, station_home: Path
) -> None:
    admin = Workstation(station_home).unlock(*ADMIN)
    admin.add_user(
        "p.sociale", "Punonjëse Shembulli", Role.SOCIAL_WORKER, "synthetic-social-passphrase"
    )
    admin.logout()
    window = make_window(station_home)
    sign_in(qtbot, window, *ADMIN)

    def fill(dialog: QDialog) -> None:
        assert isinstance(dialog, StartInterviewDialog)
        dialog.social_worker.setCurrentIndex(0)
        buttons = dialog.findChild(QDialogButtonBox)
        assert buttons is not None
        buttons.button(QDialogButtonBox.StandardButton.Ok).click()

    on_next_dialog(fill)
    window.new_interview()
    wizard = window.page
    assert isinstance(wizard, WizardPage)
    code = wizard.interview.case.code
    assert wizard.interview.case.social_worker == "Punonjëse Shembulli"
    window.lock()
    lock = window.page
    assert isinstance(lock, LockPage)
    lock.password.setText(ADMIN[1])
    lock.unlock_button.click()
    qtbot.waitUntil(lambda: isinstance(window.page, WizardPage), timeout=10_000)
    resumed = window.page
    assert isinstance(resumed, WizardPage)
    assert resumed.interview.case.code == code


def test_words_for_the_person_can_be_made_larger_and_smaller(
    qtbot: QtBot, make_window: WindowFactory, station_home: Path
) -> None:
    window = make_window(station_home)
    sign_in(qtbot, window, *ADMIN)
    wizard = start_interview(qtbot, window)
    before = WizardPage.person_point_size
    qtbot.keyClick(wizard.next_button, Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)
    assert WizardPage.person_point_size == before + 2
    assert f"font-size: {before + 2}pt" in wizard.styleSheet()
    wizard.smaller_button.click()
    assert WizardPage.person_point_size == before


def _holds_focus(widget: QWidget) -> bool:
    focused = QApplication.focusWidget()
    return focused is not None and widget.isAncestorOf(focused)


def test_focus_starts_where_the_work_is(
    qtbot: QtBot, make_window: WindowFactory, station_home: Path
) -> None:
    """Keyboard users start typing at once: the case search after sign-in, the first question
    when an interview opens and again on each new section."""
    window = make_window(station_home)
    sign_in(qtbot, window, *ADMIN)
    home = window.page
    assert isinstance(home, HomePage)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is home.cases.search, timeout=5_000)

    wizard = start_interview(qtbot, window)
    first = wizard.card
    assert first is not None
    qtbot.waitUntil(lambda: _holds_focus(first), timeout=5_000)

    fill_section(wizard, scenario_answers(ScenarioPath.ADULT_POSITIVE))
    wizard.next_button.click()
    following = wizard.card
    assert following is not None and following is not first
    qtbot.waitUntil(lambda: _holds_focus(following), timeout=5_000)
