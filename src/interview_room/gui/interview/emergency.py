"""The emergency numbers beside the questions of a section that asks for them (immediate needs,
safety): the interviewers see at once whom to call, in their own language. A number the central
office has not yet confirmed is marked so: it is for the interviewers to try, not to hand out.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFrame, QVBoxLayout

from interview_room.documents.directory import DirectoryError
from interview_room.documents.emergency_numbers import emergency_numbers
from interview_room.documents.information_texts import InformationError
from interview_room.gui.widgets import describe, label
from interview_room.store.database import Database
from interview_room.sync.centre_package_station import station_directory


class EmergencyContacts(QFrame):
    """One short block: "Emergency numbers: Police 129 · Ambulance 127 · …"."""

    def __init__(
        self, language: str, data_dir: Path | None = None, store: Database | None = None
    ) -> None:
        """``data_dir``: the station's folder, whose directory the central office may have
        replaced, and ``store``, the encrypted store that recorded which
        (``sync/centre_package_station.py``); without both, the directory shipped."""
        super().__init__()
        self.setProperty("role", "emergency")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        try:
            directory = (
                station_directory(data_dir, store)
                if data_dir is not None and store is not None
                else None
            )
            numbers = emergency_numbers(language, directory=directory)
        except (DirectoryError, InformationError):
            numbers = ()  # the sheet's own check reports a broken directory; nothing to show
        confirmed = [f"{n.label} {n.phone}" for n in numbers if n.confirmed]
        unconfirmed = [f"{n.label} {n.phone}" for n in numbers if not n.confirmed]
        self.numbers = label(
            self.tr("Emergency numbers: %1").replace("%1", " · ".join(confirmed)), "notice"
        )
        layout.addWidget(self.numbers)
        self.unconfirmed = None
        if unconfirmed:
            self.unconfirmed = label(
                self.tr(
                    "Not yet confirmed by the central office (check it before giving it to the "
                    "person): %1"
                ).replace("%1", " · ".join(unconfirmed)),
                "hint",
            )
            layout.addWidget(self.unconfirmed)
        describe(
            self,
            self.tr("Emergency numbers"),
            self.numbers.text()
            + (" " + self.unconfirmed.text() if self.unconfirmed is not None else ""),
        )
