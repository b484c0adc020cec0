"""The publish dialog's choice of a protocol version to withdraw (issue 13): the versions the
centre's package offers the stations now, each with the day it was published, and what a
withdrawal means, said before anything is pressed (``center/publish_withdraw.py``)."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QVBoxLayout, QWidget

from interview_room.center.publish_withdraw import WithdrawableVersion
from interview_room.gui.widgets import describe, label, room_for


class WithdrawChoice(QWidget):
    """A list of the versions published and not withdrawn, and the meaning of withdrawing."""

    changed = Signal()

    def __init__(self) -> None:
        super().__init__()
        self._versions: tuple[WithdrawableVersion, ...] = ()
        self.loaded = False
        self.versions = describe(
            QComboBox(),
            self.tr("Version to withdraw"),
            self.tr("The protocol versions published for the stations and not withdrawn."),
        )
        self.versions.currentIndexChanged.connect(lambda _: self.changed.emit())
        self.meaning = label(
            self.tr(
                "Stations stop offering it for new interviews; interviews begun with it keep "
                "their questions. A withdrawal is never taken back: a corrected protocol is "
                "published under a new version number."
            ),
            "hint",
        )
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.versions)
        column.addWidget(self.meaning)

    def load(self, versions: tuple[WithdrawableVersion, ...]) -> None:
        """Offer ``versions`` (the newest published last, chosen first: the usual one to take
        back), or say that there is none."""
        self._versions = versions
        self.loaded = True
        self.versions.blockSignals(True)
        self.versions.clear()
        for version in versions:
            self.versions.addItem(self.item_text(version))
        self.versions.setCurrentIndex(len(versions) - 1)
        self.versions.blockSignals(False)
        self.versions.setEnabled(bool(versions))
        room_for(self.versions, *(self.item_text(version) for version in versions))
        if not versions:
            self.meaning.setText(
                self.tr(
                    "There is nothing to withdraw: the stations are offered no protocol version "
                    "the central office published, only those shipped with the program, which a "
                    "new release of the program replaces."
                )
            )
        self.changed.emit()

    def item_text(self, version: WithdrawableVersion) -> str:
        named = f"{version.id} {version.version}"
        if not version.published_on:
            return named
        return (
            self.tr("%1, published on %2").replace("%1", named).replace("%2", version.published_on)
        )

    def selected(self) -> WithdrawableVersion | None:
        index = self.versions.currentIndex()
        return self._versions[index] if 0 <= index < len(self._versions) else None

    def confirmation(self, version: WithdrawableVersion) -> str:
        """What the dialog says once the check passed, before the second press signs."""
        return self.tr(
            "Protocol %1 can be withdrawn; nothing is withdrawn yet. Press “Withdraw it” to "
            "sign the next package for the stations with it withdrawn."
        ).replace("%1", f"{version.id} {version.version}")
