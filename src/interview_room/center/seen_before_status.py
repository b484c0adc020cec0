"""What ``interview-room center seen-before status`` shows of the centre's "seen before" index
(``center/seen_before.py``): key versions, entries, each station's share, and which versions
the packages leave out (attacker 8, B2). Counts only, never a token or a key."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from interview_room.center.seen_before import sent_versions

if TYPE_CHECKING:
    from interview_room.store.database import Database


@dataclass(frozen=True)
class KeyVersionStatus:
    version: int
    created_at: str
    entries: int
    """Index rows whose tokens are under this version (old ones empty as stations re-send)."""
    sent: bool = True
    """Whether the packages carry this version: at most ``MAX_KEYS`` (the newest) are."""


@dataclass(frozen=True)
class SeenBeforeStatus:
    """What ``interview-room center seen-before status`` shows: counts, never a token or key."""

    keys: tuple[KeyVersionStatus, ...]
    entries: int
    """Rows in the index (a case re-sent under a new key counts once per key version)."""
    cases: int
    """Distinct cases indexed."""
    per_station: tuple[tuple[str, int], ...]
    """(station name, cases indexed), by name."""

    @property
    def current_version(self) -> int | None:
        return self.keys[-1].version if self.keys else None


def index_status(db: Database) -> SeenBeforeStatus:
    """The key versions, the size of the index and each station's share (no key is made)."""
    per_version = {
        int(v): int(n)
        for v, n in db.all(
            "SELECT key_version, count(*) FROM seen_before_cases GROUP BY key_version"
        )
    }
    held = db.all("SELECT version, created_at FROM seen_before_keys ORDER BY version")
    left_out = sent_versions(db, int(held[-1][0]))[1].versions if held else ()
    keys = tuple(
        KeyVersionStatus(int(v), str(at), per_version.get(int(v), 0), int(v) not in left_out)
        for v, at in held
    )
    counts = db.one("SELECT count(*), count(DISTINCT record_id) FROM seen_before_cases")
    per_station = db.all(
        "SELECT coalesce(s.name, c.station_id), count(DISTINCT c.record_id)"
        " FROM seen_before_cases c LEFT JOIN stations s ON s.station_id = c.station_id"
        " GROUP BY c.station_id ORDER BY 1"
    )
    return SeenBeforeStatus(
        keys,
        int(counts[0]) if counts else 0,
        int(counts[1]) if counts else 0,
        tuple((str(name), int(n)) for name, n in per_station),
    )
