"""A table of plain rows for a ``QTableView``: each cell is read from its row when the view
paints it, so a table holds no Qt object per cell and 100,000 rows open at once.

Why not ``QTableWidget``: it makes a ``QTableWidgetItem`` and a binding call per cell on every
refresh. With PySide6-Essentials 6.12.0 on Python 3.11 each ``setItem`` also lost a reference
to ``None``, and the central registry ended the program ("deallocating None") once it held a
few hundred cases (issue 14; that version is not used, see ARCHITECTURE.md). Here a refresh is
one model reset and a sort one Python sort, whatever the number of rows.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

T = TypeVar("T")
Index = QModelIndex | QPersistentModelIndex

_TEXT_ROLES = (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole)


@dataclass(frozen=True)
class Column(Generic[T]):
    """One column: its (translated) header, the text a row shows in it and, when the text does
    not sort right (a count), what to sort by."""

    header: str
    text: Callable[[T], str]
    sort_key: Callable[[T], Any] | None = None


class RowTableModel(QAbstractTableModel, Generic[T]):
    """Rows of ``T`` shown through ``columns``; read-only. ``key`` (optional) names a row for
    code (``Qt.ItemDataRole.UserRole``), e.g. the username behind a row of the users table."""

    def __init__(self, columns: Sequence[Column[T]], key: Callable[[T], str] | None = None) -> None:
        super().__init__()
        self._columns = tuple(columns)
        self._key = key
        self._rows: list[T] = []
        self._sorted_by: tuple[int, Qt.SortOrder] | None = None

    def set_rows(self, rows: Sequence[T]) -> None:
        """Show ``rows`` instead of the current ones (one reset, whatever their number), in
        the order the table was last sorted by, else as given."""
        self.beginResetModel()
        self._rows = list(rows)
        if self._sorted_by is not None:
            self._rows = [self._rows[i] for i in self._order(*self._sorted_by)]
        self.endResetModel()

    def row_at(self, row: int) -> T:
        return self._rows[row]

    def text(self, row: int, column: int) -> str:
        """What the cell at ``row``, ``column`` shows."""
        return self._columns[column].text(self._rows[row])

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._columns)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        if role in _TEXT_ROLES:
            return self.text(index.row(), index.column())
        if role == Qt.ItemDataRole.UserRole and self._key is not None:
            return self._key(self._rows[index.row()])
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role in _TEXT_ROLES:
            return self._columns[section].header
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort the rows in Python (one key per row, not a Qt comparison per pair of cells);
        a selected row stays selected where it moves to, and later rows keep this order."""
        if not 0 <= column < len(self._columns):
            return
        self._sorted_by = (column, order)
        self.layoutAboutToBeChanged.emit()
        new_order = self._order(column, order)
        self._rows = [self._rows[i] for i in new_order]
        before = self.persistentIndexList()  # the selection and current row, mostly
        if before:
            new_row = [0] * len(new_order)
            for new, old in enumerate(new_order):
                new_row[old] = new
            after = [self.index(new_row[index.row()], index.column()) for index in before]
            self.changePersistentIndexList(before, after)
        self.layoutChanged.emit()

    def _order(self, column: int, order: Qt.SortOrder) -> list[int]:
        """The row numbers in sorted order. Stable (reversed too), so rows that tie keep the
        order they came in (the registry's: newest first)."""
        described = self._columns[column]
        key = described.sort_key or described.text
        keys = [key(row) for row in self._rows]
        return sorted(
            range(len(keys)), key=keys.__getitem__, reverse=order == Qt.SortOrder.DescendingOrder
        )
