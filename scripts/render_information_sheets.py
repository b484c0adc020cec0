"""Render the person's information sheet in Albanian and English and save PNGs to look at.

    .venv/bin/python scripts/render_information_sheets.py

Needs pdftoppm (poppler-utils). Output: docs/screenshots/information-sheet-<lang>.png (page 1)
and information-sheet-<lang>-2.png (page 2). Only synthetic values: a station name and a date.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from datetime import date
from pathlib import Path

from interview_room.documents.information_sheet import render_information_sheet

OUT = Path(__file__).resolve().parents[1] / "docs" / "screenshots"
LANGUAGES = ("sq", "en")
STATION = "Pika e Kalimit Kufitar Morinë"
ISSUED = date(2026, 3, 2)


def main() -> int:
    pdftoppm = shutil.which("pdftoppm")
    if pdftoppm is None:
        print("pdftoppm is missing: install poppler-utils", file=sys.stderr)
        return 1
    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as temp:
        folder = Path(temp)
        for language in LANGUAGES:
            pdf = folder / f"{language}.pdf"
            pdf.write_bytes(
                render_information_sheet(language, station_name=STATION, issued_on=ISSUED)
            )
            for page, suffix in ((1, ""), (2, "-2")):
                stem = folder / f"information-sheet-{language}{suffix}"
                pages = ["-f", str(page), "-l", str(page)]
                subprocess.run(
                    [pdftoppm, "-r", "70", "-png", "-singlefile", *pages, str(pdf), str(stem)],
                    check=True,
                )
                target = OUT / f"{stem.name}.png"
                shutil.move(stem.with_suffix(".png"), target)
                print(f"saved {target.relative_to(OUT.parents[1])}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
