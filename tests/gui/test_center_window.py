"""The central office's registry window shows what was imported, by station and status."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import QPoint, Qt
from pytestqt.qtbot import QtBot

from interview_room.center.importer import import_files
from interview_room.center.store import CenterStore
from interview_room.gui.center_window import CenterWindow
from tests.center.filled import filled_center
from tests.conftest import DemoStation
from tests.gui.conftest import table_texts

ROOT = Path(__file__).resolve().parents[2]


def test_registry_lists_imported_cases(
    qtbot: QtBot, demo_station: DemoStation, tmp_path: Path
) -> None:
    report = demo_station.report
    center_dir = tmp_path / "center"
    shutil.copytree(report["center_dir"], center_dir)
    window = CenterWindow(center_dir)
    qtbot.addWidget(window)
    assert table_texts(window.cases) == []
    import_files(CenterStore(center_dir), [Path(shutil.copy(report["bundle"], tmp_path))])
    window.refresh()
    cases = table_texts(window.cases)
    assert len(cases) == len(report["sample_names"])
    assert all(row[1].startswith("TRN-") for row in cases)
    total = sum(int(row[2]) for row in table_texts(window.summary))
    assert total == len(report["sample_names"])
    shown = json.dumps(cases)
    assert not any(name in shown for name in report["sample_names"]), "no names in the registry"


def test_registry_of_thousands_of_cases_survives_refreshing(tmp_path: Path) -> None:
    """Issue 14's crash: with PySide6-Essentials 6.12.0 on Python 3.11 each
    ``QTableWidget.setItem`` lost a reference to None, and the registry window died with
    "Fatal Python error: deallocating None" (300 cases: within a few refreshes). In its own
    process, since that error ends the process: 3,000 cases, ten refreshes, each followed by a
    scroll to the bottom and a paint; nothing may be lost per refresh, whatever the number of
    rows (per cell, the old table lost 18,000 on each)."""
    cases = 3_000
    filled_center(tmp_path / "center", cases)
    run = subprocess.run(
        [sys.executable, "-m", "tests.gui.registry_worker", str(tmp_path / "center"), "10"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    assert run.returncode == 0, f"the registry window died:\n{run.stderr[-3000:]}"
    report = json.loads(run.stdout.splitlines()[-1])
    assert report["rows"] == cases
    assert str(report["last_code"]).startswith("TRN-")
    lost = report["lost_per_refresh"]
    assert all(count < 1 for count in lost.values()), (
        f"references lost per refresh and paint of {cases} rows: {lost} (PySide6 binding bug;"
        " see ARCHITECTURE.md, 'Python and Qt versions')"
    )


def test_registry_reads_the_rows_it_paints_and_sorts_in_the_store(
    qtbot: QtBot, tmp_path: Path
) -> None:
    """Issue 14: at national scale the window cannot read every case to show the first ones.
    It reads the page of rows being painted; a click on a header has the store sort them,
    and the case selected stays selected where it moves."""
    filled_center(tmp_path / "center", 3_000)
    window = CenterWindow(tmp_path / "center")
    qtbot.addWidget(window)
    window.resize(1100, 720)
    window.show()
    model = window.cases_model
    qtbot.waitUntil(lambda: model.pages_read >= 1)
    assert model.rowCount() == 3_000
    assert model.pages_read == 1, "only the page painted is read"
    assert sum(int(row[2]) for row in table_texts(window.summary)) == 3_000

    window.cases.selectRow(7)
    chosen = model.index(7, 1).data()
    header = window.cases.horizontalHeader()
    middle = header.sectionViewportPosition(1) + header.sectionSize(1) // 2
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(middle, 5))
    codes = [model.index(row, 1).data() for row in range(40)]
    descending = header.sortIndicatorOrder() == Qt.SortOrder.DescendingOrder
    assert codes == sorted(codes, reverse=descending) and len(set(codes)) == 40
    selected = window.cases.selectionModel().selectedRows()
    assert [model.index(index.row(), 1).data() for index in selected] == [chosen]
    window.cases.scrollToBottom()
    last = model.index(model.rowCount() - 1, 1).data()
    assert last == sorted([*codes, last], reverse=descending)[-1]


def test_registry_speaks_albanian_not_codes(
    qtbot: QtBot, demo_station: DemoStation, tmp_path: Path
) -> None:
    """Statuses and outcomes in the interface language, as the protocol names them, never
    raw codes such as ``potential_victim``."""
    from interview_room.gui.i18n import InterfaceLanguage

    report = demo_station.report
    center_dir = tmp_path / "center"
    shutil.copytree(report["center_dir"], center_dir)
    import_files(CenterStore(center_dir), [Path(shutil.copy(report["bundle"], tmp_path))])
    language = InterfaceLanguage()
    language.switch("sq")
    try:
        window = CenterWindow(center_dir)
        qtbot.addWidget(window)
        cases = table_texts(window.cases)
        summary = table_texts(window.summary)
    finally:
        language.switch("en")
    statuses = {row[2] for row in cases} | {row[1] for row in summary}
    outcomes = {row[3] for row in cases} - {""}
    assert outcomes, "the demo's cases have outcomes"
    assert not [text for text in statuses | outcomes if "_" in text or text.islower()], (
        statuses | outcomes
    )
    assert outcomes & {"Viktimë e mundshme e trafikimit", "Treguesit nuk mjaftojnë"}, outcomes
    assert "Përfunduar" in statuses or "Referuar" in statuses, statuses
