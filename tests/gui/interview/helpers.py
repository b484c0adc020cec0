"""Driving the real wizard the way an interviewer does: clicks, ticks and typing."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QDialog, QWidget
from pytestqt.qtbot import QtBot

from harness.wizard import Value, answer_card, answer_here, answer_through
from interview_room.gui.interview.dialogs import StartInterviewDialog, StopDialog
from interview_room.gui.interview.wizard import WizardPage
from interview_room.gui.pages.home import HomePage
from interview_room.gui.window import AppWindow
from interview_room.training.scenarios import Path as ScenarioPath
from interview_room.training.scenarios import scenario_answers

if TYPE_CHECKING:
    from tests.gui.conftest import WindowFactory

__all__ = [
    "Value",
    "answer_card",
    "answer_here",
    "answer_through",
    "fill_section",
    "interview_walked_to",
    "next_stays_in_section",
    "on_next_dialog",
    "show_question",
    "start_interview",
    "stop_interview",
    "texts",
    "walk_to",
]


def show_question(wizard: WizardPage, question_id: str) -> None:
    """Go to the section holding ``question_id`` (wherever the protocol version puts it) and
    show that question."""
    protocol = wizard.interview.protocol
    wizard.go_to(protocol.section(protocol.question(question_id).section_id))
    wizard.show_section(question_id)


def next_stays_in_section(wizard: WizardPage) -> bool:
    place = wizard._next_place()
    return place is not None and place[0].id == wizard.interview.current_section.id


def fill_section(wizard: WizardPage, answers: Mapping[str, Value]) -> None:
    """Answer the current section one question at a time from ``answers``, pressing Next
    between questions; stays on the section's last question."""
    for _ in range(200):
        answer_here(wizard, answers)
        if not next_stays_in_section(wizard) or wizard._consent_refused():
            return
        wizard.next_button.click()
    raise AssertionError("the section never ended")


def walk_to(qtbot: QtBot, wizard: WizardPage, answers: Mapping[str, Value], last: str) -> None:
    """Fill each section and press Next until section ``last`` is on screen and filled."""
    for _ in range(40):
        fill_section(wizard, answers)
        if wizard.interview.current_section.id == last:
            return
        assert wizard.next_button.isEnabled(), wizard.blocker.text()
        section = wizard.interview.current_section.id
        wizard.next_button.click()
        assert wizard.interview.current_section.id != section, wizard.blocker.text()
    raise AssertionError(f"never reached section {last}")


def on_next_dialog(act: Callable[[QDialog], None]) -> None:
    """Run ``act`` on the next modal dialog as soon as it is open (modal loops block tests)."""

    def run() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, QDialog):
            QTimer.singleShot(10, run)
            return
        act(dialog)

    QTimer.singleShot(0, run)


def start_interview(qtbot: QtBot, window: AppWindow, language: str = "en") -> WizardPage:
    """From the home page of ``window``, start a new interview in
    ``language`` through the start dialog and return the wizard once it is on screen."""
    from tests.gui.conftest import activate

    home = window.page
    assert isinstance(home, HomePage)

    def fill(dialog: QDialog) -> None:
        assert isinstance(dialog, StartInterviewDialog)
        dialog.language.setCurrentIndex(dialog.language.findData(language))
        assert not hasattr(dialog, "name"), "nothing about the person before the rights"
        dialog.start_button.click()

    on_next_dialog(fill)
    home.new_interview_button.click()
    qtbot.waitUntil(lambda: isinstance(window.page, WizardPage), timeout=5_000)
    activate(qtbot, window)
    wizard = window.page
    assert isinstance(wizard, WizardPage)
    return wizard


def interview_walked_to(
    qtbot: QtBot,
    make_window: WindowFactory,
    station_home: Path,
    path: ScenarioPath,
    last: str,
    language: str = "en",
) -> WizardPage:
    """A new window at ``station_home``, the administrator signed in, a new interview in
    ``language`` answered along the training ``path`` up to the section ``last``."""
    from tests.gui.conftest import ADMIN, sign_in

    window = make_window(station_home)
    sign_in(qtbot, window, *ADMIN)
    wizard = start_interview(qtbot, window, language=language)
    walk_to(qtbot, wizard, scenario_answers(path), last)
    return wizard


def stop_interview(qtbot: QtBot, wizard: WizardPage, reason: str = "Synthetic: tired") -> None:
    """Stop the interview through the Stop dialog, giving ``reason``, and wait for the end
    view."""

    def stop(dialog: QDialog) -> None:
        assert isinstance(dialog, StopDialog)
        dialog.reason.setText(reason)
        dialog.stop_button.click()

    on_next_dialog(stop)
    wizard.stop_button.click()
    qtbot.waitUntil(lambda: wizard.views.currentWidget() is wizard.end_view, timeout=3_000)


def texts(root: QWidget) -> str:
    from tests.gui.conftest import visible_texts

    return "\n".join(visible_texts(root))
