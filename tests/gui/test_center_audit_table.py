"""The centre window lists the centre's own audit log for an administrator: the newest entry
first, the event, user and station in words, a failed sign-in with the username tried, and
nothing else about anyone; a statistics user is not shown it."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QPoint, Qt
from pytestqt.qtbot import QtBot

from interview_room.center.audit_log import CenterAuditEvent
from interview_room.center.store import CenterStore
from interview_room.gui.center_audit_table import CenterAuditTable
from interview_room.gui.center_window import CenterWindow
from interview_room.gui.i18n import InterfaceLanguage
from tests.gui.test_center_password import ADMIN_PASSWORD, STATS_PASSWORD, _centre
from tests.gui.test_center_sign_in import sign_in

STATION = "3f9c2a7d51e04b88a6c0d2e1f4b7a9c3"
WRONG = "synthetic-wrong-counting-passphrase"


def _rows(window: CenterWindow) -> list[list[str]]:
    model = window.center_audit_table.entries_model
    return [
        [model.text(row, column) for column in range(model.columnCount())]
        for row in range(model.rowCount())
    ]


def _centre_with_a_station(center_dir: Path) -> None:
    _centre(center_dir)
    center = CenterStore(center_dir)
    center.sign_in("ana", ADMIN_PASSWORD)
    center.enroll_station(STATION, "Kakavije", "KAK")
    center.sign_out()


def _open_as_ana_after_a_failure(qtbot: QtBot, center_dir: Path) -> CenterWindow:
    window = CenterWindow(center_dir)
    qtbot.addWidget(window)
    window.resize(1100, 720)
    window.show()
    sign_in(qtbot, window, "besa", WRONG)
    page = window.sign_in_page
    assert page is not None
    qtbot.waitUntil(page.sign_in_button.isEnabled, timeout=5_000)
    sign_in(qtbot, window, "ana", ADMIN_PASSWORD)
    qtbot.waitUntil(window.center_audit_table.isVisible)
    return window


def test_an_administrator_reads_the_log_newest_first(qtbot: QtBot, tmp_path: Path) -> None:
    InterfaceLanguage().switch("en")
    center_dir = tmp_path / "center"
    _centre_with_a_station(center_dir)
    window = _open_as_ana_after_a_failure(qtbot, center_dir)

    rows = _rows(window)
    events = [row[2] for row in rows]
    assert events[0] == "Signed in" and rows[0][1] == "ana", "the newest entry comes first"
    assert events[-1] == "Central office set up"
    times = [row[0] for row in rows]
    assert times == sorted(times, reverse=True)
    failed = rows[events.index("Failed sign-in")]
    assert "username tried: besa" in failed[4] and failed[1] == ""
    enrolled = rows[events.index("Station enrolled")]
    assert enrolled[3] == "Kakavije (KAK)" and enrolled[1] == "ana"
    added = rows[events.index("User added")]
    assert "user besa" in added[4] and "role: statistics only" in added[4]
    assert all(row[2] != code for row in rows for code in ("sign_in", "user_added"))
    shown = " ".join(" ".join(row) for row in rows)
    for secret in (ADMIN_PASSWORD, WRONG, "Ana Shembulli", "Besa Numri"):
        assert secret not in shown
    assert window.center_audit.isVisible() and window.center_audit.property("role") == "hint"
    window.grab().save("/tmp/s1b_center_audit_en.png")

    # A click on the time heading turns the order round: the oldest first.
    header = window.center_audit_table.horizontalHeader()
    x = header.sectionViewportPosition(0) + header.sectionSize(0) // 2
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, 5))
    qtbot.waitUntil(lambda: _rows(window)[0][2] == "Central office set up")
    window.close()
    window._center.sign_out()


def test_a_statistics_user_is_not_shown_the_entries(qtbot: QtBot, tmp_path: Path) -> None:
    center_dir = tmp_path / "center"
    _centre_with_a_station(center_dir)
    window = CenterWindow(center_dir)
    qtbot.addWidget(window)
    window.show()
    sign_in(qtbot, window, "besa", STATS_PASSWORD)
    qtbot.waitUntil(window.summary.isVisible)
    assert not window.center_audit_table.isVisible()
    assert window.center_audit_table.entries_model.rowCount() == 0
    window.close()
    window._center.sign_out()


def test_every_event_the_centre_logs_has_words(qtbot: QtBot) -> None:
    table = CenterAuditTable()
    qtbot.addWidget(table)
    for event in CenterAuditEvent:
        assert table.event_name(event.value) != event.value, event
    assert table.event_name("an_event_from_a_newer_app") == "an_event_from_a_newer_app"


def test_every_reason_the_statistics_store_is_rebuilt_for_has_words(qtbot: QtBot) -> None:
    """``key_split.follow`` logs why (``statistics_store.damage``, ``statistics_digest``)."""
    from interview_room.store.audit import AuditEntry

    table = CenterAuditTable()
    qtbot.addWidget(table)
    for reason in ("unreadable", "schema", "counts", "status_counts", "rows", "unsealed"):
        entry = AuditEntry(
            seq=1,
            at="2026-01-05T10:00:00+00:00",
            actor=None,
            event=CenterAuditEvent.STATISTICS_STORE_REBUILT.value,
            subject=None,
            detail=f'{{"reason": "{reason}"}}',
            prev_hash="0" * 64,
            hash="0" * 64,
        )
        assert table.details(entry) not in ("", reason, f"reason: {reason}"), reason
