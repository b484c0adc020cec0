"""The central office's view: imported cases by station and status, and the registry."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QMainWindow,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from interview_room.center.registry import load_registry
from interview_room.center.store import CenterStore
from interview_room.gui.widgets import button, describe, label


class CenterWindow(QMainWindow):
    def __init__(self, center_dir: Path) -> None:
        super().__init__()
        self._center = CenterStore(center_dir)
        self.setWindowTitle(self.tr("Interview Room – central office"))
        self.setMinimumSize(960, 600)
        self.summary = describe(
            QTableWidget(0, 3),
            self.tr("Cases by station and status"),
            self.tr("How many cases each station has in each status."),
        )
        self.summary.setHorizontalHeaderLabels(
            [self.tr("Station"), self.tr("Status"), self.tr("Cases")]
        )
        self.cases = describe(
            QTableWidget(0, 6),
            self.tr("Imported cases"),
            self.tr(
                "One row per case received: station, case code, status, outcome, interview "
                "date and when it arrived. No names."
            ),
        )
        self.cases.setHorizontalHeaderLabels(
            [
                self.tr("Station"),
                self.tr("Case code"),
                self.tr("Status"),
                self.tr("Outcome"),
                self.tr("Interviewed on"),
                self.tr("Received"),
            ]
        )
        for table in (self.summary, self.cases):
            table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
            table.verticalHeader().hide()
            table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
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
        column.addWidget(self.cases, 3)
        column.addWidget(refresh)
        self.setCentralWidget(body)
        self.refresh()

    def refresh(self) -> None:
        registry = load_registry(self._center)
        counts = sorted(registry.by_station_and_status().items())
        self.summary.setRowCount(len(counts))
        for row, ((station, status), count) in enumerate(counts):
            for column, text in enumerate((station, status, str(count))):
                self.summary.setItem(row, column, QTableWidgetItem(text))
        self.cases.setRowCount(len(registry.rows))
        for row, case in enumerate(registry.rows):
            values = (
                case.station,
                case.case_code,
                case.status,
                case.outcome,
                case.interviewed_on,
                case.received_at,
            )
            for column, text in enumerate(values):
                self.cases.setItem(row, column, QTableWidgetItem(text))


def run_center_view(center_dir: Path) -> int:
    from interview_room.gui.app import create_application

    app = create_application()
    window = CenterWindow(center_dir)
    window.resize(1100, 720)
    window.show()
    return app.exec()
