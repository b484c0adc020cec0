"""The determination as a person meets it at the default window size, in the app's own font
and style: the first screen says that the decision is further down and that this is the last
step, Tab reaches the decision, and a focused button shows one ring, not two."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QAbstractButton, QApplication, QWidget
from pytestqt.qtbot import QtBot

from interview_room.gui import theme
from interview_room.gui.interview.decision import DecisionPanel
from interview_room.gui.interview.wizard import WizardPage
from interview_room.interview.interview import Interview
from interview_room.screening import Answer, SectionKind
from interview_room.training.scenarios import Path as ScenarioPath
from interview_room.training.scenarios import scenario_answers
from tests.gui.conftest import ADMIN, WindowFactory, sign_in

DEFAULT_SIZE = (1180, 760)


def _at_the_decision(qtbot: QtBot, make_window: WindowFactory, home: Path) -> WizardPage:
    window = make_window(home)
    window.resize(*DEFAULT_SIZE)
    sign_in(qtbot, window, *ADMIN)
    session = window.session
    assert session is not None
    interview = Interview.begin(session, window.protocols.current(), "sq", "Drita")
    answers = scenario_answers(ScenarioPath.ADULT_POSITIVE)
    for _ in range(40):  # section by section, as far as the answers and the rules allow
        for question in interview.visible_questions(interview.current_section):
            if question.id in answers and question.id not in interview.answers:
                interview.answer(Answer.given(question.id, answers[question.id]))
        following = interview.next_section()
        if following is None or following.kind is SectionKind.DETERMINATION:
            break
        interview.go_to(following)
    interview.go_to(interview.protocol.sections[-1])
    window.show_interview(interview)
    wizard = window.page
    assert isinstance(wizard, WizardPage) and wizard.decision_panel is not None
    qtbot.waitExposed(wizard)
    return wizard


def _seen(wizard: WizardPage, widget: QWidget) -> bool:
    """Whether ``widget`` is inside the visible part of the scrolling question area."""
    viewport = wizard.question_area.viewport()
    top_left = widget.mapTo(viewport, QPoint(0, 0))
    return QRect(QPoint(0, 0), viewport.size()).contains(QRect(top_left, widget.size()))


def test_the_first_screen_says_where_the_decision_is_and_that_it_is_the_last_step(
    qtbot: QtBot, real_look: None, make_window: WindowFactory, station_home: Path
) -> None:
    wizard = _at_the_decision(qtbot, make_window, station_home)
    panel = wizard.decision_panel
    assert isinstance(panel, DecisionPanel)
    radios = panel.group.buttons()
    assert _seen(wizard, panel.where_to_decide)
    words = panel.where_to_decide.text()
    assert "last step" in words and "Tab" in words
    # Fifth review, finding 11: the officers' own decision comes before the suggestion (an
    # anchor read first is followed); the suggestion stays on the page, below, to compare.
    top = QPoint(0, 0)
    below = panel.suggestion.mapTo(panel, top).y()
    assert all(radio.mapTo(panel, top).y() < below for radio in radios)
    assert panel.reasons.mapTo(panel, top).y() < below < panel.finish_button.mapTo(panel, top).y()
    assert not wizard.next_button.isEnabled()
    # The footer says why Next is off, beside it and to a screen reader.
    assert "record the decision on this page" in wizard.blocker.text()
    assert wizard.blocker.text() == wizard.next_button.accessibleDescription()

    # What the words promise: Tab from the page brings the decision into view, focused.
    qtbot.waitUntil(wizard.question_area.hasFocus)  # the page holds it: the answers are unseen
    qtbot.keyClick(wizard.question_area, Qt.Key.Key_Tab)
    focused = QApplication.focusWidget()
    assert focused in radios, focused
    qtbot.waitUntil(lambda: _seen(wizard, focused))


def _inside(button: QAbstractButton) -> QImage:
    """The button's face inside its focus ring (the ring and the rounded corners left out)."""
    inset = theme.current().focus_width + 4
    image = button.grab().toImage()
    return image.copy(QRect(inset, inset, image.width() - 2 * inset, image.height() - 2 * inset))


def test_a_focused_button_shows_one_ring_and_no_second_frame_inside(
    qtbot: QtBot, real_look: None, make_window: WindowFactory, station_home: Path
) -> None:
    wizard = _at_the_decision(qtbot, make_window, station_home)
    panel = wizard.decision_panel
    assert isinstance(panel, DecisionPanel)
    finish = panel.finish_button
    wizard.question_area.ensureWidgetVisible(finish)
    panel.reasons.setFocus()
    qtbot.waitUntil(lambda: not finish.hasFocus())
    plain = _inside(finish)
    qtbot.keyClick(panel.reasons, Qt.Key.Key_Tab)  # the reasons field lets Tab leave it
    qtbot.waitUntil(finish.hasFocus)
    assert _inside(finish) == plain, "focus changes the ring only, not the button's face"
