"""The first screen on a PC with no workstation: set one up, or open a training workstation."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QVBoxLayout, QWidget

from interview_room.gui.widgets import BusyNote, ChoiceButton, card, centred, label


class FirstRunPage(QWidget):
    setup_chosen = Signal()
    training_chosen = Signal()

    def __init__(self, training_exists: bool) -> None:
        super().__init__()
        heading = label(self.tr("Welcome to Interview Room"), "heading")
        intro = label(
            self.tr(
                "This computer has no workstation yet. A workstation keeps every interview "
                "encrypted on this PC; each colleague unlocks it with their own password."
            ),
            "subheading",
        )
        self.setup_button = ChoiceButton(
            self.tr("Set up this workstation"),
            self.tr("For a border interview room: station, first administrator, recovery key."),
        )
        self.training_button = ChoiceButton(
            self.tr("Open the training workstation")
            if training_exists
            else self.tr("Open a training workstation"),
            self.tr("Fictitious people and cases, to learn the app safely."),
        )
        self.setup_button.clicked.connect(self.setup_chosen)
        self.training_button.clicked.connect(self.training_chosen)

        self.busy = BusyNote()
        body = card(heading, intro, self.setup_button, self.training_button, self.busy, spacing=18)
        layout = QVBoxLayout(self)
        layout.addWidget(centred(body, 640))
        self.setup_button.setFocus()

    def set_busy(self, busy: bool) -> None:
        """The training workstation is being built: both choices wait, and the page says so."""
        self.setup_button.setEnabled(not busy)
        self.training_button.setEnabled(not busy)
        if busy:
            self.busy.start(
                self.tr(
                    "Preparing the training workstation: fictitious people, cases and signed "
                    "referrals. This takes a few seconds; please wait."
                )
            )
        else:
            self.busy.stop()
