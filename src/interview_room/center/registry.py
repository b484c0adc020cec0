"""The central registry: every imported case by station and status, from the newest records.

For the central office's case management (need to know): case codes and statuses, not
interview content. Anonymous figures for committees come from ``stats.py`` instead.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass

from interview_room.center.store import CenterStore


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


def load_registry(center: CenterStore) -> Registry:
    db = center.open()
    try:
        stations = {
            str(r[0]): f"{r[1]} ({r[2]})"
            for r in db.all("SELECT station_id, name, code FROM stations")
        }
        disputed = {
            str(r[0]): int(r[1])
            for r in db.all(
                "SELECT record_id, count(*) FROM conflicts WHERE kind = 'case'"
                " AND resolved_at IS NULL GROUP BY record_id"
            )
        }
        rows = []
        for record_id, station_id, content, received_at, version in db.all(
            "SELECT record_id, station_id, content, received_at, version FROM records"
            " WHERE kind = 'case' ORDER BY received_at DESC"
        ):
            record = json.loads(bytes(content).decode("utf-8"))
            case = record.get("case", {})
            interview = record.get("interview") or {}
            decision = record.get("decision") or {}
            rows.append(
                RegistryRow(
                    station=stations.get(str(station_id), str(station_id)),
                    case_code=str(case.get("code", "")),
                    status=str(case.get("status", "")),
                    outcome=str(decision.get("decision") or interview.get("outcome") or ""),
                    interviewed_on=str(case.get("started_at", ""))[:10],
                    received_at=str(received_at)[:16].replace("T", " "),
                    version=int(version),
                    conflicts=disputed.pop(str(record_id), 0),
                )
            )
    finally:
        db.close()
    return Registry(tuple(rows), sum(disputed.values()))
