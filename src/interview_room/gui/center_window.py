"""The central office's view: imported cases by station and status, and the registry."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QMainWindow,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from interview_room.center.registry import OpenRegistry, RegistryOrder, RegistryRow
from interview_room.center.store import CenterStore
from interview_room.gui.table_model import Column, PagedTableModel, RowTableModel
from interview_room.gui.widgets import button, describe, label

StationCount = tuple[str, str, int]
"""(station, status, number of cases): one row of the summary."""

CASE_COLUMN_ORDERS = (
    RegistryOrder.STATION,
    RegistryOrder.CASE_CODE,
    RegistryOrder.STATUS,
    RegistryOrder.OUTCOME,
    RegistryOrder.INTERVIEWED_ON,
    RegistryOrder.RECEIVED_AT,
    RegistryOrder.CONFLICTS,
)
"""What each column of the cases table sorts by, in the order the columns are shown."""


class CenterWindow(QMainWindow):
    def __init__(self, center_dir: Path) -> None:
        super().__init__()
        self._center = CenterStore(center_dir)
        # Rows are read a page at a time as they are painted; the store sorts them.
        self._registry = OpenRegistry(self._center, RegistryOrder.RECEIVED_AT, descending=True)
        self.setWindowTitle(self.tr("Interview Room – central office"))
        self.setMinimumSize(960, 600)
        self.summary_model: RowTableModel[StationCount] = RowTableModel(
            [
                Column(self.tr("Station"), lambda row: row[0]),
                Column(self.tr("Status"), lambda row: row[1]),
                Column(self.tr("Cases"), lambda row: str(row[2]), sort_key=lambda row: row[2]),
            ]
        )
        self.summary = describe(
            QTableView(),
            self.tr("Cases by station and status"),
            self.tr("How many cases each station has in each status."),
        )
        self.cases_model: PagedTableModel[RegistryRow] = PagedTableModel(
            [
                Column(self.tr("Station"), lambda case: case.station),
                Column(self.tr("Case code"), lambda case: case.case_code),
                Column(self.tr("Status"), lambda case: case.status),
                Column(self.tr("Outcome"), lambda case: case.outcome),
                Column(self.tr("Interviewed on"), lambda case: case.interviewed_on),
                Column(self.tr("Received"), lambda case: case.received_at),
                Column(
                    self.tr("Disputed versions"),
                    lambda case: str(case.conflicts) if case.conflicts else "",
                ),
            ],
            self._registry,
            sort=self._sort_cases,
        )
        self.cases = describe(
            QTableView(),
            self.tr("Imported cases"),
            self.tr(
                "One row per case received: station, case code, status, outcome, interview "
                "date, when it arrived, and how many versions of it are kept aside for a "
                "person to resolve. No names."
            ),
        )
        self.conflicts = label("", "hint")
        # A click on a column header sorts by it; the registry comes newest first.
        for table, model, sorted_by, order in (
            (self.summary, self.summary_model, 0, Qt.SortOrder.AscendingOrder),
            (self.cases, self.cases_model, 5, Qt.SortOrder.DescendingOrder),
        ):
            table.setModel(model)
            table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
            table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
            table.verticalHeader().hide()
            table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
            table.horizontalHeader().setSortIndicator(sorted_by, order)
            table.setSortingEnabled(True)
            table.setAlternatingRowColors(True)
            table.setTabKeyNavigation(False)
        refresh = button(
            self.tr("Refresh"),
            primary=True,
            description=self.tr("Read the registry again, with the bundles imported since."),
        )
        refresh.clicked.connect(self.refresh)
        body = QWidget()
        column = QVBoxLayout(body)
        column.setContentsMargins(24, 16, 24, 16)
        column.addWidget(label(self.tr("Central office"), "heading"))
        column.addWidget(label(self.tr("Cases by station and status"), "subheading"))
        column.addWidget(self.summary, 1)
        column.addWidget(label(self.tr("Imported cases"), "subheading"))
        column.addWidget(self.conflicts)
        column.addWidget(self.cases, 3)
        column.addWidget(refresh)
        self.setCentralWidget(body)
        self.refresh()

    def refresh(self) -> None:
        """Read the registry again; each table keeps the column it is sorted by."""
        registry = self._registry
        registry.refresh()
        self._show_summary()
        self.cases_model.reset()
        # The newest cases are painted first; the other cases' ids are read just after.
        self.cases.viewport().installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.cases.viewport() and event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            QTimer.singleShot(0, self, self._read_rest)  # once this paint is done
        return super().eventFilter(watched, event)

    def _read_rest(self) -> None:
        if self._registry.read_rest():  # cases arrived or changed meanwhile
            self._show_summary()
            self.cases_model.reset()

    def _show_summary(self) -> None:
        registry = self._registry
        counts = sorted(registry.by_station_and_status().items())
        self.summary_model.set_rows([(station, status, n) for (station, status), n in counts])
        self.conflicts.setText(
            self.tr(
                "%n version(s) kept aside: they do not follow the version held. A person "
                "compares and chooses (interview-room center conflicts).",
                "",
                registry.conflicts,
            )
            if registry.conflicts
            else ""
        )
        self.conflicts.setVisible(bool(registry.conflicts))

    def _sort_cases(self, column: int, descending: bool) -> bool:
        return self._registry.sort(CASE_COLUMN_ORDERS[column], descending)

    def closeEvent(self, event: QCloseEvent) -> None:
        self._registry.close()  # reopened by a later refresh
        super().closeEvent(event)


def run_center_view(center_dir: Path) -> int:
    from interview_room.gui.app import create_application

    app = create_application()
    window = CenterWindow(center_dir)
    window.resize(1100, 720)
    window.show()
    return app.exec()
