"""Issue 13, item 3 in the window: a statistics user's counts come from the statistics store
alone (their key opens nothing else), and agree with what a registry user sees."""

from __future__ import annotations

import secrets
from pathlib import Path

from pytestqt.qtbot import QtBot

from interview_room.center.statistics_store import STATISTICS_FILE
from interview_room.center.store import DATABASE_FILE
from interview_room.gui.center_window import CenterWindow
from tests.gui.conftest import table_texts
from tests.gui.test_center_sign_in import (
    CASES,
    REGISTRY_PASSWORD,
    STATS_PASSWORD,
    centre_with_users,
    sign_in,
)


def _summary(window: CenterWindow) -> list[list[str]]:
    return sorted(table_texts(window.summary))


def test_the_statistics_role_reads_counts_from_the_statistics_store_only(
    qtbot: QtBot, tmp_path: Path
) -> None:
    center_dir = tmp_path / "center"
    centre_with_users(center_dir)
    assert (center_dir / STATISTICS_FILE).exists(), "split at the administrator's sign-in"
    registry_window = CenterWindow(center_dir)
    qtbot.addWidget(registry_window)
    registry_window.show()
    sign_in(qtbot, registry_window, "dritan", REGISTRY_PASSWORD)
    qtbot.waitUntil(registry_window.cases.isVisible)
    seen_by_registry = _summary(registry_window)
    registry_window.close()

    window = CenterWindow(center_dir)
    qtbot.addWidget(window)
    window.show()
    sign_in(qtbot, window, "besa", STATS_PASSWORD)
    qtbot.waitUntil(window.summary.isVisible)
    assert _summary(window) == seen_by_registry
    # The registry made unreadable under the signed-in window: the counts still come.
    registry = center_dir / DATABASE_FILE
    kept = registry.read_bytes()
    registry.write_bytes(secrets.token_bytes(len(kept)))
    try:
        window.refresh()
        assert _summary(window) == seen_by_registry
        assert sum(int(row[2]) for row in _summary(window)) == CASES
        assert window.cases.model() is None and not window.conflicts.isVisible()
    finally:
        registry.write_bytes(kept)
