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
        assert card.prefers_not is not None, f"{card.question.id} is recorded, not asked"
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
        for option in card.boxes:
            if card.boxes[option].isChecked() != (option in value):
                card.boxes[option].click()
        return
    assert card.field is not None
    card.field.setFocus()
    card.field.setText(str(value))
    card.field.editingFinished.emit()


def answer_here(wizard: WizardPage, answers: Mapping[str, Value]) -> str | None:
    """Answer the question on screen from ``answers`` unless it already has that answer;
    return its id when an answer was given."""
    card = wizard.card
    if card is None or card.question.id not in answers:
        return None
    question_id = card.question.id
    saved = wizard.interview.answers.get(question_id)
    if saved is not None and saved.is_answered and saved.value == _stored(answers[question_id]):
        return None
    answer_card(card, answers[question_id])
    return question_id


def _stored(value: Value) -> object:
    return value if isinstance(value, str | int) else tuple(value)


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


def answer_through(
    wizard: WizardPage, answers: Mapping[str, Value], *, announce_sections: bool = False
) -> Iterator[str]:
    """Answer question after question, pressing Next, until the decision is next; yield each
    question id right after ``Interview.answer`` returned (the answer is committed), and with
    ``announce_sections`` also ``"section <id>"`` after each move to a new section."""
    for _ in range(1000):
        answered = answer_here(wizard, answers)
        if answered is not None:
            QApplication.processEvents()
            yield answered
        place = wizard._next_place()
        if place is None or place[0].kind.value == "determination":
            return
        section = wizard.interview.current_section.id
        wizard.go_next()
        if announce_sections and wizard.interview.current_section.id != section:
            yield f"section {wizard.interview.current_section.id}"
    raise AssertionError("the interview never ended")


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


def texts(root: QWidget) -> str:
    from tests.gui.conftest import visible_texts

    return "\n".join(visible_texts(root))
