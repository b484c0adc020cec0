"""A case at a glance: status, consents, the suggestion with its rule, the decision, and the
interview's breaks and stops. Shown for finished, declined and stopped interviews."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QScrollArea, QVBoxLayout, QWidget

from interview_room.gui.messages import status_name
from interview_room.gui.widgets import button, label
from interview_room.interview.interview import Interview
from interview_room.screening import ConsentScope, explain, text


class CaseSummaryPage(QWidget):
    back = Signal()
    continue_requested = Signal()

    def __init__(self, interview: Interview, language: str) -> None:
        super().__init__()
        self.interview = interview
        protocol = interview.protocol
        case = interview.case

        content = QWidget()
        column = QVBoxLayout(content)
        column.setContentsMargins(24, 16, 24, 24)
        column.setSpacing(10)
        column.addWidget(label(case.code, "heading"))
        column.addWidget(
            label(
                self.tr("Status: %1 · started %2 · officer %3 · social worker %4")
                .replace("%1", status_name(case.status))
                .replace("%2", case.started_at[:10])
                .replace("%3", case.officer or "—")
                .replace("%4", case.social_worker or "—"),
                "hint",
            )
        )
        if interview.presumed_child:
            column.addWidget(label(self.tr("Presumed child: child rules apply"), "tag", wrap=False))

        column.addWidget(label(self.tr("Consents"), "question-title"))
        yes, no, unknown = self.tr("yes"), self.tr("no"), self.tr("not asked")

        def word(value: bool | None) -> str:
            return unknown if value is None else (yes if value else no)

        column.addWidget(
            label(
                self.tr("Interview: %1").replace(
                    "%1", word(interview.consent(ConsentScope.INTERVIEW))
                )
            )
        )
        column.addWidget(
            label(
                self.tr("Storing the data: %1").replace(
                    "%1", word(interview.consent(ConsentScope.DATA_STORAGE))
                )
            )
        )
        for recipient, value in interview.sharing_consents().items():
            column.addWidget(
                label(
                    self.tr("Sharing with %1: %2")
                    .replace("%1", text(protocol, language, f"recipient.{recipient}"))
                    .replace("%2", word(value))
                )
            )

        decision = interview.decision()
        column.addWidget(label(self.tr("Suggestion and decision"), "question-title"))
        if decision is not None:
            stored = interview.recorded_suggestion() or {}
            lines = stored.get("explanation", {}).get(language) or explain(
                interview.assessment(), protocol, language
            )
            suggested = text(protocol, language, f"outcome.{decision.suggested_outcome}")
            column.addWidget(label(self.tr("The software suggested: %1").replace("%1", suggested)))
            for line in lines:
                column.addWidget(label("• " + line, "hint"))
            decided = text(
                protocol, language, protocol.question("det_decision").option_text(decision.decision)
            )
            column.addWidget(label(self.tr("Decided: %1").replace("%1", decided), "question-title"))
            if decision.differs_from_suggestion:
                column.addWidget(
                    label(self.tr("The decision differs from the suggestion."), "tag", wrap=False)
                )
            column.addWidget(label(self.tr("Reasons: %1").replace("%1", decision.reasons)))
        else:
            column.addWidget(label(self.tr("No decision has been recorded."), "hint"))

        column.addWidget(label(self.tr("Breaks, stops and endings"), "question-title"))
        kinds = {
            "started": self.tr("Interview started"),
            "break_started": self.tr("Break"),
            "break_ended": self.tr("Interview continued after a break"),
            "stopped": self.tr("Interview stopped"),
            "resumed": self.tr("Interview taken up again"),
            "consent_refused": self.tr("The person did not agree to the interview"),
            "finished": self.tr("Decision recorded"),
        }
        for event in interview.events():
            column.addWidget(
                label(
                    f"{event.at[:16].replace('T', ' ')}  {kinds.get(event.kind, event.kind)}",
                    "hint",
                )
            )
        column.addStretch(1)

        area = QScrollArea()
        area.setWidgetResizable(True)
        area.setFrameShape(QFrame.Shape.NoFrame)
        area.setWidget(content)
        self.back_button = button(self.tr("Back to the case list"))
        self.back_button.clicked.connect(self.back)
        footer = QHBoxLayout()
        footer.setContentsMargins(24, 8, 24, 12)
        footer.addWidget(self.back_button)
        footer.addStretch(1)
        if interview.is_stopped:
            self.continue_button = button(self.tr("Continue the interview"), primary=True)
            self.continue_button.clicked.connect(self.continue_requested)
            footer.addWidget(self.continue_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(area, 1)
        layout.addLayout(footer)
        self.back_button.setFocus()
