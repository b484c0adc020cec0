"""The case register: pseudonymous case codes, status, dates and interviewers.

Other screens and documents name a case by its code (``MOR-2026-0042``); the person's name is
shown only where it is needed, and only inside the encrypted store.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import StrEnum
from typing import TYPE_CHECKING

from interview_room.errors import InterviewRoomError

if TYPE_CHECKING:
    from interview_room.store.database import Database


class CaseStatus(StrEnum):
    DRAFT = "draft"
    INCOMPLETE = "incomplete"
    COMPLETED = "completed"
    REFERRED = "referred"
    SYNCED = "synced"


class UnknownCase(InterviewRoomError):
    def __init__(self, case_id: str) -> None:
        super().__init__(f"There is no case {case_id!r} on this workstation.")


@dataclass(frozen=True)
class CaseSummary:
    """One row of the case list."""

    id: str
    code: str
    status: CaseStatus
    person_name: str
    started_at: str
    officer: str
    social_worker: str


_SELECT = """
SELECT c.id, c.code, c.status, c.person_name, c.started_at,
       coalesce(o.display_name, ''), coalesce(s.display_name, '')
FROM cases c
LEFT JOIN users o ON o.id = c.officer_id
LEFT JOIN users s ON s.id = c.social_worker_id
"""


def _summary(row: tuple[object, ...]) -> CaseSummary:
    return CaseSummary(
        id=str(row[0]),
        code=str(row[1]),
        status=CaseStatus(str(row[2])),
        person_name=str(row[3]),
        started_at=str(row[4]),
        officer=str(row[5]),
        social_worker=str(row[6]),
    )


class CaseRegister:
    """Reads and adds cases in one store. Callers wrap writes in a transaction."""

    def __init__(self, db: Database, station_code: str) -> None:
        self._db = db
        self._station_code = station_code

    def next_code(self, year: int) -> str:
        prefix = f"{self._station_code}-{year}-"
        # A range on the unique code index reads only this year's codes, not every case.
        row = self._db.one(
            "SELECT max(CAST(substr(code, ?) AS INTEGER)) FROM cases WHERE code >= ? AND code < ?",
            (len(prefix) + 1, prefix, prefix[:-1] + "."),
        )
        last = int(row[0]) if row and row[0] is not None else 0
        return f"{prefix}{last + 1:04d}"

    def create(
        self,
        person_name: str,
        officer_id: str | None,
        social_worker_id: str | None,
        status: CaseStatus = CaseStatus.DRAFT,
        started_at: datetime | None = None,
    ) -> CaseSummary:
        moment = started_at or datetime.now(UTC)
        case_id = secrets.token_hex(16)
        stamp = moment.isoformat(timespec="seconds")
        self._db.execute(
            "INSERT INTO cases (id, code, status, person_name, started_at, updated_at, officer_id,"
            " social_worker_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (
                case_id,
                self.next_code(moment.year),
                status.value,
                person_name.strip(),
                stamp,
                stamp,
                officer_id,
                social_worker_id,
            ),
        )
        return self.get(case_id)

    def get(self, case_id: str) -> CaseSummary:
        row = self._db.one(_SELECT + " WHERE c.id = ?", (case_id,))
        if row is None:
            raise UnknownCase(case_id)
        return _summary(row)

    def search(
        self, text: str = "", status: CaseStatus | None = None, limit: int = 1000
    ) -> list[CaseSummary]:
        """Newest first; ``text`` matches the case code, the person's name or the date."""
        clauses: list[str] = []
        params: list[object] = []
        if text.strip():
            pattern = f"%{_escape_like(text.strip())}%"
            clauses.append(
                "(c.code LIKE ? ESCAPE '\\' OR c.person_name LIKE ? ESCAPE '\\'"
                " OR c.started_at LIKE ? ESCAPE '\\')"
            )
            params += [pattern, pattern, pattern]
        if status is not None:
            clauses.append("c.status = ?")
            params.append(status.value)
        where = (" WHERE " + " AND ".join(clauses)) if clauses else ""
        rows = self._db.all(
            _SELECT + where + " ORDER BY c.started_at DESC, c.code DESC LIMIT ?",
            (*params, limit),
        )
        return [_summary(r) for r in rows]

    def count(self) -> int:
        row = self._db.one("SELECT count(*) FROM cases")
        return int(row[0]) if row else 0


def _escape_like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
