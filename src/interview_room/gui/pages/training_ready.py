"""After building a training workstation: the practice accounts, to sign in with."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QGridLayout, QVBoxLayout, QWidget

from interview_room.gui.messages import role_name
from interview_room.gui.widgets import button, card, centred, label
from interview_room.training.deployment import TrainingUser


class TrainingReadyPage(QWidget):
    continue_to_login = Signal(str)

    def __init__(self, users: tuple[TrainingUser, ...], case_count: int) -> None:
        super().__init__()
        grid = QGridLayout()
        grid.addWidget(label(self.tr("Role"), "hint"), 0, 0)
        grid.addWidget(label(self.tr("Username"), "hint"), 0, 1)
        grid.addWidget(label(self.tr("Password"), "hint"), 0, 2)
        for row, user in enumerate(users, start=1):
            grid.addWidget(label(role_name(user.role)), row, 0)
            for column, text in ((1, user.username), (2, user.password)):
                cell = label(text, wrap=False)
                cell.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
                grid.addWidget(cell, row, column)
        grid_holder = QWidget()
        grid_holder.setLayout(grid)
        self.continue_button = button(
            self.tr("Continue to sign in"),
            primary=True,
            description=self.tr("Go to the sign-in screen of the training workstation."),
        )
        self.continue_button.clicked.connect(
            lambda: self.continue_to_login.emit(users[1].username if len(users) > 1 else "")
        )
        body = card(
            label(self.tr("The training workstation is ready"), "heading"),
            label(
                self.tr(
                    "Fictitious cases in it: %n. Write these practice accounts down: they are "
                    "shown only now. To start again, leave training and open a new one.",
                    "",
                    case_count,
                ),
                "subheading",
            ),
            grid_holder,
            self.continue_button,
        )
        layout = QVBoxLayout(self)
        layout.addWidget(centred(body, 720))
        self.continue_button.setFocus()
