"""What the central office's updates changed at this station, for its administrator (issue
16): the update applied last and the one before it. The differences come from the core
(``sync/centre_package_changes.py``); this window only words them."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QDialog, QHBoxLayout, QVBoxLayout, QWidget

from interview_room.gui.widgets import button, card, label, scrolled
from interview_room.sync.centre_package_changes import (
    EntryChange,
    EntryState,
    PackageChanges,
    package_changes,
)
from interview_room.workstation import Session


class PackageChangesDialog(QDialog):
    """Read-only; opened from the sync window or the settings, by an administrator only (the
    core refuses anyone else: ``NotPermitted``)."""

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        changes = package_changes(session)
        self.setWindowTitle(self.tr("What the central office's updates changed"))
        self.setMinimumSize(640, 520)
        content = QWidget()
        packages = QVBoxLayout(content)
        packages.setSpacing(16)
        self.lines = packages
        if not changes:
            packages.addWidget(
                label(self.tr("Nothing from the central office has been applied yet."), "hint")
            )
        for position, change in enumerate(changes):
            frame = card(spacing=4)
            layout = frame.layout()
            assert isinstance(layout, QVBoxLayout)
            self.lines = layout
            self._add_package(change, last=position == 0)
            packages.addWidget(frame)
        packages.addStretch(1)
        close = button(self.tr("Close"), description=self.tr("Close this window."))
        close.clicked.connect(self.accept)
        closing = QHBoxLayout()
        closing.addStretch(1)
        closing.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(label(self.tr("What the central office's updates changed"), "heading"))
        layout.addWidget(scrolled(content), 1)
        layout.addLayout(closing)

    def _line(self, text: str, role: str | None = None, indent: int = 0) -> None:
        line = label(text, role)
        line.setIndent(indent * 18)
        self.lines.addWidget(line)

    def _heading(self, text: str) -> None:
        self.lines.addSpacing(8)
        self._line(text, "subheading")

    def _add_package(self, change: PackageChanges, last: bool) -> None:
        title = (
            self.tr("Applied last: update %1 of %2")
            if last
            else self.tr("The one before: update %1 of %2")
        )
        self._line(
            title.replace("%1", str(change.number)).replace("%2", change.created_at[:10]),
            "question-title",
        )
        self._add_protocols(change)
        self._add_directory(change)
        self._add_revocations(change)

    def _add_protocols(self, change: PackageChanges) -> None:
        self._heading(self.tr("Protocol versions added"))
        if not change.protocols_added:
            self._line(self.tr("No protocol version added."), "hint", 1)
        for protocol in change.protocols_added:
            self._line(f"{protocol.id} {protocol.version}", indent=1)
            for note in protocol.changes:
                self._line(note, "hint", 2)
            for vector, because in protocol.changed_because:
                self._line(
                    self.tr("Test case %1 changed because: %2")
                    .replace("%1", vector)
                    .replace("%2", because),
                    "hint",
                    2,
                )
        for protocol in change.protocols_removed:
            self._line(
                self.tr("Removed: %1").replace("%1", f"{protocol.id} {protocol.version}"),
                indent=1,
            )
        for protocol in change.protocols_withdrawn:
            self._line(
                self.tr(
                    "Withdrawn by the central office: %1. New interviews no longer use it; "
                    "interviews begun with it are finished as they are."
                ).replace("%1", f"{protocol.id} {protocol.version}"),
                indent=1,
            )

    def _directory_day(self, day: str | None) -> str:
        return day if day is not None else self.tr("shipped with the program")

    def _add_directory(self, change: PackageChanges) -> None:
        self._heading(self.tr("Directory of services"))
        if change.directory_before != change.directory_after:
            self._line(
                self.tr("Directory: %1 → %2")
                .replace("%1", self._directory_day(change.directory_before))
                .replace("%2", self._directory_day(change.directory_after)),
                indent=1,
            )
        if not change.entries:
            self._line(self.tr("No entry of the directory changed."), "hint", 1)
        for entry in change.entries:
            self._line(self._entry_change(entry), indent=1)

    def _entry(self, entry: EntryState) -> str:
        parts = [entry.name or entry.id, entry.city, entry.phone]
        text = ", ".join(part for part in parts if part)
        return text + (" (" + self.tr("verified") + ")" if entry.verified else "")

    def _entry_change(self, change: EntryChange) -> str:
        if change.before is None and change.after is not None:
            return self.tr("Added: %1").replace("%1", self._entry(change.after))
        if change.after is None and change.before is not None:
            return self.tr("Removed: %1").replace("%1", self._entry(change.before))
        assert change.before is not None and change.after is not None
        return (
            self.tr("Changed: %1 → %2")
            .replace("%1", self._entry(change.before))
            .replace("%2", self._entry(change.after))
        )

    def _add_revocations(self, change: PackageChanges) -> None:
        self._heading(self.tr("Revocations"))
        self._line(revocations_sentence(change), indent=1)
        for station, serials in change.revoked_serials:
            self._line(
                self.tr("%1 — serial numbers of the revoked certificates: %2")
                .replace("%1", station)
                .replace("%2", ", ".join(serials)),
                "hint",
                2,
            )
        for station, serials in change.unrevoked_serials:  # taken back or pushed out
            self._line(
                self.tr("%1 — serial numbers no longer revoked: %2")
                .replace("%1", station)
                .replace("%2", ", ".join(serials)),
                "hint",
                2,
            )


def revocations_sentence(change: PackageChanges) -> str:
    """How many revocations an update brought: counts only, never a name."""
    return (
        QCoreApplication.translate(
            "PackageChangesDialog", "New revocations: users' certificates %1, stations %2."
        )
        .replace("%1", str(change.user_certificates_revoked))
        .replace("%2", str(change.stations_revoked))
    )
