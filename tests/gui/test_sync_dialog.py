"""USB sync from the GUI: enroll with the centre, write a bundle, read the receipt back."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox
from pytestqt.qtbot import QtBot

from interview_room.accounts import Role
from interview_room.center.enrollment import make_enrollment
from interview_room.center.importer import import_files
from interview_room.center.store import CenterStore
from interview_room.gui.dialogs.sync import EnrollDialog, SyncDialog
from interview_room.interview.protocols import ProtocolLibrary
from interview_room.sync.enrollment import enroll
from interview_room.sync.receipt import receipt_file_name
from interview_room.sync.station import StationSync
from interview_room.training.scenarios import PATHS, run_scenario
from interview_room.workstation import Workstation
from tests.gui.conftest import ADMIN
from tests.gui.interview.helpers import on_next_dialog, texts
from tests.gui.modal import read_and_close_next_message


def test_enroll_write_bundle_and_take_back_the_receipt(
    qtbot: QtBot, station_home: Path, tmp_path: Path
) -> None:
    session = Workstation(station_home).unlock(*ADMIN)
    protocol = ProtocolLibrary().current()
    for index, path in enumerate(PATHS[:3]):
        run_scenario(session, protocol, path, f"Emri Shembulli {index}", index, None)
    center = CenterStore(tmp_path / "center")
    center.create(training=True)
    package = make_enrollment(center, station_name="Morinë", station_code="MOR", url=None)
    package_file = tmp_path / "morine.enrollment.age"
    package_file.write_bytes(package.data)

    dialog = SyncDialog(session)
    qtbot.addWidget(dialog)
    dialog.show()
    assert not dialog.write_button.isEnabled(), "nothing to write before enrollment"
    assert dialog.enroll_button.isVisible()
    assert "Send to the central office" in texts(dialog), "the window says what it is for"
    line = dialog.drive.lineEdit()
    assert line is not None and "USB stick" in line.placeholderText()

    confirmations: list[str] = []

    def fill(enroll: QDialog) -> None:
        assert isinstance(enroll, EnrollDialog)
        enroll.package.setText(str(package_file))
        enroll.passphrase.setText(package.passphrase.lower())
        read_and_close_next_message(confirmations)
        enroll.buttons.button(QDialogButtonBox.StandardButton.Ok).click()

    on_next_dialog(fill)
    dialog.enroll_button.click()
    assert "enrolled" in dialog.message.text()
    assert len(confirmations) == 1 and "now linked to the central office" in confirmations[0]
    assert "3" in dialog.status.text()
    assert not dialog.enroll_button.isVisible(), "enrolling is not offered once it is done"

    usb = tmp_path / "usb"
    usb.mkdir()
    dialog.drive.setCurrentText(str(usb))
    assert dialog.write_button.isEnabled()
    dialog.write_button.click()
    assert "Written and checked" in dialog.message.text()
    (bundle,) = usb.glob("*.bundle.age")
    run = import_files(center, [bundle])
    assert run.imported == 3
    dialog.receive_button.click()
    assert "3" in dialog.message.text() and "confirmed" in dialog.message.text()
    assert "0" in dialog.status.text()

    # A receipt name that is a link to /dev/zero: reported by name, the rest still read.
    trap = usb / receipt_file_name(StationSync(session).station_id, 9999)
    trap.symlink_to("/dev/zero")
    dialog.receive_button.click()
    assert "not read" in dialog.message.text() and trap.name in dialog.message.text()
    session.logout()


@pytest.mark.parametrize("role", [Role.STATION_ADMIN, Role.OFFICER])
def test_a_bundle_that_cannot_be_written_says_so_and_what_to_do(
    qtbot: QtBot, station_home: Path, tmp_path: Path, role: Role
) -> None:
    """A refusal that once fell to "something went wrong" is worded, for every role (the
    fallback's administrator variant is tested in tests/test_error_sentences.py)."""
    admin = Workstation(station_home).unlock(*ADMIN)
    admin.add_user("oficer.mor", "Oficer Shembulli", Role.OFFICER, "synthetic-officer-passphrase")
    run_scenario(admin, ProtocolLibrary().current(), PATHS[0], "Emri Shembulli", 0, None)
    center = CenterStore(tmp_path / "center")
    center.create(training=True)
    package = make_enrollment(center, station_name="Morinë", station_code="MOR", url=None)
    enroll(admin, package.data, package.passphrase)
    if role is Role.OFFICER:
        admin.logout()
        session = Workstation(station_home).unlock("oficer.mor", "synthetic-officer-passphrase")
    else:
        session = admin
    dialog = SyncDialog(session)
    qtbot.addWidget(dialog)
    dialog.show()
    line = dialog.drive.lineEdit()
    assert line is not None
    line.clear()
    qtbot.keyClicks(line, str(tmp_path / "no-such-stick"))
    qtbot.mouseClick(dialog.write_button, Qt.MouseButton.LeftButton)
    said = dialog.message.text()
    assert "could not be written" in said and "Nothing was marked as sent" in said, said
    assert "Something went wrong" not in said
    session.logout()
