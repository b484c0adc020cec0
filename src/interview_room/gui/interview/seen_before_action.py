"""The "Seen before?" action inside the interview (issue 16): from the moment the person agrees
to a record being kept, and before the questions about what happened, the interviewers can ask
whether the person was interviewed before at any border point, so that they do not make the
person tell again what they already said.

A calm button in the header, beside how the page looks and above the emergency numbers; shown
only when the case is kept with consent and the station holds a seen-before key from the
centre. It opens :class:`SeenBeforeDialog`, the panel prefilled from the case
(``seen_before_panel.py``). Opening it records nothing: only the panel's own check writes the
details and the audit entry, as it always did.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt, QTimer
from PySide6.QtWidgets import (
    QBoxLayout,
    QDialog,
    QDialogButtonBox,
    QFrame,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from interview_room.gui.interview.seen_before_panel import SeenBeforePanel
from interview_room.gui.widgets import describe
from interview_room.interview.personal_data import PersonalData
from interview_room.seen_before.held import held_keys

if TYPE_CHECKING:
    from interview_room.interview.interview import Interview
    from interview_room.workstation import Session


class SeenBeforeDialog(QDialog):
    """The panel for the interview's case, with a way back to the question."""

    def __init__(self, session: Session, interview: Interview, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setWindowTitle(QCoreApplication.translate("SeenBeforePanel", "Seen before?"))
        self.panel = SeenBeforePanel(session, interview.case.id, interview=interview)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close = buttons.button(QDialogButtonBox.StandardButton.Close)
        close.setText(QCoreApplication.translate("SeenBeforePanel", "Back to the interview"))
        close.setAutoDefault(False)
        buttons.rejected.connect(self.reject)
        # The matches can be several: they scroll inside the dialog, never cut off.
        area = QScrollArea()
        area.setWidgetResizable(True)
        area.setFrameShape(QFrame.Shape.NoFrame)
        area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        area.setWidget(self.panel)
        self.area = area
        # What was found comes under the fields, and ran out of sight below them: once the
        # check is made, the view scrolls to it (the check's button on top, as a heading).
        self.panel.checked.connect(lambda _: QTimer.singleShot(0, self, self._show_result))
        self.resize(640, 660)
        layout = QVBoxLayout(self)
        layout.addWidget(area)
        layout.addWidget(buttons)
        # The keyboard starts where the officer corrects the name, never on the check itself.
        self.panel.given_names.setFocus()

    def _show_result(self) -> None:
        bar = self.area.verticalScrollBar()
        bar.setValue(min(bar.maximum(), self.panel.check_button.geometry().top()))


class SeenBeforeAction(QPushButton):
    """The header's "Seen before?" button. ``refresh`` shows it when the check is possible;
    the wizard calls it whenever an answer or the view changes."""

    def __init__(self, interview: Interview, row: QBoxLayout) -> None:
        super().__init__(QCoreApplication.translate("SeenBeforePanel", "Seen before?"))
        self._interview = interview
        self.dialog: SeenBeforeDialog | None = None
        self.setObjectName("seenBeforeAction")
        self.setAutoDefault(False)
        describe(
            self,
            QCoreApplication.translate("SeenBeforePanel", "Seen before?"),
            QCoreApplication.translate(
                "SeenBeforePanel",
                "Whether the person was interviewed before at any border point, so they need "
                "not tell again what they already said. Opening it records nothing.",
            ),
            tooltip=True,
        )
        self.clicked.connect(self.open_check)
        # After the row's stretch, just left of A−, A+ and contrast, above the emergency
        # numbers: at hand, yet apart from what is done to the interview itself.
        row.insertWidget(1, self)
        row.insertSpacing(2, 16)
        self.refresh()

    def _session(self) -> Session:
        # The interview's own signed-in session (the wizard is given the interview only).
        return self._interview._session

    def available(self) -> bool:
        """A record may be kept, the interview is open, and the centre's key is held."""
        interview = self._interview
        return (
            interview.personal_data is PersonalData.KEPT
            and interview.outcome is None
            and bool(held_keys(interview.station_store))
        )

    def refresh(self, *_: object) -> None:
        self.setVisible(self.available())
        self.setEnabled(not self._interview.on_break)

    def open_check(self) -> None:
        """The panel in a dialog, prefilled; nothing is recorded until its check is made."""
        self.refresh()
        if not self.available() or self._interview.on_break:
            return
        self.dialog = SeenBeforeDialog(self._session(), self._interview, self.window())
        self.dialog.open()
