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


@dataclass(frozen=True)
class Registry:
    rows: tuple[RegistryRow, ...]

    def by_station_and_status(self) -> dict[tuple[str, str], int]:
        return dict(Counter((row.station, row.status) for row in self.rows))


def load_registry(center: CenterStore) -> Registry:
    db = center.open()
    try:
        stations = {
            str(r[0]): f"{r[1]} ({r[2]})"
            for r in db.all("SELECT station_id, name, code FROM stations")
        }
        rows = []
        for station_id, content, received_at, version in db.all(
            "SELECT station_id, content, received_at, version FROM records WHERE kind = 'case'"
            " ORDER BY received_at DESC"
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
                )
            )
    finally:
        db.close()
    return Registry(tuple(rows))
