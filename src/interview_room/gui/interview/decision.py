"""The determination step: what was never asked, what the people decide and why, then the
rule's suggestion in words to compare with it before finishing (below the decision, so the
officers form their own view first: fifth review, finding 11; it stays on screen and in the
record). The choice and the reasons are kept as they are written (a draft, as the
answers to ``det_decision`` and ``det_reasons``), so closing the window loses nothing."""

from __future__ import annotations

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractButton,
    QButtonGroup,
    QFrame,
    QPlainTextEdit,
    QRadioButton,
    QVBoxLayout,
)

from interview_room.gui.widgets import button, describe, label
from interview_room.interview.interview import DECISIONS, Interview
from interview_room.screening import Answer, Question, explain, text

DECISION_QUESTION = "det_decision"
REASONS_QUESTION = "det_reasons"
TYPING_PAUSE_MS = 600
LISTED = 12
"""Questions named one by one in the "not asked" and "skipped" lists; the rest are counted."""


class DecisionPanel(QFrame):
    """Shows the suggestion with the rule that produced it; records the people's decision."""

    decided = Signal(str, str)
    draft_changed = Signal(list)
    """The decision and reasons as written so far: a list of two :class:`Answer` (a skipped
    one stands for "nothing yet")."""

    def __init__(self, interview: Interview, language: str) -> None:
        super().__init__()
        self._language = language
        self._interview = interview
        layout = QVBoxLayout(self)
        layout.setSpacing(10)
        # "Next" is off on this last step, and the suggestion comes after the decision (an
        # anchor read first is followed): say both where the eye starts.
        self.where_to_decide = label(
            self.tr(
                "This is the last step. Decide first from what you heard and saw: your decision "
                "and its reasons come next (press Tab to go to them), then the software's "
                "suggestion, to compare before you finish."
            ),
            "notice",
        )
        layout.addWidget(self.where_to_decide)

        not_asked, skipped = interview.not_asked(), interview.skipped()
        if not_asked:
            title = self.tr("Not asked, no answer recorded: %n", "", len(not_asked))
            layout.addWidget(self._listing(not_asked, title))
        if skipped:
            title = self.tr("Skipped on purpose: %n", "", len(skipped))
            layout.addWidget(self._listing(skipped, title))
        suggestion = self._suggestion_frame()
        self._add_decision(layout)
        layout.addWidget(suggestion)
        self._add_finish(layout)
        self._restore_draft()

    def _suggestion_frame(self) -> QFrame:
        """The software's suggestion and why; shown after the decision, built before it."""
        interview, protocol, language = self._interview, self._interview.protocol, self._language
        assessment = interview.assessment()
        suggestion = QFrame()
        suggestion.setProperty("role", "suggestion")
        inner = QVBoxLayout(suggestion)
        inner.addWidget(label(self.tr("The software suggests"), "hint"))
        outcome = text(protocol, language, f"outcome.{assessment.suggested_outcome.value}")
        self.suggested = label(outcome, "question-title")
        inner.addWidget(self.suggested)
        if interview.presumed_child:
            inner.addWidget(label(self.tr("Rules for a child apply (presumed child)."), "hint"))
        self.explanation = [label("• " + line) for line in explain(assessment, protocol, language)]
        for line in self.explanation:
            inner.addWidget(line)
        self.suggestion = suggestion
        return suggestion

    def _add_decision(self, layout: QVBoxLayout) -> None:
        """The decision's choices and its reasons."""
        protocol, language = self._interview.protocol, self._language
        layout.addWidget(label(self.tr("Your decision"), "question-title"))
        self.group = QButtonGroup(self)
        question = protocol.question(DECISION_QUESTION)
        for option in DECISIONS:
            radio = QRadioButton(text(protocol, language, question.option_text(option)))
            radio.setProperty("decision", option)
            describe(
                radio,
                radio.text(),
                self.tr("Your decision for this case; write the reasons below."),
            )
            self.group.addButton(radio)
            layout.addWidget(radio)
        layout.addWidget(label(self.tr("Reasons (required, also when you follow the suggestion)")))
        self.reasons = describe(
            QPlainTextEdit(),
            self.tr("Reasons for the decision"),
            self.tr(
                "Required, also when you follow the suggestion. Kept as you type. Tab leaves "
                "the field."
            ),
        )
        self.reasons.setTabChangesFocus(True)
        self.reasons.setMinimumHeight(110)
        layout.addWidget(self.reasons)

    def _add_finish(self, layout: QVBoxLayout) -> None:
        """The error line, what finishing does and the button that does it."""
        self.error = label("", "error")
        layout.addWidget(self.error)
        layout.addWidget(
            label(
                self.tr(
                    "There is no next page: recording the decision closes the interview, and "
                    "the case then offers the referral and the information sheet."
                ),
                "hint",
            )
        )
        self.finish_button = button(
            self.tr("Record the decision and finish"),
            primary=True,
            description=self.tr(
                "Save the decision beside the software's suggestion and close the interview."
            ),
        )
        self.finish_button.setDefault(False)
        self.finish_button.clicked.connect(self._finish)
        layout.addWidget(self.finish_button)

    def _restore_draft(self) -> None:
        """Show what was already kept, then keep what changes."""
        draft = self._interview.answers
        chosen = draft.get(DECISION_QUESTION)
        if chosen is not None and chosen.is_answered:
            self.choose(str(chosen.value))
        written = draft.get(REASONS_QUESTION)
        if written is not None and written.is_answered:
            self.reasons.setPlainText(str(written.value))
        self._sent = self._draft()
        self._typing = QTimer(self)
        self._typing.setSingleShot(True)
        self._typing.setInterval(TYPING_PAUSE_MS)
        self._typing.timeout.connect(self.flush)
        self.reasons.textChanged.connect(self._typing.start)
        self.group.buttonToggled.connect(lambda _button, _on: self.flush())

    def _listing(self, questions: list[Question], title: str) -> QFrame:
        count = len(questions)
        box = QFrame()
        box.setProperty("role", "suggestion")
        column = QVBoxLayout(box)
        column.addWidget(label(title, "hint"))
        protocol = self._interview.protocol
        names = [text(protocol, self._language, q.label) for q in questions[:LISTED]]
        if count > LISTED:
            names.append(self.tr("… and %1 more").replace("%1", str(count - LISTED)))
        column.addWidget(label("; ".join(names)))
        return box

    def first_control(self) -> QAbstractButton:
        """Where deciding starts: the chosen decision, or the first."""
        return self.group.checkedButton() or self.group.buttons()[0]

    def focus_first_control(self) -> None:
        self.first_control().setFocus()

    def choose(self, decision: str) -> None:
        for radio in self.group.buttons():
            if radio.property("decision") == decision:
                radio.setChecked(True)

    def _draft(self) -> list[Answer]:
        checked = self.group.checkedButton()
        reasons = self.reasons.toPlainText().strip()
        return [
            Answer.given(DECISION_QUESTION, str(checked.property("decision")))
            if checked is not None
            else Answer.skipped(DECISION_QUESTION),
            Answer.given(REASONS_QUESTION, reasons)
            if reasons
            else Answer.skipped(REASONS_QUESTION),
        ]

    def flush(self) -> None:
        """Hand the draft over now if it changed (every way out calls this)."""
        self._typing.stop()
        draft = self._draft()
        if draft != self._sent:
            self._sent = draft
            self.draft_changed.emit(draft)

    def _finish(self) -> None:
        # Hand the draft over first: a typing pause still pending would otherwise fire after
        # the decision has closed the interview.
        self.flush()
        checked = self.group.checkedButton()
        reasons = self.reasons.toPlainText().strip()
        if checked is None or not reasons:
            self.error.setText(self.tr("Choose a decision and write the reasons for it."))
            return
        self.decided.emit(str(checked.property("decision")), reasons)
