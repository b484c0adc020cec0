"""Every speed and memory figure in one JSON object: ``python -m benchmarks [--quick] [--json]``.

Runs the benchmark scripts one after another, each in its own interpreter (so one's memory and
caches never flatter the next), asks each for ``--json`` and merges what they print. Every key
and its goal is listed in ``benchmarks/README.md`` ("All figures at once"); ``goals`` in the
output says, per goal, whether this run met it. Asserts nothing, like every script here.

``--quick`` (under 5 minutes on 2 cores): one run per figure and the centre at 30,000 records
instead of 100,000; the station figures keep their full sizes (the export goal is at 10,000).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent

# (script, arguments in full mode, arguments in quick mode, prefix for its keys)
SCRIPTS: tuple[tuple[str, tuple[str, ...], tuple[str, ...], str], ...] = (
    ("startup_and_unlock.py", ("--runs", "5"), ("--runs", "2"), ""),
    ("sync_bundles.py", ("--runs", "3"), ("--interviews", "10000", "--runs", "1"), ""),
    ("center_at_scale.py", ("--runs", "3"), ("--cases", "30000", "--runs", "1"), "center_"),
)

# key → (goal in words, test of the value)
GOALS: dict[str, tuple[str, Any]] = {
    "startup_vs_plain_login_form": ("≤ 1.15", lambda v: v <= 1.15),
    "unlock_s": ("0.3–1.0 s", lambda v: 0.3 <= v <= 1.0),
    "import_vs_plain_sqlite": ("≤ 2", lambda v: v <= 2.0),
    "export_unchanged_ms": ("≤ 50 ms at 10,000 cases", lambda v: v <= 50),
    "center_statistics_s": ("≤ 0.5 s at 100,000 records", lambda v: v <= 0.5),
    "center_registry_first_paint_ms": ("≤ 200 ms at 100,000 records", lambda v: v <= 200),
    "center_center_memory_mb": ("≤ 250 MB", lambda v: v <= 250),
}


def run(script: str, arguments: tuple[str, ...]) -> dict[str, Any]:
    """The JSON object ``script --json`` prints last; its table goes to our stderr."""
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, str(HERE / script), *arguments, "--json"],
        stdout=subprocess.PIPE,
        text=True,
        check=False,
    )
    took = time.perf_counter() - started
    lines = done.stdout.strip().splitlines()
    if done.returncode != 0 or not lines:
        return {"failed": f"exit {done.returncode}", "took_s": round(took, 1)}
    figures: dict[str, Any] = json.loads(lines[-1])
    figures["took_s"] = round(took, 1)
    return figures


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="one run each, a smaller centre")
    parser.add_argument("--json", action="store_true", help="print only the JSON object")
    args = parser.parse_args()
    merged: dict[str, Any] = {
        "machine": {
            "cores": os.cpu_count(),
            "python": platform.python_version(),
            "load_before": round(os.getloadavg()[0], 2),
        },
        "quick": args.quick,
    }
    for script, full, quick, prefix in SCRIPTS:
        print(f"== {script}", file=sys.stderr, flush=True)
        figures = run(script, quick if args.quick else full)
        name = script.removesuffix(".py")
        merged[f"{name}_took_s"] = figures.pop("took_s")
        if "failed" in figures:
            merged[f"{name}_failed"] = figures["failed"]
        merged |= {f"{prefix}{key}": value for key, value in figures.items()}
    merged["goals"] = {
        key: {"goal": goal, "value": merged.get(key), "met": None if key not in merged
              or merged[key] is None else bool(test(merged[key]))}
        for key, (goal, test) in GOALS.items()
    }  # fmt: skip
    print(json.dumps(merged, indent=None if args.json else 2, sort_keys=True, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
