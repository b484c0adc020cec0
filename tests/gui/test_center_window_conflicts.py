"""The registry window flags a case with a version kept aside for a person (issue 13)."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from interview_room.center.importer import import_bundle, import_files
from interview_room.gui.center_window import CenterWindow
from interview_room.sync.station import StationSync
from tests.center.linking import case_id, forged_bundle, forged_case, linked_station
from tests.conftest import WorkstationFactory
from tests.gui.conftest import table_texts


def test_a_disputed_case_is_flagged_in_the_registry(
    qtbot: QtBot, workstation: WorkstationFactory, tmp_path: Path
) -> None:
    session, center = linked_station(workstation, tmp_path / "center")
    import_bundle(center, StationSync(session).export_bundle().data, "b1")
    window = CenterWindow(center.center_dir)
    qtbot.addWidget(window)
    assert window.conflicts.isHidden()
    assert all(row[-1] == "" for row in table_texts(window.cases))

    forged = forged_bundle(session, center, (forged_case(session, 7),), 9, tmp_path / "f")
    assert import_files(center, [forged]).results[0].conflicts == 1
    window.refresh()
    flagged = [row for row in table_texts(window.cases) if row[-1]]
    code = session.cases.get(case_id(session)).code
    assert [(row[1], row[-1]) for row in flagged] == [(code, "1")]
    assert not window.conflicts.isHidden() and "1" in window.conflicts.text()
