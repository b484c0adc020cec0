"""Run by test_center_window.py in its own process, because the binding bug it looks for ends
the process ("Fatal Python error: deallocating None"): the real registry window on a filled
centre, refreshed REFRESHES times, then one JSON line on stdout with what it showed and how
many references to None, True and False each refresh cost.

    python -m tests.gui.registry_worker CENTER_DIR REFRESHES
"""

from __future__ import annotations

import gc
import json
import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QApplication

from interview_room.gui.app import create_application
from interview_room.gui.center_window import CenterWindow


def singleton_references() -> tuple[int, int, int]:
    """References held to None, True and False, after a full collection (so that only leaks
    and losses remain, not garbage waiting to be collected)."""
    gc.collect()
    return sys.getrefcount(None), sys.getrefcount(True), sys.getrefcount(False)


def main(center_dir: Path, refreshes: int) -> None:
    create_application()
    window = CenterWindow(center_dir)
    window.resize(1100, 720)
    window.show()
    QApplication.processEvents()
    window.refresh()  # a first refresh warms caches up; the ones measured below are alike
    QApplication.processEvents()
    before = singleton_references()
    for _ in range(refreshes):
        window.refresh()
        window.cases.scrollToBottom()
        QApplication.processEvents()  # paints: every visible cell is read from the model
    after = singleton_references()
    model = window.cases.model()
    last = model.index(model.rowCount() - 1, 1).data()
    lost = [(b - a) / refreshes for b, a in zip(before, after, strict=True)]
    print(
        json.dumps(
            {
                "rows": model.rowCount(),
                "last_code": last,
                "none_before": before[0],
                "lost_per_refresh": dict(zip(("None", "True", "False"), lost, strict=True)),
            }
        ),
        flush=True,
    )
    window.close()


if __name__ == "__main__":
    main(Path(sys.argv[1]), int(sys.argv[2]))
