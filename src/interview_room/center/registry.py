"""The central registry: every imported case by station and status, from the newest records.

For the central office's case management (need to know): case codes and statuses, not
interview content. Anonymous figures for committees come from ``stats.py`` instead.

Rows come from the coded columns written when each record was stored (``coded_cases.py``),
never from the records' JSON. :class:`OpenRegistry` fixes which cases are listed, and in what
order, when it is refreshed (one ordered read of their ids), and reads the rows themselves a
page at a time when they are shown: at 100,000 cases, the window paints its first rows without
reading the others.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from types import TracebackType

from interview_room.center.coded_cases import ensure_coded
from interview_room.center.store import CenterStore
from interview_room.store.database import Database


@dataclass(frozen=True)
class RegistryRow:
    station: str
    case_code: str
    status: str
    outcome: str
    interviewed_on: str
    received_at: str
    version: int
    conflicts: int = 0
    """Versions of this case kept aside for a person to resolve (``center conflicts``): the
    row shows the held version, which another one disputes."""


@dataclass(frozen=True)
class Registry:
    rows: tuple[RegistryRow, ...]
    unheld_conflicts: int = 0
    """Open conflicts about records the centre holds nothing of (a first version that did not
    lead back to version 1): no row to flag, counted here."""

    def by_station_and_status(self) -> dict[tuple[str, str], int]:
        return dict(Counter((row.station, row.status) for row in self.rows))

    @property
    def conflicts(self) -> int:
        """Every open conflict, flagged on a row or not."""
        return sum(row.conflicts for row in self.rows) + self.unheld_conflicts


class RegistryOrder(StrEnum):
    """What the registry can be sorted by: each column it shows."""

    STATION = "station"
    CASE_CODE = "case_code"
    STATUS = "status"
    OUTCOME = "outcome"
    INTERVIEWED_ON = "interviewed_on"
    RECEIVED_AT = "received_at"
    CONFLICTS = "conflicts"


_SORT_KEYS: dict[RegistryOrder, str] = {
    RegistryOrder.STATION: "coalesce(s.name || ' (' || s.code || ')', c.station_id)",
    RegistryOrder.CASE_CODE: "c.case_code",
    RegistryOrder.STATUS: "c.status",
    RegistryOrder.OUTCOME: "c.outcome",
    RegistryOrder.INTERVIEWED_ON: "c.started_on",
    RegistryOrder.CONFLICTS: "coalesce(d.disputed, 0)",
}
_PAGE_LIMIT = 500  # ids per query, well under SQLite's limit on parameters
_MISSING = RegistryRow("", "", "", "", "", "", 0)
"""Shown for a case whose row went away after the refresh (a centre never deletes one)."""


class OpenRegistry:
    """The registry as of its last :meth:`refresh`: which cases, in which order, and the
    counts by station and status; each row is read from the store when :meth:`rows` asks for
    it. Holds a connection to the centre's store until :meth:`close` (reopened if used again).

    A refresh in the newest-first order reads only the first cases' ids (and how many there
    are) so that they can be shown at once; :meth:`read_rest` reads the others, as does asking
    for their rows. Every other order is read whole: the store sorts them all anyway.
    """

    FIRST_READ = 1_000
    """Ids a newest-first refresh reads before :meth:`read_rest`: more than a screen holds."""

    def __init__(
        self,
        center: CenterStore,
        order: RegistryOrder = RegistryOrder.RECEIVED_AT,
        descending: bool = True,
    ) -> None:
        self._center = center
        self._db: Database | None = None
        self._order = (order, descending)
        self._ids: list[str] = []
        self._count = 0
        self._complete = True
        self._checked = True
        self._changed = False
        self._positions: dict[str, int] | None = None
        self._stations: dict[str, str] = {}
        self._disputed: dict[str, int] = {}
        self._refreshed = False
        self._summary: dict[tuple[str, str], int] = {}
        self.conflicts = 0
        """Every open conflict about a case, flagged on a row or not."""
        self.rows_read = 0
        """Rows read from the store since opened (to show that rows are read on demand)."""

    def __enter__(self) -> OpenRegistry:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

    def _connection(self) -> Database:
        if self._db is None:
            self._db = self._center.open()
        return self._db

    def close(self) -> None:
        if self._db is not None:
            self._db.close()
            self._db = None

    @property
    def order(self) -> tuple[RegistryOrder, bool]:
        """What the rows are sorted by, and whether from the largest."""
        return self._order

    def refresh(self) -> None:
        """Read again which cases there are (in the current order), the counts by station and
        status, and the open conflicts."""
        newest_first = self._order == (RegistryOrder.RECEIVED_AT, True)
        db = self._connection()
        if not newest_first:
            ensure_coded(db)
        db.execute("BEGIN")  # the counts and the first ids from one snapshot
        try:
            self._read_summary()
            if newest_first:
                self._count = sum(self._summary.values())
                self._ids = [
                    str(r[0]) for r in db.all(self._order_sql() + " LIMIT ?", (self.FIRST_READ,))
                ]
        finally:
            db.execute("COMMIT")
        if newest_first:
            self._positions = None
            self._complete = len(self._ids) == self._count
            # Cases changed outside the importer are coded by read_rest (soon after).
            self._checked = False
        else:
            self._read_order()
            self._checked = True
        self._changed = False
        self._refreshed = True

    def read_rest(self) -> bool:
        """Read what a newest-first refresh left for later: the other cases' ids, and any case
        changed outside the importer. True when the cases listed are no longer what
        :meth:`refresh` reported (some arrived or changed in between): show them anew."""
        if not self._checked:
            self._checked = True
            if ensure_coded(self._connection()):
                self._read_summary()
                self._complete = False
                self._changed = True
        self._read_remaining()
        changed, self._changed = self._changed, False
        return changed

    def _read_summary(self) -> None:
        db = self._connection()
        self._stations = {
            str(r[0]): f"{r[1]} ({r[2]})"
            for r in db.all("SELECT station_id, name, code FROM stations")
        }
        self._disputed = {
            str(r[0]): int(r[1])
            for r in db.all(
                "SELECT record_id, count(*) FROM conflicts WHERE kind = 'case'"
                " AND resolved_at IS NULL GROUP BY record_id"
            )
        }
        self.conflicts = sum(self._disputed.values())
        summary: Counter[tuple[str, str]] = Counter()
        for station_id, status, cases in db.all(
            "SELECT station_id, status, cases FROM status_counts WHERE cases != 0"
        ):
            summary[(self._station(str(station_id)), str(status))] += int(cases)
        self._summary = dict(summary)

    def by_station_and_status(self) -> dict[tuple[str, str], int]:
        """How many cases each station has in each status, as of the last refresh."""
        return dict(self._summary)

    def sort(self, order: RegistryOrder, descending: bool) -> bool:
        """Sort by ``order``; True when the order changed. Cases that tie come newest first."""
        if (order, descending) == self._order:
            return False
        self._order = (order, descending)
        if self._refreshed:
            self._read_order()
        return True

    def _station(self, station_id: str) -> str:
        return self._stations.get(station_id, station_id)

    def _order_sql(self) -> str:
        order, descending = self._order
        direction = "DESC" if descending else "ASC"
        if order is RegistryOrder.RECEIVED_AT:  # the index's own order: no sorting
            return (
                "SELECT c.record_id FROM coded_cases AS c"
                f" ORDER BY c.received_at {direction}, c.record_id {direction}"
            )
        joins = ""
        if order is RegistryOrder.STATION:
            joins = " LEFT JOIN stations AS s ON s.station_id = c.station_id"
        elif order is RegistryOrder.CONFLICTS:
            joins = (
                " LEFT JOIN (SELECT record_id, count(*) AS disputed FROM conflicts"
                " WHERE kind = 'case' AND resolved_at IS NULL GROUP BY record_id) AS d"
                " ON d.record_id = c.record_id"
            )
        return (
            f"SELECT c.record_id FROM coded_cases AS c{joins}"
            f" ORDER BY {_SORT_KEYS[order]} {direction}, c.received_at DESC, c.record_id DESC"
        )

    def _read_remaining(self) -> None:
        if not self._complete:
            first = self._ids
            self._read_order()
            self._changed = self._changed or self._ids[: len(first)] != first

    def _read_order(self) -> None:
        self._ids = [str(r[0]) for r in self._connection().all(self._order_sql())]
        self._changed = self._changed or len(self._ids) != self._count
        self._count = len(self._ids)
        self._positions = None
        self._complete = True

    def __len__(self) -> int:
        """How many cases are listed (all of them, read or not yet)."""
        return self._count

    def key(self, position: int) -> str:
        """The record id of the case at ``position``."""
        if position >= len(self._ids):
            self._read_remaining()
        return self._ids[position] if position < len(self._ids) else ""

    def position(self, key: str) -> int | None:
        """Where the case with record id ``key`` is now, or None if it is not listed."""
        self._read_remaining()
        if self._positions is None:
            self._positions = {record_id: i for i, record_id in enumerate(self._ids)}
        return self._positions.get(key)

    def rows(self, start: int, count: int) -> list[RegistryRow]:
        """The rows at positions ``start`` to ``start + count`` (fewer at the end)."""
        if start + count > len(self._ids):
            self._read_remaining()
        wanted = self._ids[max(0, start) : max(0, start + count)]
        found: dict[str, RegistryRow] = {}
        db = self._connection()
        for first_id in range(0, len(wanted), _PAGE_LIMIT):
            batch = wanted[first_id : first_id + _PAGE_LIMIT]
            marks = ", ".join("?" for _ in batch)
            for (
                record_id,
                station_id,
                code,
                status,
                outcome,
                started_on,
                received_at,
                version,
            ) in db.all(
                "SELECT record_id, station_id, case_code, status, outcome, started_on,"
                f" received_at, version FROM coded_cases WHERE record_id IN ({marks})",
                tuple(batch),
            ):
                found[str(record_id)] = RegistryRow(
                    station=self._station(str(station_id)),
                    case_code=str(code),
                    status=str(status),
                    outcome=str(outcome),
                    interviewed_on=str(started_on),
                    received_at=str(received_at)[:16].replace("T", " "),
                    version=int(version),
                    conflicts=self._disputed.get(str(record_id), 0),
                )
        self.rows_read += len(found)
        return [found.get(record_id, _MISSING) for record_id in wanted]


def load_registry(center: CenterStore) -> Registry:
    """Every row of the registry at once, newest first (for a few thousand cases; the window
    reads a page at a time through :class:`OpenRegistry`)."""
    with OpenRegistry(center) as registry:
        registry.refresh()
        registry.read_rest()
        rows: Sequence[RegistryRow] = registry.rows(0, len(registry))
        flagged = sum(row.conflicts for row in rows)
        return Registry(tuple(rows), registry.conflicts - flagged)
