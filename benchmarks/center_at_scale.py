"""The central office at ten years of data: statistics, the registry window and memory at
100,000 case records.

Prints a table of figures with their goals; it asserts nothing (speed and memory targets are
measured here, never by timed tests). Usage:
``.venv/bin/python benchmarks/center_at_scale.py [--cases N] [--stations N] [--runs N]
[--keep DIR] [--center DIR] [--json]``.

The centre is a real training centre (``CenterStore.create``) filled the way stations fill it:
signed, encrypted bundles of synthetic records of varied shapes
(``interview_room/training/varied_centre.py``: full and minimal records, every outcome,
children, referrals), imported by the real importer.
``--keep DIR`` keeps a copy of the filled centre; ``--center DIR`` measures a copy of one kept
before instead of filling a new one (a centre kept by an older release is upgraded when first
opened, and that upgrade is timed).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import secrets
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from case_list_and_autosave import (
    PaintWatch,
    _reset_peak,
    _status_kib,
    goal,
    print_table,
    quiet_qt_warnings,
)
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from interview_room.center import schema as center_schema
from interview_room.center.importer import import_bundle
from interview_room.center.registry import load_registry
from interview_room.center.stats import compute_statistics
from interview_room.center.store import CenterStore
from interview_room.store.database import Database
from interview_room.sync.bundle import Bundle, bundle_file_name, write_bundle
from interview_room.training.varied_centre import (
    DECADE as DECADE_SPAN,
)
from interview_room.training.varied_centre import (
    FIRST_DAY,
    YEARS,
    Span,
    varied_center,
    varied_records,
)

CASES = 100_000
STATIONS = 40
STATISTICS_GOAL_S = 0.5
FIRST_PAINT_GOAL_MS = 200.0
MEMORY_GOAL_MB = 250.0
TIMEOUT_S = 600
DECADE = (FIRST_DAY.date(), date(FIRST_DAY.year + YEARS - 1, 12, 31))
ONE_YEAR = (date(FIRST_DAY.year + YEARS - 1, 1, 1), date(FIRST_DAY.year + YEARS - 1, 12, 31))
RECENT: Span = (datetime(FIRST_DAY.year + YEARS - 1, 11, 1, tzinfo=UTC), 60)
"""A station's usual bundle: the interviews of its last weeks."""

Row = tuple[str, str, str]


def timed(work: Callable[[], object]) -> float:
    started = time.perf_counter()
    work()
    return time.perf_counter() - started


def median_s(work: Callable[[], object], runs: int) -> float:
    return statistics.median(timed(work) for _ in range(runs))


def to_mb(kib: float | None) -> float | None:
    return None if kib is None else kib * 1024 / 1e6


# -- probes: each figure of memory in a fresh process of its own --------------------------------


def statistics_probe(center_dir: Path) -> dict[str, Any]:
    """Compute the decade's statistics once, as ``center stats`` does in its own process."""
    center = CenterStore(center_dir)
    before = _status_kib("VmRSS")
    took = timed(lambda: compute_statistics(center, start=DECADE[0], end=DECADE[1]))
    return {"seconds": took, "rss_before_kib": before, "peak_kib": _status_kib("VmHWM")}


def registry_probe(center_dir: Path, runs: int) -> dict[str, Any]:
    """Open the registry window as ``center view`` does: first paint cold, then warm (a new
    window each run), a sort by case code, a scroll to the end; and the peak memory."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QEvent, QPoint, Qt
    from PySide6.QtWidgets import QApplication

    from interview_room.gui.app import create_application
    from interview_room.gui.center_window import CenterWindow

    quiet_qt_warnings()
    app = create_application()
    before = _status_kib("VmRSS")
    _reset_peak()

    def open_window() -> tuple[CenterWindow, float, float]:
        started = time.perf_counter()
        window = CenterWindow(center_dir)
        built = time.perf_counter()
        watch = PaintWatch(window.cases.viewport())
        window.resize(1100, 720)
        window.show()
        painted = watch.wait("the registry")
        return window, (painted - started) * 1000, (built - started) * 1000

    def close(window: CenterWindow) -> None:
        window.close()
        window.deleteLater()
        QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)

    window, cold, cold_built = open_window()
    rows = window.cases.model().rowCount()
    header = window.cases.horizontalHeader()
    watch = PaintWatch(window.cases.viewport())
    started = time.perf_counter()
    middle = header.sectionViewportPosition(1) + header.sectionSize(1) // 2
    from PySide6.QtTest import QTest

    QTest.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(middle, 5))
    sorted_ms = (watch.wait("the sorted registry") - started) * 1000
    watch.arm()
    started = time.perf_counter()
    window.cases.scrollToBottom()
    scrolled_ms = (watch.wait("the end of the registry") - started) * 1000
    last = str(window.cases.model().index(rows - 1, 1).data()) if rows else ""
    watch.arm()
    started = time.perf_counter()
    window.refresh()
    refreshed_ms = (watch.wait("the refreshed registry") - started) * 1000
    close(window)
    warm: list[float] = []
    built: list[float] = []
    for _ in range(runs):
        window, paint, construct = open_window()
        warm.append(paint)
        built.append(construct)
        close(window)
    app.processEvents()
    return {
        "rows": rows,
        "last_code_shown": bool(last),
        "cold_first_paint_ms": cold,
        "cold_constructor_ms": cold_built,
        "first_paint_ms": statistics.median(warm),
        "constructor_ms": statistics.median(built),
        "sort_ms": sorted_ms,
        "scroll_to_end_ms": scrolled_ms,
        "refresh_ms": refreshed_ms,
        "rss_before_kib": before,
        "peak_kib": _status_kib("VmHWM"),
    }


def run_probe(kind: str, center_dir: Path, runs: int, times: int = 2) -> dict[str, Any]:
    """Run a probe in fresh processes, twice by default (the first compiles bytecode and is
    discarded); the figures of the last run."""
    figures: dict[str, Any] = {}
    for _ in range(times):
        process = subprocess.run(
            [sys.executable, __file__, "--probe", kind, str(center_dir), "--runs", str(runs)],
            capture_output=True,
            text=True,
            timeout=TIMEOUT_S,
            check=False,
            env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
        )
        if process.returncode != 0:
            raise RuntimeError(f"{kind} probe exited {process.returncode}:\n{process.stderr}")
        figures = json.loads(process.stdout.strip().splitlines()[-1])
    return figures


# -- the figures -------------------------------------------------------------------------------


def upgrade_probe(center_dir: Path) -> dict[str, Any]:
    """Open a centre kept by an older release, which upgrades it: the time and the peak."""
    center = CenterStore(center_dir)
    return {"seconds": timed(lambda: center.open().close()), "peak_kib": _status_kib("VmHWM")}


def needs_upgrade(center: CenterStore) -> bool:
    raw = Database.open(center.database_path, center.key_path.read_bytes())
    try:
        return raw.schema_version < center_schema.SCHEMA_VERSION
    finally:
        raw.close()


def import_seconds(center: CenterStore, records: int, runs: int, span: Span) -> float:
    """Median time to import a bundle of ``records`` new records begun within ``span`` from a
    newly enrolled station into ``center`` (making the bundle is not timed): what writing the
    coded rows adds shows against a run of the release before."""
    keys = center.keys()
    created_at = datetime.now(UTC).isoformat(timespec="seconds")
    took: list[float] = []
    for run in range(runs):
        station_id = secrets.token_hex(16)
        code = f"M{span[1] % 1000:03d}{run:02d}"
        key = Ed25519PrivateKey.from_private_bytes(
            center.enroll_station(station_id, f"Matja {run} (sintetike)", code)
        )
        bundle = Bundle(
            station_id,
            1,
            created_at,
            tuple(varied_records(station_id, code, range(records), seed=run, span=span)),
        )
        data = write_bundle(bundle, station_key=key, recipient=keys.age_recipient)
        name = bundle_file_name(station_id, 1)
        took.append(timed(lambda: import_bundle(center, data, name)))  # noqa: B023
    return statistics.median(took)


def measure(center: CenterStore, runs: int) -> dict[str, Any]:
    figures: dict[str, Any] = {"upgrade_s": None, "upgrade_peak_mb": None}
    if needs_upgrade(center):  # once: the probe's second run would find it done
        upgrade = run_probe("upgrade", center.center_dir, runs, times=1)
        figures["upgrade_s"] = upgrade["seconds"]
        figures["upgrade_peak_mb"] = to_mb(upgrade["peak_kib"])
    db = center.open()
    try:
        row = db.one("SELECT count(*) FROM records WHERE kind = 'case'")
        figures["records"] = int(row[0]) if row else 0
    finally:
        db.close()
    figures["center_db_mb"] = center.database_path.stat().st_size / 1e6

    def decade() -> object:
        return compute_statistics(center, start=DECADE[0], end=DECADE[1])

    figures["statistics_first_s"] = timed(decade)
    figures["statistics_s"] = median_s(decade, runs)
    figures["statistics_one_year_s"] = median_s(
        lambda: compute_statistics(center, start=ONE_YEAR[0], end=ONE_YEAR[1]), runs
    )
    figures["load_registry_s"] = median_s(lambda: load_registry(center), max(1, runs // 2))
    statistics_process = run_probe("stats", center.center_dir, runs)
    figures["statistics_process_s"] = statistics_process["seconds"]
    figures["statistics_peak_mb"] = to_mb(statistics_process["peak_kib"])
    # Each import marks the months it touched; the next statistics count those again.
    figures["import_2500_recent_s"] = import_seconds(center, 2_500, runs, RECENT)
    figures["statistics_after_recent_import_s"] = timed(decade)
    figures["import_2500_decade_s"] = import_seconds(center, 2_500, runs, DECADE_SPAN)
    figures["statistics_after_decade_import_s"] = timed(decade)
    registry = run_probe("registry", center.center_dir, runs)
    figures |= {f"registry_{k}": v for k, v in registry.items() if not k.endswith("_kib")}
    figures["registry_peak_mb"] = to_mb(registry["peak_kib"])
    figures["center_memory_mb"] = max(
        figures["statistics_peak_mb"] or 0,
        figures["registry_peak_mb"] or 0,
        figures["upgrade_peak_mb"] or 0,
    )
    return figures


def rows_of(figures: dict[str, Any], fill_s: float | None) -> list[Row]:
    def s(key: str) -> str:
        return f"{figures[key]:.2f} s"

    def m(key: str) -> str:
        return f"{figures[key]:.0f} ms"

    rows: list[Row] = [
        ("records (cases)", f"{figures['records']:,}", "(info)"),
        ("center.db", f"{figures['center_db_mb']:.0f} MB", "(info)"),
    ]
    if fill_s is not None:
        rows.append(("fill: bundles made and imported", f"{fill_s:.1f} s", "(info)"))
    if figures["upgrade_s"] is not None:
        rows.append(("upgrade of an older centre on open", s("upgrade_s"), "(info)"))
        rows.append(("  peak RSS of that process", f"{figures['upgrade_peak_mb']:.0f} MB",
                     goal(figures["upgrade_peak_mb"], MEMORY_GOAL_MB, "MB")))  # fmt: skip
    rows += [
        ("statistics, ten years (median)", s("statistics_s"),
         goal(figures["statistics_s"], STATISTICS_GOAL_S, "s")),
        ("  first run", s("statistics_first_s"), "(info)"),
        ("  one year", s("statistics_one_year_s"), "(info)"),
        ("  fresh process (center stats)", s("statistics_process_s"), "(info)"),
        ("  peak RSS of that process", f"{figures['statistics_peak_mb']:.0f} MB",
         goal(figures["statistics_peak_mb"], MEMORY_GOAL_MB, "MB")),
        ("import: 2,500 new records of the last 60 days", s("import_2500_recent_s"), "(info)"),
        ("  statistics just after (2 months recounted)", s("statistics_after_recent_import_s"),
         "(info)"),
        ("  the same, begun over ten years", s("import_2500_decade_s"), "(info)"),
        ("  statistics just after (every month recounted)",
         s("statistics_after_decade_import_s"), "(info)"),
        ("load_registry(): every row", s("load_registry_s"), "(info)"),
        ("registry: CenterWindow() → table painted", m("registry_first_paint_ms"),
         goal(figures["registry_first_paint_ms"], FIRST_PAINT_GOAL_MS, "ms")),
        ("  of which the constructor", m("registry_constructor_ms"), "(info)"),
        ("  the same, fresh process (cold)", m("registry_cold_first_paint_ms"), "(info)"),
        ("  sort by case code → painted", m("registry_sort_ms"), "(info)"),
        ("  scroll to the end → painted", m("registry_scroll_to_end_ms"), "(info)"),
        ("  refresh, sorted by case code → painted", m("registry_refresh_ms"), "(info)"),
        ("  peak RSS of that process", f"{figures['registry_peak_mb']:.0f} MB",
         goal(figures["registry_peak_mb"], MEMORY_GOAL_MB, "MB")),
    ]  # fmt: skip
    return rows


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=CASES)
    parser.add_argument("--stations", type=int, default=STATIONS)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--keep", type=Path, help="keep a copy of the filled centre here")
    parser.add_argument("--center", type=Path, help="measure a copy of this kept centre")
    parser.add_argument("--json", action="store_true", help="print one JSON object instead")
    parser.add_argument(
        "--import-only", action="store_true", help="measure only the import into the centre"
    )
    parser.add_argument("--probe", nargs=2, metavar=("KIND", "CENTER_DIR"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.probe:
        kind, folder = args.probe
        if kind == "stats":
            result = statistics_probe(Path(folder))
        elif kind == "upgrade":
            result = upgrade_probe(Path(folder))
        else:
            result = registry_probe(Path(folder), args.runs)
        print(json.dumps(result), flush=True)
        return 0
    with tempfile.TemporaryDirectory(prefix="center-bench-") as temp:
        center_dir = Path(temp) / "center"
        fill_s: float | None = None
        if args.center:
            shutil.copytree(args.center, center_dir)
        else:
            started = time.perf_counter()
            varied_center(center_dir, args.cases, stations=args.stations, per_bundle=2_500)
            fill_s = time.perf_counter() - started
            if args.keep:
                shutil.copytree(center_dir, args.keep)
        if args.import_only:
            for name, span in (("the last 60 days", RECENT), ("ten years", DECADE_SPAN)):
                seconds = import_seconds(CenterStore(center_dir), 2_500, args.runs, span)
                print(f"import: 2,500 new records begun over {name}: {seconds:.2f} s")
            return 0
        figures = measure(CenterStore(center_dir), args.runs)
        figures["fill_s"] = fill_s
    if args.json:
        print(json.dumps(figures, sort_keys=True))
        return 0
    load = os.getloadavg()[0]
    print(
        f"centre at scale: {platform.python_version()}, {os.cpu_count()} cores, load {load:.2f}"
        f"{'  (busy machine: figures are noisy)' if load > 0.5 else ''}; runs {args.runs}"
    )
    print_table(rows_of(figures, fill_s))
    return 0


if __name__ == "__main__":
    sys.exit(main())
