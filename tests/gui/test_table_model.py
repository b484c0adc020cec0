"""Tables read their rows on demand: 100,000 rows open at once, a header click sorts, and a
chosen row stays chosen while it moves."""

from __future__ import annotations

import time
from dataclasses import dataclass

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QAbstractItemView, QApplication, QHeaderView, QTableView
from pytestqt.qtbot import QtBot

from interview_room.gui.table_model import Column, RowTableModel
from tests.gui.conftest import table_texts


@dataclass(frozen=True)
class Row:
    code: str
    station: str
    count: int


def _model() -> RowTableModel[Row]:
    return RowTableModel(
        [
            Column("Case code", lambda row: row.code),
            Column("Station", lambda row: row.station),
            Column("Cases", lambda row: str(row.count), sort_key=lambda row: row.count),
        ],
        key=lambda row: row.code,
    )


def _view(qtbot: QtBot, model: RowTableModel[Row]) -> QTableView:
    view = QTableView()
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
    view.setSortingEnabled(True)
    view.resize(600, 400)
    qtbot.addWidget(view)
    view.show()
    qtbot.waitExposed(view)
    return view


def _click_header(qtbot: QtBot, view: QTableView, column: int) -> None:
    header = view.horizontalHeader()
    middle = header.sectionViewportPosition(column) + header.sectionSize(column) // 2
    qtbot.mouseClick(
        header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(middle, header.height() // 2)
    )


def test_a_hundred_thousand_rows_open_at_once(qtbot: QtBot) -> None:
    rows = [Row(f"TRN-MOR-{n:06d}", "Morinë (MOR)", n % 7) for n in range(100_000)]
    model = _model()
    started = time.perf_counter()
    model.set_rows(rows)
    view = _view(qtbot, model)
    view.sortByColumn(0, Qt.SortOrder.AscendingOrder)
    view.scrollToBottom()
    QApplication.processEvents()
    seconds = time.perf_counter() - started
    print(f"\n100,000 rows: set, sorted, shown and scrolled to the end in {seconds * 1000:.0f} ms")
    assert model.rowCount() == 100_000
    last = view.indexAt(QPoint(5, view.viewport().height() - 5))
    assert last.row() > 99_000, "the bottom of the view shows the last rows"
    assert last.data() == rows[last.row()].code


def test_a_header_click_sorts_and_the_chosen_row_stays_chosen(qtbot: QtBot) -> None:
    model = _model()
    model.set_rows(
        [
            Row("TRN-HAN-000002", "Han i Hotit (HAN)", 12),
            Row("TRN-MOR-000001", "Morinë (MOR)", 3),
            Row("TRN-HAN-000001", "Han i Hotit (HAN)", 100),
            Row("TRN-MOR-000002", "Morinë (MOR)", 3),
        ]
    )
    view = _view(qtbot, model)
    view.sortByColumn(0, Qt.SortOrder.AscendingOrder)
    assert [row[0] for row in table_texts(view)] == [
        "TRN-HAN-000001",
        "TRN-HAN-000002",
        "TRN-MOR-000001",
        "TRN-MOR-000002",
    ]
    view.selectRow(1)  # TRN-HAN-000002

    _click_header(qtbot, view, 2)
    assert view.horizontalHeader().sortIndicatorSection() == 2
    # Counts sort as numbers (3 < 12 < 100), ties keep the order they had.
    assert [row[2] for row in table_texts(view)] == ["3", "3", "12", "100"]
    assert [row[0] for row in table_texts(view)][:2] == ["TRN-MOR-000001", "TRN-MOR-000002"]
    chosen = view.selectionModel().selectedRows()
    assert [index.data(Qt.ItemDataRole.UserRole) for index in chosen] == ["TRN-HAN-000002"]

    _click_header(qtbot, view, 2)
    assert [row[2] for row in table_texts(view)] == ["100", "12", "3", "3"]

    model.set_rows([Row("TRN-KAK-000001", "Kakavijë (KAK)", 1), Row("X", "Y", 50)])
    assert [row[2] for row in table_texts(view)] == ["50", "1"], "new rows come in that order"


def test_screen_readers_hear_each_cell_and_header(qtbot: QtBot) -> None:
    model = _model()
    model.set_rows([Row("TRN-MOR-000001", "Morinë (MOR)", 3)])
    cell = model.index(0, 1)
    assert cell.data(Qt.ItemDataRole.AccessibleTextRole) == "Morinë (MOR)"
    assert model.headerData(1, Qt.Orientation.Horizontal) == "Station"
    assert cell.data(Qt.ItemDataRole.UserRole) == "TRN-MOR-000001"
    assert cell.data(Qt.ItemDataRole.DecorationRole) is None
