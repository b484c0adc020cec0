"""The directory the central office sends is the one the interviewers see and the person is
given (issue 16): the emergency numbers beside the questions, and the information sheet. Before,
both read the directory shipped with the program, whatever the centre had sent."""

from __future__ import annotations

import subprocess
from datetime import date
from pathlib import Path

from pytestqt.qtbot import QtBot

from interview_room.center.publish import publish_directory, write_beside
from interview_room.documents.information_sheet import render_information_sheet
from interview_room.gui.interview.emergency import EmergencyContacts
from interview_room.sync.centre_holdings import station_directory
from interview_room.sync.sending import exchange_with_folder
from tests.conftest import WorkstationFactory
from tests.external_tools import require_tool
from tests.sync.test_centre_package import _directory, _enrolled

HOTLINE = "116 006"


def _sheet_text(pdf: bytes, folder: Path) -> str:
    path = folder / "sheet.pdf"
    path.write_bytes(pdf)
    return subprocess.run(
        [str(require_tool("pdftotext")), str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


def test_the_hotline_the_centre_confirmed_is_on_screen_and_on_the_sheet(
    qtbot: QtBot, workstation: WorkstationFactory, tmp_path: Path
) -> None:
    session, center = _enrolled(workstation, tmp_path)
    data_dir = session.workstation.data_dir
    shipped = EmergencyContacts("en", data_dir, session.db)
    qtbot.addWidget(shipped)
    assert HOTLINE not in shipped.numbers.text()  # shipped unconfirmed: marked apart
    assert HOTLINE in shipped.unconfirmed  # for the staff only (hover, screen reader)
    before = render_information_sheet("en", directory=station_directory(data_dir, session.db))
    assert HOTLINE not in _sheet_text(before, tmp_path)  # only confirmed numbers are printed

    publish_directory(center, _directory(tmp_path, True), date(2027, 1, 12))
    stick = tmp_path / "stick"
    stick.mkdir()
    write_beside(center, stick)
    visit = exchange_with_folder(session, stick)
    assert visit.package is not None and visit.package.applied is not None

    confirmed = EmergencyContacts("en", data_dir, session.db)
    qtbot.addWidget(confirmed)
    assert HOTLINE in confirmed.numbers.text() and not confirmed.unconfirmed
    after = render_information_sheet("en", directory=station_directory(data_dir, session.db))
    assert HOTLINE in _sheet_text(after, tmp_path)
