"""Run every area of the reliability suite and print (or store) one table of figures.

``python -m reliability`` runs the short scale (what CI runs); ``--full`` the published one;
``--write`` also rewrites the figures section of ``docs/RELIABILITY.md`` with the table, the
command and the date. Exit status 1 when any figure did not hold.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from datetime import UTC, datetime
from pathlib import Path

from reliability.common import Figure, Scale, machine_line, markdown_table

AREAS = (
    "crash_consistency",
    "crash_rekey",
    "disk_and_usb",
    "network_faults",
    "bundle_fuzzing",
    "leak_scan",
    "password_attacks",
    "audit_integrity",
)
REPORT = Path(__file__).resolve().parent.parent / "docs" / "RELIABILITY.md"
BEGIN = "<!-- figures:begin -->"
END = "<!-- figures:end -->"


def run_area(area: str, scale: Scale) -> list[Figure]:
    """One area's figures at the given scale."""
    module = importlib.import_module(f"reliability.{area}")
    figures: list[Figure] = module.run(scale)
    return figures


def write_report(table: str, scale: Scale, report: Path = REPORT) -> None:
    """Replace the text between the figures markers of the report with this run's table."""
    command = "python -m reliability --full" if scale is Scale.FULL else "python -m reliability"
    stamp = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    block = (
        f"{BEGIN}\nProduced {stamp} by `.venv/bin/{command} --write` on {machine_line()}.\n\n"
        f"{table}\n{END}"
    )
    text = report.read_text(encoding="utf-8")
    head, _, rest = text.partition(BEGIN)
    _, _, tail = rest.partition(END)
    report.write_text(head + block + tail, encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m reliability", description=__doc__)
    parser.add_argument("--full", action="store_true", help="the published scale (slower)")
    parser.add_argument("--write", action="store_true", help="store the table in the report")
    parser.add_argument("areas", nargs="*", metavar="area", help=f"one of {', '.join(AREAS)}")
    args = parser.parse_args()
    unknown = [a for a in args.areas if a not in AREAS]
    if unknown:
        parser.error(f"unknown area: {', '.join(unknown)}")
    scale = Scale.FULL if args.full else Scale.SHORT
    figures: list[Figure] = []
    for area in args.areas or AREAS:
        print(f"== {area}", file=sys.stderr, flush=True)
        figures.extend(run_area(area, scale))
    table = markdown_table(figures)
    print(table)
    if args.write:
        write_report(table, scale)
    sys.exit(0 if all(f.held for f in figures) else 1)


if __name__ == "__main__":
    main()
