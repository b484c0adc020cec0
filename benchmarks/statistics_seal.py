"""What the registry's seal on the statistics store costs (issue 13,
``center/statistics_digest.py``): the whole store checked at a registry/admin sign-in or when
such a session opens the figures, beside the counts compared there already, and a follow of one
changed record (what each import adds). Prints figures and ratios; asserts nothing.

Usage: ``.venv/bin/python benchmarks/statistics_seal.py [--cases N] [--runs N]``. The registry
holds N synthetic coded rows (40 stations, ten years) written with the app's own
``insert_coded``; the statistics store is built from it by ``statistics_store.rebuild``.
"""

from __future__ import annotations

import argparse
import os
import random
import secrets
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from interview_room.center import statistics_digest, statistics_store
from interview_room.center.coded_cases import insert_coded
from interview_room.center.schema import create_tables
from interview_room.store.database import Database


def _registry(path: Path, cases: int) -> Database:
    rng = random.Random(7)
    db = Database.open(path, secrets.token_bytes(32))
    stations = [secrets.token_hex(16) for _ in range(40)]
    with db.transaction():
        create_tables(db)
        db.executemany(
            "INSERT INTO stations VALUES (?, ?, ?, x'', '2020-01-01', NULL)",
            [(s, f"P{n}", f"P{n}") for n, s in enumerate(stations)],
        )
        rows = []
        for n in range(cases):
            day = (
                f"{rng.randrange(2016, 2026)}-{rng.randrange(1, 13):02d}-{rng.randrange(1, 29):02d}"
            )
            rows.append(
                (secrets.token_hex(16), rng.choice(stations), 1, "2026-01-01T00:00:00",
                 f"C{n}", rng.choice(("draft", "completed", "referred")), "x", day, day,
                 rng.choice(("female", "male", "")), rng.choice(("18-24", "25-34", "0-13")),
                 rng.choice(("AL", "SY", "AF", "MA", "")), rng.choice(("labour", "sexual")),
                 rng.choice(("potential_victim", "indicators_not_met", None)), None,
                 '["ngo"]', None)
            )  # fmt: skip
        for start in range(0, cases, 5_000):
            insert_coded(db, rows[start : start + 5_000])
    return db


def _median(work: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        work()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--cases", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    print(f"{args.cases:,} coded rows, {os.cpu_count()} cores, load {os.getloadavg()[0]:.1f}")
    folder = Path(tempfile.mkdtemp())
    registry = _registry(folder / "center.db", args.cases)
    key = secrets.token_bytes(32)
    path = folder / statistics_store.STATISTICS_FILE
    statistics_store.rebuild(registry, path, key)
    stats = statistics_store.open_store(path, key)
    row_key = statistics_digest.row_key(registry)
    record_id = str(registry.all("SELECT record_id FROM coded_cases LIMIT 1")[0][0])

    def one_change() -> None:  # a record's new version, as an import codes it
        with registry.transaction():
            row = registry.one("SELECT * FROM coded_cases WHERE record_id = ?", (record_id,))
            registry.execute("DELETE FROM coded_cases WHERE record_id = ?", (record_id,))
            assert row is not None
            insert_coded(registry, [row])
        statistics_store.follow(registry, stats)

    counts = _median(
        lambda: statistics_store._by_status(stats) == statistics_store._by_status(registry),
        args.runs,
    )
    seal = _median(lambda: statistics_digest.mismatch(registry, stats, row_key), args.runs)
    damage = _median(lambda: statistics_store.damage(registry, stats), args.runs)
    follow = _median(one_change, args.runs)
    for name, seconds in (
        ("counts by station and status compared (before)", counts),
        ("every month's seal checked (new)", seal),
        ("damage(), all checks at sign-in / figures opened", damage),
        ("follow of one changed record, its month checked and sealed", follow),
    ):
        print(f"{name:62} {seconds:7.3f} s")
    print(f"{'ratio seal / counts':62} {seal / counts:7.2f}x")
    stats.close()
    registry.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
