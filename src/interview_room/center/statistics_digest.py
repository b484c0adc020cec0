"""The registry's seal on the statistics store's coded rows and monthly counts (issue 13): a
statistics user who rewrites coded values while keeping every count is caught at the next
check by a session that holds the registry's key.

For each month of interviews (and ``""`` for the rows the statistics cannot read) the seal is
an HMAC-SHA256, under a key only ``center.db`` holds (``center_keys``, kind :data:`KEY_KIND`,
made at first need), of that month's coded rows in the store's order, each row every column
with its record id (SQLite's ``json_array``: one unambiguous text), followed by the month's
``case_counts`` (what the figures read for whole months). A value changed, a row moved under
another record id, copied from another case, added or removed, changes its month's tag.

The tags are kept in ``center.db`` only (``statistics_digests``: one set per state of the
store, its incarnation and the last change it followed), never beside the rows, where a
statistics user could put back an older version of a row with its then-valid tag, or the whole
file from an earlier day. Each follow checks the months it is about to change against the set
kept, then tags them again (:func:`check_months`, :func:`carry`), so a change made by hand is
never sealed over; :func:`mismatch` checks every month (one pass over the rows: per-row tags
summed cost twice as much at 100,000 cases, ``docs/THREAT_MODEL.md``).

The statistics role holds no key and cannot check: every registry or administrator sign-in
and each time such a session opens the figures checks the whole store
(``statistics_store.damage``), each of its follows the months it changes.
"""

from __future__ import annotations

import hmac
import json
import secrets
from collections.abc import Iterable
from datetime import UTC, datetime

from interview_room.store.database import Database

KEY_KIND = "statistics_rows"

REGISTRY_TABLE = """CREATE TABLE IF NOT EXISTS statistics_digests (
    incarnation  TEXT NOT NULL,
    change       INTEGER NOT NULL,
    months       TEXT NOT NULL,
    PRIMARY KEY (incarnation, change)
)"""
"""``center.db``: each month's tag for each state of the statistics store a follow may have
left (normally one; two between a follow's two commits)."""

_ROW = (
    "json_array(record_id, station_id, version, received_at, case_code, status, outcome,"
    " started_on, interviewed_on, sex, age_band, nationality, exploitation, decision, ended,"
    " referrals, unreadable)"
)
_COUNT = "json_array(month, dimension, value, cases)"

State = tuple[str, int]
"""(incarnation, last change followed) of a statistics store."""
Tags = dict[str, str]
"""Month (``YYYY-MM``, or ``""``): its tag in hex."""


class StatisticsStoreUntrusted(ValueError):
    """The statistics store's shape, counts or rows are not what the registry made; built
    again (``key_split.follow``). ``reason`` is a word the audit log keeps."""

    def __init__(self, reason: str) -> None:
        super().__init__(f"The statistics store cannot be trusted: {reason}.")
        self.reason = reason


def row_key(registry: Database) -> bytes:
    """The key of the tags, made (with the table of tags) at first need: call it outside any
    transaction of ``registry``."""
    row = registry.one("SELECT secret FROM center_keys WHERE kind = ?", (KEY_KIND,))
    if row is None:
        with registry.transaction():
            registry.execute(REGISTRY_TABLE)
            registry.execute(
                "INSERT OR IGNORE INTO center_keys (kind, secret, public, created_at)"
                " VALUES (?, ?, x'', ?)",
                (KEY_KIND, secrets.token_bytes(32), datetime.now(UTC).isoformat()),
            )
        row = registry.one("SELECT secret FROM center_keys WHERE kind = ?", (KEY_KIND,))
    assert row is not None
    return bytes(row[0])


def _texts(stats: Database, months: Iterable[str] | None) -> dict[str, tuple[list[str], list[str]]]:
    """Each month's rows and counts as texts, in the store's order (all months if None)."""
    found: dict[str, tuple[list[str], list[str]]] = {}
    if months is None:
        rows = stats.execute(
            f"SELECT substr(interviewed_on, 1, 7), {_ROW} FROM coded_cases"
            " ORDER BY interviewed_on, record_id"
        )
        counts = stats.execute(
            f"SELECT month, {_COUNT} FROM case_counts ORDER BY month, dimension, value"
        )
        for month, text in rows:
            found.setdefault(str(month), ([], []))[0].append(str(text))
        for month, text in counts:
            found.setdefault(str(month), ([], []))[1].append(str(text))
        return found
    for month in sorted(set(months)):
        # A range of the primary key: "YYYY-MM-DD" lies between "YYYY-MM" and "YYYY-MM~";
        # the unreadable rows have "" (and "\x01" follows it).
        rows = stats.all(
            f"SELECT {_ROW} FROM coded_cases WHERE interviewed_on >= ? AND interviewed_on < ?"
            " ORDER BY interviewed_on, record_id",
            (month, f"{month}~" if month else "\x01"),
        )
        counts = stats.all(
            f"SELECT {_COUNT} FROM case_counts WHERE month = ? ORDER BY dimension, value",
            (month,),
        )
        if rows or counts:
            found[month] = ([str(r[0]) for r in rows], [str(c[0]) for c in counts])
    return found


def tags(stats: Database, key: bytes, months: Iterable[str] | None = None) -> Tags:
    """The tag of each month of ``stats`` that has rows or counts (of ``months`` if given)."""
    return {
        month: hmac.digest(
            key, "\n".join((month, "".join(rows), "".join(counts))).encode(), "sha256"
        ).hex()
        for month, (rows, counts) in _texts(stats, months).items()
    }


def state_of(stats: Database) -> State | None:
    row = stats.one("SELECT incarnation, change FROM followed WHERE id = 1")
    return None if row is None else (str(row[0]), int(row[1]))


def kept(registry: Database, state: State | None) -> Tags | None:
    """The tags ``center.db`` keeps for ``state``, or None."""
    if state is None:
        return None
    row = registry.one(
        "SELECT months FROM statistics_digests WHERE incarnation = ? AND change = ?", state
    )
    if row is None:
        return None
    found: Tags = json.loads(str(row[0]))
    return found


def remember(registry: Database, state: State, months: Tags) -> None:
    """Keep ``months`` for ``state`` (its own transaction of ``center.db``, made before the
    statistics store commits that state, so a cut between the two leaves it known)."""
    with registry.transaction():
        registry.execute(
            "INSERT OR REPLACE INTO statistics_digests (incarnation, change, months)"
            " VALUES (?, ?, ?)",
            (*state, json.dumps(months, sort_keys=True)),
        )


def months_touched(stats: Database, changed: list[str], rows: list[tuple[object, ...]]) -> set[str]:
    """The months whose rows or counts a follow changes: of the rows replaced, of their
    replacements (``rows``, as the statistics keep them), and those marked to be counted
    again."""
    before = stats.all(
        "SELECT DISTINCT substr(interviewed_on, 1, 7) FROM coded_cases"
        " WHERE record_id IN (SELECT value FROM json_each(?))",
        (json.dumps(changed),),
    )
    stale = stats.all("SELECT month FROM stale_months")
    return {str(r[0]) for r in (*before, *stale)} | {str(row[8])[:7] for row in rows}


def check_months(
    registry: Database, stats: Database, key: bytes, state: State | None, months: set[str]
) -> Tags:
    """Before a follow changes ``months``: the tags kept for ``state``, once those months are
    found as sealed (:class:`StatisticsStoreUntrusted` otherwise: ``unsealed`` when none are
    kept, a store from before the seal or put back from a copy; ``rows`` when one differs)."""
    sealed = kept(registry, state)
    if sealed is None:
        raise StatisticsStoreUntrusted("unsealed")
    found = tags(stats, key, months)
    if any(found.get(month) != sealed.get(month) for month in months):
        raise StatisticsStoreUntrusted("rows")
    return sealed


def carry(
    registry: Database, stats: Database, key: bytes, reached: State, sealed: Tags, months: set[str]
) -> None:
    """After a follow changed ``months`` (in its transaction of ``stats``): keep the tags of
    the state reached, those months tagged again."""
    carried = {month: tag for month, tag in sealed.items() if month not in months}
    remember(registry, reached, carried | tags(stats, key, months))


def settle(registry: Database, state: State) -> None:
    """Forget the tags of the states the store has left (another incarnation, an earlier
    change); a later one, kept by a follower meanwhile, stays."""
    if registry.one(
        "SELECT 1 FROM statistics_digests WHERE incarnation != ? OR change < ? LIMIT 1", state
    ):
        with registry.transaction():
            registry.execute(
                "DELETE FROM statistics_digests WHERE incarnation != ? OR change < ?", state
            )


def mismatch(registry: Database, stats: Database, key: bytes) -> str | None:
    """``"unsealed"`` or ``"rows"`` (as :func:`check_months`) for the whole store, or None
    when every month is as the registry sealed it."""
    sealed = kept(registry, state_of(stats))
    if sealed is None:
        return "unsealed"
    return None if tags(stats, key) == sealed else "rows"
