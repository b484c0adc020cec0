"""Render the training referral forms (Albanian and English) to PNG for docs/screenshots.

    .venv/bin/python scripts/render_referrals.py

Builds a throw-away training deployment (synthetic people only), takes its two doubly signed
referrals, and renders each page with poppler's pdftoppm. Also prints pdfsig's verdict.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

from interview_room.store.kdf import MINIMUM_ARGON2
from interview_room.training.deployment import build_training_deployment

OUT = Path(__file__).resolve().parents[1] / "docs" / "screenshots"


def main() -> int:
    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="ir-referrals-") as tmp:
        deployment = build_training_deployment(
            Path(tmp) / "data", Path(tmp) / "export", cases=6, kdf=MINIMUM_ARGON2
        )
        for pdf in deployment.referral_pdfs:
            language = pdf.stem.rsplit("-", 1)[-1]
            prefix = OUT / f"referral-{language}"
            subprocess.run(["pdftoppm", "-r", "70", "-png", str(pdf), str(prefix)], check=True)
            verdict = subprocess.run(["pdfsig", str(pdf)], capture_output=True, text=True)
            print(pdf.name, verdict.stdout.count("Signature is Valid."), "valid signatures")
    for png in sorted(OUT.glob("referral-*.png")):
        print("saved", png.name)
    return 0


if __name__ == "__main__":
    sys.exit(main())
