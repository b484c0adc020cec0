"""Counting the coded cases (``coded_cases.py``) for the statistics: whole months from
``case_counts``, the months an import changed since (``stale_months``) and the days left over
at either end of a period from the ``case_facts`` view, one snapshot of the store for all.

The statistics count stale months again when nothing else is writing (:func:`recount_if_free`)
and never wait for an import: meanwhile those months are counted from the facts.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterator
from datetime import date, timedelta
from typing import Any

import sqlcipher3

from interview_room.center.coded_cases import code_missing
from interview_room.store.database import Database


def backfill(db: Database) -> None:
    """Migration 4's data step: code every record held and count every month (migration
    4's own triggers count the coded rows; migration 7 drops them)."""
    code_missing(db, count=False)
    recount_stale(db)


def _month_start(month: str) -> str:
    return f"{month}-01"


def _next_month_start(month: str) -> str:
    year, number = int(month[:4]), int(month[5:7])
    year, number = (year + 1, 1) if number == 12 else (year, number + 1)
    return f"{year:04d}-{number:02d}-01"


def recount_stale(db: Database) -> int:
    """Count again each stale month from ``case_facts`` into ``case_counts``, inside the
    caller's transaction; returns how many months were counted."""
    months = [str(r[0]) for r in db.all("SELECT month FROM stale_months ORDER BY month")]
    # Month by month: the cases of a month are adjacent (coded_cases is in order of the day),
    # which beats one pass over all of them even when every month is stale.
    for month in months:
        db.execute("DELETE FROM case_counts WHERE month = ?", (month,))
        db.execute(
            "INSERT INTO case_counts (month, dimension, value, cases)"
            " SELECT ?, dimension, value, count(*) FROM case_facts"
            " WHERE interviewed_on >= ? AND interviewed_on < ? GROUP BY dimension, value",
            (month, _month_start(month), _next_month_start(month)),
        )
        db.execute("DELETE FROM stale_months WHERE month = ?", (month,))
    return len(months)


def recount_if_free(db: Database) -> bool:
    """Recount the stale months if the store can be written at once; False when another
    connection is writing (an import): :func:`count_facts` then counts them from the facts."""
    if db.one("SELECT 1 FROM stale_months LIMIT 1") is None:
        return True
    row = db.one("PRAGMA busy_timeout")
    waited = int(row[0]) if row else 0
    db.execute("PRAGMA busy_timeout = 0")
    try:
        with db.transaction():
            recount_stale(db)
    except sqlcipher3.OperationalError:  # locked: an import is writing
        return False
    finally:
        db.execute(f"PRAGMA busy_timeout = {waited}")
    return True


def _month_bounds(day: date) -> tuple[date, date]:
    first = day.replace(day=1)
    following = (first + timedelta(days=32)).replace(day=1)
    return first, following - timedelta(days=1)


def _split(start: date, end: date) -> tuple[tuple[str, str] | None, list[tuple[date, date]]]:
    """The whole months of ``start``–``end`` (first and last as YYYY-MM, or None) and the
    ranges of days left over at either end."""
    first_whole = start if start.day == 1 else _month_bounds(start)[1] + timedelta(days=1)
    last_whole = end if end == _month_bounds(end)[1] else end.replace(day=1) - timedelta(days=1)
    if first_whole > last_whole:
        return None, [(start, end)]
    parts = [(start, first_whole - timedelta(days=1)), (last_whole + timedelta(days=1), end)]
    months = (first_whole.strftime("%Y-%m"), last_whole.strftime("%Y-%m"))
    return months, [(low, high) for low, high in parts if low <= high]


def count_facts(db: Database, start: date, end: date) -> dict[str, Counter[str]]:
    """For each dimension, how many readable cases that began between ``start`` and ``end``
    (Albanian calendar days, inclusive) have each value, as the records say them: whole
    months from ``case_counts``, stale months and the days left over from ``case_facts``, all
    read from one snapshot of the store."""
    counted: dict[str, Counter[str]] = {}
    whole, parts = _split(start, end)
    ranges = [(low.isoformat(), high.isoformat()) for low, high in parts]
    rows: list[tuple[Any, ...]] = []
    db.execute("BEGIN")
    try:
        if whole is not None:
            for (month,) in db.all(
                "SELECT month FROM stale_months WHERE month BETWEEN ? AND ?", whole
            ):
                ranges.append((_month_start(str(month)), f"{month}-31"))
            rows += db.all(
                "SELECT dimension, value, sum(cases) FROM case_counts"
                " WHERE month BETWEEN ? AND ? AND month NOT IN (SELECT month FROM stale_months)"
                " GROUP BY dimension, value",
                whole,
            )
        for low, high in ranges:
            rows += db.all(
                "SELECT dimension, value, count(*) FROM case_facts"
                " WHERE interviewed_on BETWEEN ? AND ? GROUP BY dimension, value",
                (low, high),
            )
    finally:
        db.execute("COMMIT")
    for dimension, value, cases in rows:
        if int(cases):
            counted.setdefault(str(dimension), Counter())[str(value)] += int(cases)
    return counted


def outcome_key(value: str) -> tuple[str | None, str | None]:
    """(decision, ended) of an ``outcome`` value of :func:`count_facts`."""
    decision, ended = json.loads(value)
    return decision, ended


def recount(db: Database) -> Iterator[tuple[str, str, str, int]]:
    """(month, dimension, value, cases) counted afresh from ``case_facts``, non-zero only:
    what ``case_counts`` must hold for every month that is not stale (for tests and checks)."""
    for month, dimension, value, cases in db.all(
        "SELECT substr(interviewed_on, 1, 7), dimension, value, count(*) FROM case_facts"
        " GROUP BY 1, 2, 3 ORDER BY 1, 2, 3"
    ):
        yield str(month), str(dimension), str(value), int(cases)
