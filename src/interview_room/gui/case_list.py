"""The station's case list: codes first, names hidden until asked for, search as you type."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from interview_room.cases.register import CaseRegister, CaseStatus, CaseSummary
from interview_room.gui.messages import status_name
from interview_room.gui.widgets import describe, label, line_edit

HIDDEN_NAME = "• • •"
SEARCH_DELAY_MS = 150

Index = QModelIndex | QPersistentModelIndex


class CaseTableModel(QAbstractTableModel):
    """Rows of :class:`CaseSummary`; the name column shows dots unless names are revealed."""

    CODE, NAME, STATUS, DATE, OFFICER, SOCIAL_WORKER = range(6)

    def __init__(self) -> None:
        super().__init__()
        self._rows: list[CaseSummary] = []
        self.names_visible = False

    def headers(self) -> list[str]:
        return [
            self.tr("Case code"),
            self.tr("Person"),
            self.tr("Status"),
            self.tr("Date"),
            self.tr("Officer"),
            self.tr("Social worker"),
        ]

    def set_rows(self, rows: list[CaseSummary]) -> None:
        self.beginResetModel()
        self._rows = rows
        self.endResetModel()

    def set_names_visible(self, visible: bool) -> None:
        self.names_visible = visible
        if self._rows:
            self.dataChanged.emit(
                self.index(0, self.NAME), self.index(len(self._rows) - 1, self.NAME)
            )

    def case_at(self, row: int) -> CaseSummary:
        return self._rows[row]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 6

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or role not in (
            Qt.ItemDataRole.DisplayRole,
            Qt.ItemDataRole.AccessibleTextRole,
        ):
            return None
        case = self._rows[index.row()]
        column = index.column()
        if column == self.CODE:
            return case.code
        if column == self.NAME:
            return case.person_name if self.names_visible else HIDDEN_NAME
        if column == self.STATUS:
            return status_name(case.status)
        if column == self.DATE:
            return case.started_at[:10]
        if column == self.OFFICER:
            return case.officer
        return case.social_worker

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.headers()[section]
        return None


class CaseListView(QWidget):
    """Search box, status filter, "show names" switch and the table. Enter or a double click
    on a row emits ``case_chosen`` with the case id."""

    case_chosen = Signal(str)

    def __init__(self, register: CaseRegister) -> None:
        super().__init__()
        self._register = register
        self._build_filters()
        self._build_table()
        self.empty = label("", "hint")
        self.count = label("", "hint")

        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(SEARCH_DELAY_MS)
        self._debounce.timeout.connect(self.refresh)
        self.search.textChanged.connect(self._debounce.start)
        self.status.currentIndexChanged.connect(self.refresh)
        self.show_names.toggled.connect(self.model.set_names_visible)
        self.table.activated.connect(self._chosen)

        filters = QHBoxLayout()
        filters.addWidget(self.search, 3)
        filters.addWidget(self.status, 1)
        filters.addWidget(self.show_names)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty)
        layout.addWidget(self.count)
        self.refresh()

    def _build_filters(self) -> None:
        """The search box, the status filter and the "show names" switch."""
        self.search = line_edit(
            self.tr("Search cases"),
            placeholder=self.tr("Search by case code, name or date"),
            description=self.tr("The list below shows only the cases that match, as you type."),
        )
        self.status = describe(
            QComboBox(),
            self.tr("Status"),
            self.tr("Show only the cases with this status, or all of them."),
        )
        self.status.addItem(self.tr("All statuses"), None)
        for status in CaseStatus:
            self.status.addItem(status_name(status), status.value)
        self.show_names = describe(
            QCheckBox(self.tr("Show names")),
            self.tr("Show names"),
            self.tr("Names stay hidden so that nobody else can read them on the screen."),
        )

    def _build_table(self) -> None:
        """The cases, one row each, read-only; Tab leaves the table."""
        self.model = CaseTableModel()
        self.table = describe(
            QTableView(),
            self.tr("Cases"),
            self.tr(
                "One row per case: code, person, status, date, officer and social worker. "
                "Arrow keys move between rows; Enter opens the case."
            ),
        )
        # Tab leaves the table; the arrow keys move inside it (no keyboard trap).
        self.table.setTabKeyNavigation(False)
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        # Size columns from the first 100 rows, not all 1,000: the first paint at 50,000 cases
        # went from 228 ms to 38 ms (benchmarks/case_list_and_autosave.py).
        header.setResizeContentsPrecision(100)
        for column in (CaseTableModel.CODE, CaseTableModel.STATUS, CaseTableModel.DATE):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setHighlightSections(False)

    def _chosen(self, index: QModelIndex) -> None:
        if index.isValid():
            self.case_chosen.emit(self.model.case_at(index.row()).id)

    def refresh(self) -> None:
        raw_status = self.status.currentData()
        status = CaseStatus(raw_status) if raw_status else None
        rows = self._register.search(self.search.text(), status)
        self.model.set_rows(rows)
        filtered = bool(self.search.text().strip()) or status is not None
        if rows:
            self.empty.hide()
        else:
            self.empty.setText(
                self.tr("No case matches this search.")
                if filtered
                else self.tr("No interviews on this workstation yet.")
            )
            self.empty.show()
        self.count.setText(self.tr("Cases shown: %n", "", len(rows)))
