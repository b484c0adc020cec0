"""A table of plain rows for a ``QTableView``: each cell is read from its row when the view
paints it, so a table holds no Qt object per cell and 100,000 rows open at once.

Why not ``QTableWidget``: it makes a ``QTableWidgetItem`` and a binding call per cell on every
refresh. With PySide6-Essentials 6.12.0 on Python 3.11 each ``setItem`` also lost a reference
to ``None``, and the central registry ended the program ("deallocating None") once it held a
few hundred cases (issue 14; that version is not used, see ARCHITECTURE.md). Here a refresh is
one model reset and a sort one Python sort, whatever the number of rows.

``PagedTableModel`` does the same for rows that stay in a store until shown (the central
registry at national scale): it reads a page of rows when a cell of it is painted, and leaves
sorting to the store.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, Protocol, TypeVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

T = TypeVar("T")
T_co = TypeVar("T_co", covariant=True)
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


class RowPages(Protocol[T_co]):
    """Rows kept elsewhere (a store), in an order the source keeps, read a page at a time."""

    def __len__(self) -> int: ...

    def rows(self, start: int, count: int) -> Sequence[T_co]:
        """The rows at positions ``start`` to ``start + count`` (fewer at the end)."""
        ...

    def key(self, position: int) -> str:
        """What names the row at ``position`` whatever the order (a record id)."""
        ...

    def position(self, key: str) -> int | None:
        """Where the row named ``key`` is now, or None."""
        ...


class PagedTableModel(QAbstractTableModel, Generic[T]):
    """Like :class:`RowTableModel`, for more rows than should be read at once (the central
    registry: 100,000 cases). A cell asks ``pages`` for its page of rows when the view first
    paints it; at most ``KEPT_PAGES`` pages are kept. Sorting is the source's own (``sort``
    is given a column and whether descending, and says whether the order changed), so it
    happens where the rows are, e.g. in SQL; a selected row stays selected where it moves.
    The number of rows shown changes only at :meth:`reset` (after a sort that changed it too),
    whatever the source holds in between: a view must never see it change unannounced.
    """

    PAGE_ROWS = 200
    KEPT_PAGES = 50

    def __init__(
        self,
        columns: Sequence[Column[T]],
        pages: RowPages[T],
        sort: Callable[[int, bool], bool] | None = None,
    ) -> None:
        super().__init__()
        self._columns = tuple(columns)
        self._pages = pages
        self._sort = sort
        self._kept: OrderedDict[int, Sequence[T]] = OrderedDict()
        self._count = len(pages)
        self.pages_read = 0
        """Pages asked of the source since the model was made."""

    def reset(self) -> None:
        """Show the source anew after it changed (one reset, whatever its number of rows)."""
        self.beginResetModel()
        self._kept.clear()
        self._count = len(self._pages)
        self.endResetModel()

    def row_at(self, row: int) -> T | None:
        """The row at ``row``, or None if the source no longer has one there."""
        page, offset = divmod(row, self.PAGE_ROWS)
        rows = self._kept.get(page)
        if rows is None:
            rows = self._pages.rows(page * self.PAGE_ROWS, self.PAGE_ROWS)
            self.pages_read += 1
            self._kept[page] = rows
            if len(self._kept) > self.KEPT_PAGES:
                self._kept.popitem(last=False)
        else:
            self._kept.move_to_end(page)
        return rows[offset] if offset < len(rows) else None

    def text(self, row: int, column: int) -> str:
        """What the cell at ``row``, ``column`` shows."""
        found = self.row_at(row)
        return "" if found is None else self._columns[column].text(found)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self._count

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._columns)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < self._count:
            return None
        if role in _TEXT_ROLES:
            return self.text(index.row(), index.column())
        if role == Qt.ItemDataRole.UserRole:
            return self._pages.key(index.row())
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role in _TEXT_ROLES:
            return self._columns[section].header
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if self._sort is None or not 0 <= column < len(self._columns):
            return
        self.layoutAboutToBeChanged.emit()
        # The selection and current row, mostly (the selection model keeps its own once told).
        before = self.persistentIndexList()
        keys = [self._pages.key(index.row()) for index in before]
        if self._sort(column, order == Qt.SortOrder.DescendingOrder):
            self._kept.clear()
            if before:
                after = []
                for index, key in zip(before, keys, strict=True):
                    row = self._pages.position(key)
                    after.append(
                        QModelIndex()
                        if row is None or row >= self._count
                        else self.index(row, index.column())
                    )
                self.changePersistentIndexList(before, after)
        self.layoutChanged.emit()
        if len(self._pages) != self._count:  # rows arrived since the last reset
            self.reset()
