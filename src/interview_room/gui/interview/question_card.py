"""One question on screen: what to read to the person, what the interviewer should know, and
the answer controls. Every answer is handed to ``answered`` the moment it is given (autosave);
typed text a moment after the typing pauses, and at once on ``flush``.

"Prefers not to answer" is its own choice on every question put to the person, never the same
as "no". What the interviewers observe or record themselves has no such choice: they skip it.
"""

from __future__ import annotations

import datetime as dt
from typing import TypeVar

from PySide6.QtCore import QRegularExpression, QTimer, Signal
from PySide6.QtGui import QIntValidator, QRegularExpressionValidator
from PySide6.QtWidgets import (
    QAbstractButton,
    QButtonGroup,
    QCheckBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from interview_room.gui.interview.wrapping import WrappingCheck, WrappingRadio
from interview_room.gui.widgets import W, describe, label, person_words
from interview_room.screening import (
    Answer,
    AnswerStatus,
    AnswerType,
    Protocol,
    Question,
    person_text,
    text,
)

PREFERS_NOT = "__prefers_not__"
TYPING_PAUSE_MS = 600
"""Typed text is saved this long after the last key (and at once on every way out)."""
B = TypeVar("B", bound=QAbstractButton)


class QuestionCard(QFrame):
    """Shows one question and reports each answer as an :class:`Answer` (or None: cleared)."""

    answered = Signal(object)
    cleared = Signal(str)
    own_words: QLabel | None = None
    """The words read to the person in the interviewer's language, when they differ."""

    def __init__(
        self,
        protocol: Protocol,
        question: Question,
        answer: Answer | None,
        interviewer_language: str,
        person_language: str,
        presumed_child: bool = False,
        with_interpreter: bool = False,
    ) -> None:
        super().__init__()
        self.setProperty("role", "question")
        self.question = question
        self._protocol = protocol
        self._lang = interviewer_language
        self._loading = True
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 16, 20, 16)
        layout.setSpacing(8)

        title_row = QHBoxLayout()
        title = label(text(protocol, interviewer_language, question.label), "question-title")
        title_row.addWidget(title, 1)
        if question.observation:
            # What is seen (obs_…) is never asked; the other items the interviewers record
            # (the room, the date, the sex as the person states it) may come from what is said.
            tag = (
                self.tr("Observe and record: do not ask")
                if question.id.startswith(OBSERVED)
                else self.tr("Recorded by the interviewers")
            )
            title_row.addWidget(label(tag, "tag", wrap=False))
        layout.addLayout(title_row)
        self.setAccessibleName(title.text())
        self._title = title.text()

        words = person_text(protocol, person_language, question, presumed_child)
        if words is not None:
            # A presumed child hears the protocol's simpler words, where it has them.
            wording = person_words(words, protocol.catalogs[person_language].direction == "rtl")
            wording.setAccessibleDescription(self.tr("Read to the person"))
            layout.addWidget(wording)
            if own_words_wanted(protocol, interviewer_language, person_language, with_interpreter):
                self._add_own_words(layout, person_language, presumed_child)
        guidance_id = f"question.{question.id}.guidance"
        if guidance_id in protocol.catalogs[interviewer_language].texts:
            layout.addWidget(label(text(protocol, interviewer_language, guidance_id), "guidance"))

        self._typing = QTimer(self)
        self._typing.setSingleShot(True)
        self._typing.setInterval(TYPING_PAUSE_MS)
        self._typing.timeout.connect(self._on_text)
        self._reported: Answer | None = answer
        self.controls = QWidget()
        self._build_controls(QVBoxLayout(self.controls))
        layout.addWidget(self.controls)
        self.state = label("", "hint", wrap=False)
        layout.addWidget(self.state)
        self._show(answer)
        self._loading = False

    def _add_own_words(self, layout: QVBoxLayout, person_language: str, child: bool) -> None:
        """With an interpreter, the vetted words in the interviewer's language under the
        person's (seventh practitioner's review, finding 6): what the interviewer says and
        checks the interpreter against; the person's marked while they are a machine draft."""
        if self._protocol.catalogs[person_language].status:
            layout.addWidget(
                label(
                    self.tr(
                        "Machine draft, not yet checked by a certified translator: the words "
                        "below are the reviewed ones."
                    ),
                    "hint",
                )
            )
        own = person_text(self._protocol, self._lang, self.question, child)
        if own is None:
            return
        layout.addWidget(
            label(self.tr("In your language (the interpreter says it in theirs):"), "hint")
        )
        words = label(own, "own-words")
        words.setAccessibleDescription(self.tr("The same words in your language"))
        layout.addWidget(words)
        self.own_words = words

    # -- controls --------------------------------------------------------------------------

    def _option_text(self, option: str) -> str:
        return text(self._protocol, self._lang, self.question.option_text(option))

    def _option(self, control: W, words: str) -> W:
        """An answer control, named by its words and described by its question."""
        return describe(
            control,
            words,
            self.tr("An answer to “%1”; it is saved as soon as it is chosen.").replace(
                "%1", self._title
            ),
        )

    def _prefers_not(self, control: B) -> B | None:
        """The person's own "prefers not to answer", or None where the interviewers record
        the item themselves (an observation, the room, the date)."""
        if self.question.observation:
            control.deleteLater()
            return None
        return describe(
            control,
            control.text(),
            self.tr(
                "The person prefers not to answer “%1”. This is recorded as such, never as no."
            ).replace("%1", self._title),
        )

    def _side_by_side(self) -> bool:
        """Yes and no in a row, when their words (with "prefers not to answer") are short
        enough to fit the narrowest window in any language; one under the other otherwise."""
        if self.question.answer_type is not AnswerType.YES_NO:
            return False
        words = [self._option_text(option) for option in self.question.options]
        if not self.question.observation:
            words.append(self.tr("Prefers not to answer"))
        return sum(len(w) for w in words) <= SIDE_BY_SIDE

    def _columns(self) -> int:
        """One column; two for a long list of short choices; three for a very long list of
        very short ones (the nationalities), so the whole list is seen without scrolling."""
        options = self.question.options
        longest = max((len(self._option_text(option)) for option in options), default=0)
        if len(options) > VERY_LONG_LIST and longest <= VERY_SHORT_OPTION:
            return 3
        if len(options) > LONG_LIST and longest <= SHORT_OPTION:
            return 2
        return 1

    def _build_controls(self, layout: QVBoxLayout) -> None:
        kind = self.question.answer_type
        self.group: QButtonGroup | None = None
        self.boxes: dict[str, QCheckBox] = {}
        self.field: QLineEdit | None = None
        self.prefers_not: QAbstractButton | None
        if kind in (AnswerType.YES_NO, AnswerType.SINGLE_CHOICE):
            self._build_choice(layout, kind)
        elif kind is AnswerType.MULTI_CHOICE:
            self._build_multi(layout)
        else:
            self._build_field(layout, kind)

    def _build_choice(self, layout: QVBoxLayout, kind: AnswerType) -> None:
        """Yes/no or one choice: radio buttons in one group."""
        self.group = QButtonGroup(self)
        # Yes and no side by side; longer choices one under the other, so they wrap; a
        # long list of short choices in two columns, read down the first one, so the whole
        # list is seen at once.
        row = QHBoxLayout() if self._side_by_side() else QVBoxLayout()
        radios: list[QWidget] = []
        for option in self.question.options:
            words = self._option_text(option)
            radio = self._option(WrappingRadio(words), words)
            radio.setProperty("option", option)
            self.group.addButton(radio)
            radios.append(radio)
        if kind is AnswerType.SINGLE_CHOICE and self._columns() > 1:
            layout.addLayout(_in_columns(radios, self._columns()))
        else:
            for control in radios:
                row.addWidget(control)
        self.prefers_not = self._prefers_not(QRadioButton(self.tr("Prefers not to answer")))
        if self.prefers_not is not None:
            self.prefers_not.setProperty("option", PREFERS_NOT)
            self.group.addButton(self.prefers_not)
            row.addWidget(self.prefers_not)
        if isinstance(row, QHBoxLayout):
            row.addStretch(1)
        layout.addLayout(row)
        self.group.buttonToggled.connect(self._on_choice)

    def _build_multi(self, layout: QVBoxLayout) -> None:
        """Several choices: a check box each."""
        for option in self.question.options:
            words = self._option_text(option)
            box = self._option(WrappingCheck(words), words)
            box.toggled.connect(self._on_multi)
            self.boxes[option] = box
        if self._columns() > 1:
            layout.addLayout(_in_columns(list(self.boxes.values()), self._columns()))
        else:
            for check in self.boxes.values():
                layout.addWidget(check)
        self.prefers_not = self._prefers_not(QCheckBox(self.tr("Prefers not to answer")))
        if self.prefers_not is not None:
            self.prefers_not.toggled.connect(self._on_multi_prefers_not)
            layout.addWidget(self.prefers_not)

    def _build_field(self, layout: QVBoxLayout, kind: AnswerType) -> None:
        """Typed text, a number or a date, in one line."""
        row = QHBoxLayout()
        self.field = describe(
            QLineEdit(),
            self._title,
            self.tr("Type the answer; it is saved as you type."),
        )
        if kind is AnswerType.NUMBER:
            low = self.question.minimum if self.question.minimum is not None else 0
            high = self.question.maximum if self.question.maximum is not None else 1_000_000
            self.field.setValidator(QIntValidator(low, high, self.field))
            self.field.setMaximumWidth(160)
            self.field.setAccessibleDescription(
                self.tr("Type a number from %1 to %2; it is saved as you type.")
                .replace("%1", str(low))
                .replace("%2", str(high))
            )
        elif kind is AnswerType.DATE:
            pattern = QRegularExpression(r"\d{4}-\d{2}-\d{2}")
            self.field.setValidator(QRegularExpressionValidator(pattern, self.field))
            self.field.setPlaceholderText(dt.date.today().isoformat())
            self.field.setAccessibleDescription(
                self.tr(
                    "Type the date as year-month-day, for example %1; it is saved as you type."
                ).replace("%1", dt.date.today().isoformat())
            )
            self.field.setMaximumWidth(200)
        self.field.textEdited.connect(lambda _text: self._typing.start())
        self.field.editingFinished.connect(self.flush)
        row.addWidget(self.field, 1)
        self.prefers_not = self._prefers_not(QCheckBox(self.tr("Prefers not to answer")))
        if self.prefers_not is not None:
            self.prefers_not.toggled.connect(self._on_text_prefers_not)
            row.addWidget(self.prefers_not)
        layout.addLayout(row)

    def flush(self) -> None:
        """Save typed text now, without waiting for the pause (every way out calls this)."""
        if self.field is not None:
            self._typing.stop()
            self._on_text()

    def first_control(self) -> QWidget | None:
        """Where answering starts: the text field, the chosen option or the first one."""
        target: QWidget | None = self.field
        if target is None and self.group is not None:
            target = self.group.checkedButton() or self.group.buttons()[0]
        if target is None and self.boxes:
            target = next(iter(self.boxes.values()))
        return target

    def focus_first_control(self) -> None:
        target = self.first_control()
        if target is not None:
            target.setFocus()

    # -- showing a saved answer ------------------------------------------------------------

    def _show(self, answer: Answer | None) -> None:
        self._show_state(answer)
        if answer is None or answer.status is AnswerStatus.SKIPPED:
            return
        prefers_not = answer.status is AnswerStatus.PREFERS_NOT_TO_ANSWER
        if prefers_not and self.prefers_not is not None:
            self.prefers_not.setChecked(True)
        elif self.group is not None:
            for button in self.group.buttons():
                if button.property("option") == answer.value:
                    button.setChecked(True)
        elif self.boxes:
            for option in answer.selected():
                if isinstance(option, str) and option in self.boxes:
                    self.boxes[option].setChecked(True)
        elif self.field is not None:
            self.field.setText(str(answer.value))
        if self.field is not None:
            self.field.setEnabled(not prefers_not)

    def _show_state(self, answer: Answer | None) -> None:
        if answer is None:
            self.state.setText("")
        elif answer.status is AnswerStatus.SKIPPED:
            self.state.setText(self.tr("Skipped"))
        elif answer.status is AnswerStatus.PREFERS_NOT_TO_ANSWER:
            self.state.setText(self.tr("Saved: prefers not to answer"))
        else:
            self.state.setText(self.tr("Saved"))

    def show_problem(self, message: str) -> None:
        self.state.setText(message)

    # -- reporting answers -----------------------------------------------------------------

    def _emit(self, answer: Answer | None) -> None:
        if self._loading or answer == self._reported:
            return
        self._reported = answer
        # "Saved" first: a refusal the page shows while saving (``show_problem``) stays.
        self._show_state(answer)
        if answer is None:
            self.cleared.emit(self.question.id)
        else:
            self.answered.emit(answer)

    def _on_choice(self, button: QAbstractButton, checked: bool) -> None:
        if not checked:
            return
        option = str(button.property("option"))
        if option == PREFERS_NOT:
            self._emit(Answer.prefers_not_to_answer(self.question.id))
        else:
            self._emit(Answer.given(self.question.id, option))

    def _on_multi(self) -> None:
        chosen = [option for option, box in self.boxes.items() if box.isChecked()]
        if chosen and self.prefers_not is not None and self.prefers_not.isChecked():
            self.prefers_not.blockSignals(True)
            self.prefers_not.setChecked(False)
            self.prefers_not.blockSignals(False)
        if self._loading:
            return
        self._emit(Answer.given(self.question.id, chosen) if chosen else None)

    def _on_multi_prefers_not(self, checked: bool) -> None:
        if not checked:
            if not any(box.isChecked() for box in self.boxes.values()):
                self._emit(None)
            return
        for box in self.boxes.values():
            box.blockSignals(True)
            box.setChecked(False)
            box.blockSignals(False)
        self._emit(Answer.prefers_not_to_answer(self.question.id))

    def _on_text(self) -> None:
        assert self.field is not None
        raw = self.field.text().strip()
        if self.prefers_not is not None and self.prefers_not.isChecked():
            return
        if not raw:
            # An emptied field forgets the typed answer, never a recorded skip.
            if self._reported is not None and self._reported.is_answered:
                self._emit(None)
            return
        if not self.field.hasAcceptableInput():
            return  # half a number or date: saved once it is whole
        if self.question.answer_type is AnswerType.NUMBER:
            self._emit(Answer.given(self.question.id, int(raw)))
            return
        self._emit(Answer.given(self.question.id, raw))

    def _on_text_prefers_not(self, checked: bool) -> None:
        assert self.field is not None
        self.field.setEnabled(not checked)
        if checked:
            self.field.clear()
            self._emit(Answer.prefers_not_to_answer(self.question.id))
        else:
            self._emit(None)


def own_words_wanted(
    protocol: Protocol, interviewer_language: str, person_language: str, with_interpreter: bool
) -> bool:
    """The words read to the person are shown in the interviewer's language too: the person's
    language is another, and an interpreter says them or they are a draft the interviewer
    cannot check (seventh practitioner's review, finding 6). An officer with an English screen
    who reads the reviewed Albanian to the person needs no second copy on screen."""
    if interviewer_language == person_language:
        return False
    return with_interpreter or protocol.catalogs[person_language].partial


OBSERVED = "obs_"
"""Protocol ids of what the interviewers see for themselves and never ask about."""
SIDE_BY_SIDE = 48
"""Characters: yes/no choices this short in all fit one row of the narrowest window."""
LONG_LIST = 8
"""More choices than this, all short, are shown in two columns."""
SHORT_OPTION = 60
"""Characters: a choice this short wraps to three lines at most in half the width."""
VERY_LONG_LIST = 12
VERY_SHORT_OPTION = 20
"""Characters: a choice this short fits a third of the question's width at 200 % scaling."""


def _in_columns(controls: list[QWidget], columns: int) -> QGridLayout:
    """Down the first column, then the next: the order they are read in is the list's."""
    grid = QGridLayout()
    grid.setHorizontalSpacing(24)
    rows = -(-len(controls) // columns)
    for index, control in enumerate(controls):
        grid.addWidget(control, index % rows, index // rows)
    for column in range(columns):
        grid.setColumnStretch(column, 1)
    return grid
