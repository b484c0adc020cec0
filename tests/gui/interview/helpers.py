"""Driving the real wizard the way an interviewer does: clicks, ticks and typing."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QDialog, QWidget
from pytestqt.qtbot import QtBot

from interview_room.gui.interview.question_card import QuestionCard
from interview_room.gui.interview.wizard import WizardPage

Value = str | int | Sequence[str]


def answer_card(card: QuestionCard, value: Value) -> None:
    """Give ``value`` through the card's own controls ("prefers not" for the distinct choice)."""
    if value == "prefers_not":
        card.prefers_not.click()
        return
    if card.group is not None:
        for button in card.group.buttons():
            if button.property("option") == value:
                button.click()
                return
        raise AssertionError(f"{card.question.id}: no option {value!r}")
    if card.boxes:
        assert not isinstance(value, str | int)
        for option in value:
            card.boxes[option].click()
        return
    assert card.field is not None
    card.field.setFocus()
    card.field.setText(str(value))
    card.field.editingFinished.emit()


def fill_section(wizard: WizardPage, answers: Mapping[str, Value]) -> None:
    """Answer every shown question of the current section found in ``answers``; cards may be
    rebuilt when an answer shows new questions, so look them up again each time."""
    done: set[str] = set()
    while True:
        pending = [qid for qid in wizard.cards if qid in answers and qid not in done]
        if not pending:
            return
        answer_card(wizard.cards[pending[0]], answers[pending[0]])
        done.add(pending[0])


def answer_through(
    wizard: WizardPage, answers: Mapping[str, Value], *, announce_sections: bool = False
) -> Iterator[str]:
    """Answer section after section, pressing Next, until the decision is next; yield each
    question id right after ``Interview.answer`` returned (the answer is committed), and with
    ``announce_sections`` also ``"section <id>"`` after each Next."""
    while True:
        for question_id in list(wizard.cards):
            if question_id in answers and question_id not in wizard.interview.answers:
                answer_card(wizard.cards[question_id], answers[question_id])
                QApplication.processEvents()
                yield question_id
                break
        else:
            following = wizard.interview.next_section()
            if following is None or following.kind.value == "determination":
                return
            wizard.go_next()
            if announce_sections:
                yield f"section {wizard.interview.current_section.id}"


def walk_to(qtbot: QtBot, wizard: WizardPage, answers: Mapping[str, Value], last: str) -> None:
    """Fill each section and press Next until section ``last`` is on screen and filled."""
    for _ in range(20):
        fill_section(wizard, answers)
        if wizard.interview.current_section.id == last:
            return
        assert wizard.next_button.isEnabled(), wizard.blocker.text()
        wizard.next_button.click()
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


def texts(root: QWidget) -> str:
    from tests.gui.conftest import visible_texts

    return "\n".join(visible_texts(root))
