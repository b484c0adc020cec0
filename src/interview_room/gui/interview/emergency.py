"""The emergency numbers beside the questions of a section that asks for them (immediate needs,
safety), and in one compact line in the wizard's header on every page (second practitioner's
review, finding 15): the interviewers see at once whom to call, in their own language. A
number the central office has not yet confirmed is for the interviewers to try, not to hand
out: it is never on the page (pages are read to the person, who may be in crisis), only in
what the staff see on hover and what a screen reader says, marked ⚠ (fifth review, finding 11).
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QFrame, QHBoxLayout, QSizePolicy, QVBoxLayout

from interview_room.documents.directory import DirectoryError
from interview_room.documents.emergency_numbers import EmergencyNumber, emergency_numbers
from interview_room.documents.information_texts import InformationError
from interview_room.gui.widgets import describe, label
from interview_room.store.database import Database
from interview_room.sync.centre_holdings import station_directory


def station_emergency_numbers(
    language: str, data_dir: Path | None, store: Database | None
) -> tuple[EmergencyNumber, ...]:
    """The station's emergency numbers (the directory the centre sent, else the shipped one),
    labelled in ``language``; none when the directory is broken (the information sheet's own
    check reports that)."""
    try:
        directory = (
            station_directory(data_dir, store)
            if data_dir is not None and store is not None
            else None
        )
        return emergency_numbers(language, directory=directory)
    except (DirectoryError, InformationError):
        return ()


class EmergencyContacts(QFrame):
    """One short block: "Emergency numbers: Police 129 · Ambulance 127 · …"."""

    def __init__(
        self, language: str, data_dir: Path | None = None, store: Database | None = None
    ) -> None:
        """``data_dir``: the station's folder, whose directory the central office may have
        replaced, and ``store``, the encrypted store that recorded which
        (``sync/centre_holdings.py``); without both, the directory shipped."""
        super().__init__()
        self.setProperty("role", "emergency")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        numbers = station_emergency_numbers(language, data_dir, store)
        confirmed = [f"{n.label} {n.phone}" for n in numbers if n.confirmed]
        unconfirmed = [f"{n.label} {n.phone}" for n in numbers if not n.confirmed]
        self.numbers = label(
            self.tr("Emergency numbers: %1").replace("%1", " · ".join(confirmed)), "notice"
        )
        layout.addWidget(self.numbers)
        self.unconfirmed = ""
        """For the staff only (on hover, and read by a screen reader), marked ⚠."""
        if unconfirmed:
            self.unconfirmed = "⚠ " + self.tr(
                "Not yet confirmed by the central office (check it before giving it to the "
                "person): %1"
            ).replace("%1", " · ".join(unconfirmed))
        describe(
            self,
            self.tr("Emergency numbers"),
            self.numbers.text() + (" " + self.unconfirmed if self.unconfirmed else ""),
            tooltip=bool(self.unconfirmed),
        )


def _short_names() -> dict[str, str]:
    """What the header's strip calls the shipped entries; an entry the centre adds keeps the
    directory's own label."""
    return {
        "police": QCoreApplication.translate("EmergencyStrip", "Police"),
        "ambulance": QCoreApplication.translate("EmergencyStrip", "Ambulance"),
        "child_helpline": "ALO",  # the line's own name, the same in every language
        "trafficking_hotline": QCoreApplication.translate(
            "EmergencyStrip", "Anti-trafficking line"
        ),
    }


@dataclass(frozen=True)
class _Wording:
    """One way to write the strip: as shown (markup) and as read."""

    html: str
    plain: str


class EmergencyStrip(QFrame):
    """One calm line in the wizard's header, on every page: "Emergency numbers: Police 129 ·
    Ambulance 127 · ALO 116 111". The numbers are bold; one not yet confirmed is only in the
    tooltip and in what a screen reader says, marked "⚠ … (not confirmed)".

    It never takes a second line (that would push the question down, where its first answer
    could no longer take the keyboard): where the line is too narrow, the words "Emergency
    numbers:" go first, then numbers from the end. Everything stays in the tooltip and in what
    a screen reader says."""

    def __init__(
        self, language: str, data_dir: Path | None = None, store: Database | None = None
    ) -> None:
        super().__init__()
        self.setProperty("role", "emergency-strip")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.numbers = station_emergency_numbers(language, data_dir, store)
        names = _short_names()
        unconfirmed_mark = self.tr("not confirmed")
        confirmed: list[_Wording] = []
        for number in self.numbers:
            if number.confirmed:
                name = names.get(number.id, number.label)
                confirmed.append(
                    _Wording(
                        f"{_unbroken(name)}&nbsp;<b>{_unbroken(number.phone)}</b>",
                        f"{name} {number.phone}",
                    )
                )
        # The words of the block under the questions: the same translation, no new string.
        lead = QCoreApplication.translate("EmergencyContacts", "Emergency numbers: %1")
        self.wordings = _wordings(lead, confirmed)
        """From the fullest to the shortest; the first that fits is shown."""
        self.words = self.wordings[0].plain if self.wordings else ""
        """The whole line as shown at its widest (the confirmed numbers)."""
        self.line = label("", wrap=False)
        self.line.setTextFormat(Qt.TextFormat.RichText)
        self.line.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        # Its width is what the header leaves; the words are chosen to fit it.
        self.line.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.line.installEventFilter(self)
        layout.addWidget(self.line)
        self._shown: _Wording | None = None
        if not self.wordings:
            self.hide()
        self._fit()
        full = " · ".join(
            f"{n.label} {n.phone}" if n.confirmed else f"⚠ {n.label} {n.phone} ({unconfirmed_mark})"
            for n in self.numbers
        )
        describe(
            self,
            QCoreApplication.translate("EmergencyContacts", "Emergency numbers"),
            lead.replace("%1", full),
            tooltip=True,
        )

    @property
    def shown(self) -> str:
        """The line as it is on screen now, as read."""
        return self._shown.plain if self._shown is not None else ""

    def _fit(self) -> None:
        if not self.wordings:
            return
        width = self.line.contentsRect().width()
        document = QTextDocument()
        document.setDocumentMargin(0)
        document.setDefaultFont(self.line.font())
        chosen = self.wordings[-1]
        for wording in self.wordings:
            document.setHtml(wording.html)
            if document.idealWidth() <= width:
                chosen = wording
                break
        self._shown = chosen
        if self.line.text() != chosen.html:
            self.line.setText(chosen.html)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.line and event.type() in (
            QEvent.Type.Resize,
            QEvent.Type.FontChange,
            QEvent.Type.StyleChange,
        ):
            self._fit()
        return super().eventFilter(watched, event)


def _unbroken(words: str) -> str:
    """Never broken inside: no-break spaces and hyphens."""
    return escape(words).replace(" ", "&nbsp;").replace("-", "\u2011")


def _wordings(lead: str, confirmed: list[_Wording]) -> list[_Wording]:
    """The strip from the fullest to the shortest: all; without the words "Emergency
    numbers:"; then with fewer numbers, the first kept."""
    if not confirmed:
        return []
    separator = " · "

    def joined(parts: list[_Wording], with_lead: bool) -> _Wording:
        html = separator.join(part.html for part in parts)
        plain = separator.join(part.plain for part in parts)
        if with_lead:
            return _Wording(escape(lead).replace("%1", html), lead.replace("%1", plain))
        return _Wording(html, plain)

    wordings = [joined(confirmed, True)]
    wordings += [joined(confirmed[:n], False) for n in range(len(confirmed), 0, -1)]
    return wordings
