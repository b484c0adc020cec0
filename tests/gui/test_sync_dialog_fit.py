"""The sync window as a person sees it (the app's own font and style): its words are never
cut, and it offers to write only once a drive or folder is named."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from interview_room.center.enrollment import make_enrollment
from interview_room.center.store import CenterStore
from interview_room.gui.dialogs.sync import EnrollDialog, SyncDialog
from interview_room.sync.enrollment import enroll
from interview_room.workstation import Session, Workstation
from tests.gui.conftest import ADMIN
from tests.gui.fit import clipped_labels, text_fits


def _enrolled(station_home: Path, tmp_path: Path) -> Session:
    session = Workstation(station_home).unlock(*ADMIN)
    center = CenterStore(tmp_path / "center")
    center.create(training=True)
    package = make_enrollment(center, station_name="Morinë", station_code="MOR", url=None)
    enroll(session, package.data, package.passphrase)
    return session


def test_writing_waits_for_a_drive_or_folder(
    qtbot: QtBot, real_look: None, station_home: Path, tmp_path: Path
) -> None:
    session = _enrolled(station_home, tmp_path)
    dialog = SyncDialog(session)
    qtbot.addWidget(dialog)
    dialog.show()
    line = dialog.drive.lineEdit()
    assert line is not None
    line.clear()
    assert not dialog.write_button.isEnabled() and not dialog.receive_button.isEnabled()
    qtbot.keyClicks(line, str(tmp_path))
    assert dialog.write_button.isEnabled() and dialog.receive_button.isEnabled()
    line.clear()
    assert not dialog.write_button.isEnabled(), "emptied again: nothing to write to"
    session.logout()


def test_the_window_grows_when_its_message_takes_more_lines(
    qtbot: QtBot, real_look: None, station_home: Path, tmp_path: Path
) -> None:
    session = _enrolled(station_home, tmp_path)
    dialog = SyncDialog(session)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert clipped_labels(dialog) == []
    line = dialog.drive.lineEdit()
    assert line is not None
    line.clear()
    qtbot.keyClicks(line, str(tmp_path / "no-such-stick" / "deeper"))
    qtbot.mouseClick(dialog.write_button, Qt.MouseButton.LeftButton)
    assert dialog.message.text().count(" ") > 10, "a sentence long enough to wrap"
    assert clipped_labels(dialog) == [], "every sentence shows whole, none squeezed"
    assert "(s)" not in dialog.status.text(), "a count reads as English, not as 'case(s)'"
    session.logout()


def test_the_enrollment_fields_show_their_whole_placeholder_and_a_path(
    qtbot: QtBot, real_look: None, station_home: Path
) -> None:
    session = Workstation(station_home).unlock(*ADMIN)
    dialog = EnrollDialog(session)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    for field in (dialog.package, dialog.passphrase):
        assert field.placeholderText() and text_fits(field, field.placeholderText())
    a_path = "/media/usb/MOR-Morinë.enrollment.age"
    assert text_fits(dialog.package, a_path)
    # The package field lines up with the passphrase field under it.
    left = dialog.package.mapTo(dialog, dialog.package.rect().topLeft()).x()
    assert left == dialog.passphrase.mapTo(dialog, dialog.passphrase.rect().topLeft()).x()
    assert clipped_labels(dialog) == []
    session.logout()
