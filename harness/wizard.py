"""Driving the real interview wizard the way an interviewer does: clicks, ticks and typing.

Used by the GUI tests (``tests/gui/interview/helpers.py`` adds pytest-qt helpers on top) and
the leak drill (``reliability/leak_worker.py``).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence

from PySide6.QtWidgets import QApplication

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
