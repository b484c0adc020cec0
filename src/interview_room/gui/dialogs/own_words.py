"""The person's own words about their safety, shown to the officer before a referral is signed,
with a box to leave them out of that form (WHO 2003, principle 5: confidentiality; second
practitioner's review, finding 13). Shown only where the chosen recipient's form would print
them; leaving them out is recorded in the officer's signing entry of the audit log."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QCheckBox, QVBoxLayout, QWidget

from interview_room.gui.widgets import describe, label
from interview_room.interview.interview import Interview
from interview_room.referral.own_words import own_words_for


class OwnWordsChoice(QWidget):
    """The words as the form would print them, and "Leave these words out of the form"."""

    changed = Signal()
    """The officer ticked or unticked the box: the preview is built again."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(
            label(self.tr("The person's own words about their safety"), "question-title")
        )
        self.words = label("", "person")
        self.words.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        column.addWidget(self.words)
        self.leave_out = describe(
            QCheckBox(self.tr("Leave these words out of the form")),
            self.tr("Leave these words out of the form"),
            self.tr(
                "Read them first: ticked, the person's own words are not printed on this "
                "referral, for a recipient who should not have them; the referral records that "
                "they were left out."
            ),
        )
        self.leave_out.toggled.connect(self.changed)
        column.addWidget(self.leave_out)
        self.hide()

    def show_for(self, interview: Interview, recipient: str) -> None:
        """Show the words ``recipient``'s form would carry, or nothing when it carries none."""
        words = own_words_for(interview, recipient)
        self.words.setText(words or "")
        self.setVisible(words is not None)

    @property
    def left_out(self) -> bool:
        """The officer chose to leave the words out of a form that would carry them."""
        return bool(self.words.text()) and self.leave_out.isChecked()
