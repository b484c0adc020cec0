"""The determination step: the rule's suggestion in words, then what the people decide and why."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QButtonGroup, QFrame, QPlainTextEdit, QRadioButton, QVBoxLayout

from interview_room.gui.widgets import button, describe, label
from interview_room.interview.interview import DECISIONS, Interview
from interview_room.screening import explain, text

DECISION_QUESTION = "det_decision"


class DecisionPanel(QFrame):
    """Shows the suggestion with the rule that produced it; records the people's decision."""

    decided = Signal(str, str)

    def __init__(self, interview: Interview, language: str) -> None:
        super().__init__()
        protocol = interview.protocol
        assessment = interview.assessment()
        layout = QVBoxLayout(self)
        layout.setSpacing(10)

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
        layout.addWidget(suggestion)

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
            self.tr("Required, also when you follow the suggestion. Tab leaves the field."),
        )
        self.reasons.setTabChangesFocus(True)
        self.reasons.setMinimumHeight(110)
        layout.addWidget(self.reasons)
        self.error = label("", "error")
        self.error.hide()
        layout.addWidget(self.error)
        self.finish_button = button(
            self.tr("Record the decision and finish"),
            primary=True,
            description=self.tr(
                "Save the decision beside the software's suggestion and close the interview."
            ),
        )
        self.finish_button.clicked.connect(self._finish)
        layout.addWidget(self.finish_button)

    def choose(self, decision: str) -> None:
        for radio in self.group.buttons():
            if radio.property("decision") == decision:
                radio.setChecked(True)

    def _finish(self) -> None:
        checked = self.group.checkedButton()
        reasons = self.reasons.toPlainText().strip()
        if checked is None or not reasons:
            self.error.setText(self.tr("Choose a decision and write the reasons for it."))
            self.error.show()
            return
        self.decided.emit(str(checked.property("decision")), reasons)
