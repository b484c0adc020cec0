"""What the receiver's ``GET /centre-package`` costs with 30,000 cases in the "seen before"
index (issue 16).

Every request runs ``center/publish.newer_package``: it first asks whether the package must be
signed again (revocations changed, or the seen-before section did), which means knowing the
section's digest, then answers with the package or 204. Before the cache that meant reading and
serialising the whole index on every poll; with it (``center/seen_before.py``, keyed by the
index's version and the recipients) an unchanged index costs one small query.

A real centre (password sign-in, minimum Argon2id) with two enrolled stations; the index is
filled with synthetic rows as the importer leaves them (5 random tokens per case). Prints the
medians; asserts nothing. Usage:
``.venv/bin/python benchmarks/centre_package_seen.py [--entries N] [--runs N] [--json]``
(~30 s with the defaults).
"""

from __future__ import annotations

import argparse
import json
import secrets
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from interview_room.center import seen_before
from interview_room.center.enrollment import make_enrollment
from interview_room.center.publish import latest_package, newer_package
from interview_room.center.store import CenterStore, NewCenterUser
from interview_room.store.kdf import MINIMUM_ARGON2
from interview_room.sync.centre_package import read_package

ENTRIES = 30_000
PASSWORD = "synthetic-morine-training-passphrase"
GOAL_S = 0.2


def _fill(center: CenterStore, entries: int) -> None:
    db = center.open()
    try:
        stations = [str(r[0]) for r in db.all("SELECT station_id FROM stations")]
        with db.transaction():
            db.executemany(
                "INSERT INTO seen_before_cases (record_id, station_id, key_version, tokens,"
                " case_code, interviewed_on, outcome, recipients) VALUES (?, ?, 1, ?, ?, ?, ?, ?)",
                [
                    (
                        f"r{n}",
                        stations[n % len(stations)],
                        json.dumps([secrets.token_bytes(32).hex() for _ in range(5)]),
                        f"BEN-2026-{n:05d}",
                        f"2026-{1 + n % 12:02d}-{1 + n % 28:02d}",
                        "potential_victim" if n % 7 == 0 else "indicators_not_met",
                        '["shelter"]' if n % 7 == 0 else "[]",
                    )
                    for n in range(entries)
                ],
            )
    finally:
        db.close()


def _median(runs: int, work: Callable[[], object]) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        work()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def _section_digest(center: CenterStore) -> None:
    db = center.open()
    try:
        with db.transaction():
            seen_before.section_digest(db)
    finally:
        db.close()


def _rebuilt(center: CenterStore) -> None:
    seen_before._built.clear()  # as every request did before the cache
    _section_digest(center)


def measure(entries: int, runs: int) -> dict[str, float]:
    with tempfile.TemporaryDirectory(prefix="ir-bench-seen-") as folder:
        center = CenterStore(Path(folder) / "center")
        center.create(admin=NewCenterUser("admin", "Admin Shembulli", PASSWORD), kdf=MINIMUM_ARGON2)
        for name, code in (("Morinë", "MOR"), ("Han i Hotit", "HAN")):
            make_enrollment(center, station_name=name, station_code=code, url=None)
        _fill(center, entries)
        started = time.perf_counter()
        newer_package(center, None)  # the first request signs the package with the section
        first = time.perf_counter() - started
        data = latest_package(center)
        assert data is not None
        number = str(read_package(data, center.keys().root_certificate_der).package.number)
        return {
            "entries": entries,
            "package_kib": round(len(data) / 1024, 1),
            "first_request_s": round(first, 3),
            "get_held_latest_s": round(_median(runs, lambda: newer_package(center, number)), 4),
            "get_no_package_held_s": round(_median(runs, lambda: newer_package(center, None)), 4),
            "section_digest_cached_s": round(_median(runs, lambda: _section_digest(center)), 4),
            "section_digest_rebuilt_s": round(_median(runs, lambda: _rebuilt(center)), 4),
        }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entries", type=int, default=ENTRIES)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    figures = measure(args.entries, args.runs)
    if args.json:
        print(json.dumps({f"centre_package_{k}": v for k, v in figures.items()}))
        return 0
    print(f"seen-before index: {figures['entries']:,} cases; package {figures['package_kib']} KiB")
    print(f"first request (signs the package):        {figures['first_request_s']:.3f} s")
    for key, words in (
        ("get_held_latest_s", "GET, station holds the latest (204)"),
        ("get_no_package_held_s", "GET, station holds none (the package)"),
        ("section_digest_cached_s", "section digest, index unchanged (cache)"),
        ("section_digest_rebuilt_s", "section digest rebuilt (before the cache)"),
    ):
        value = figures[key]
        print(f"{words + ':':42} {value:.4f} s  ({value / GOAL_S:.2f}× the {GOAL_S} s goal)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
