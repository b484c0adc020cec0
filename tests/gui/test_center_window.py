"""The central office's registry window shows what was imported, by station and status."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from pytestqt.qtbot import QtBot

from interview_room.center.importer import import_files
from interview_room.center.store import CenterStore
from interview_room.gui.center_window import CenterWindow
from tests.conftest import DemoStation


def test_registry_lists_imported_cases(
    qtbot: QtBot, demo_station: DemoStation, tmp_path: Path
) -> None:
    report = demo_station.report
    center_dir = tmp_path / "center"
    shutil.copytree(report["center_dir"], center_dir)
    window = CenterWindow(center_dir)
    qtbot.addWidget(window)
    assert window.cases.rowCount() == 0
    import_files(CenterStore(center_dir), [Path(shutil.copy(report["bundle"], tmp_path))])
    window.refresh()
    assert window.cases.rowCount() == len(report["sample_names"])
    codes = {window.cases.item(r, 1).text() for r in range(window.cases.rowCount())}
    assert all(code.startswith("TRN-") for code in codes)
    total = sum(int(window.summary.item(r, 2).text()) for r in range(window.summary.rowCount()))
    assert total == len(report["sample_names"])
    shown = json.dumps(
        [
            window.cases.item(r, c).text()
            for r in range(window.cases.rowCount())
            for c in range(window.cases.columnCount())
        ]
    )
    assert not any(name in shown for name in report["sample_names"]), "no names in the registry"
