"""Fifth practitioner's review, finding 11: the break's words say "…or if you prefer to stop",
so the break page offers stopping as one press beside "Continue" (WHO 2003, principle 6: the
right to end the interview at any time). It is the header's stop action: the same dialog,
and the interview is kept as incomplete."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QDialog
from pytestqt.qtbot import QtBot

from interview_room.cases.register import CaseStatus
from interview_room.gui.interview.dialogs import StopDialog
from interview_room.interview.interview import Interview, Outcome
from tests.gui.conftest import ADMIN, WindowFactory, sign_in
from tests.gui.interview.helpers import on_next_dialog, start_interview, texts


def test_the_break_page_stops_the_interview_in_one_press(
    qtbot: QtBot, make_window: WindowFactory, station_home: Path
) -> None:
    window = make_window(station_home)
    sign_in(qtbot, window, *ADMIN)
    wizard = start_interview(qtbot, window)
    wizard.break_button.click()
    assert wizard.views.currentWidget() is wizard.pause_view
    stop = wizard.stop_on_break_button
    assert stop.isVisible() and stop.isEnabled()
    assert "Stop the interview…" in texts(wizard.pause_view)

    def cancel(dialog: QDialog) -> None:
        assert isinstance(dialog, StopDialog)
        dialog.reject()

    # Cancelling the dialog leaves the break as it was.
    on_next_dialog(cancel)
    stop.click()
    assert wizard.views.currentWidget() is wizard.pause_view
    assert wizard.interview.on_break and not wizard.interview.is_stopped

    def confirm(dialog: QDialog) -> None:
        assert isinstance(dialog, StopDialog)
        dialog.reason.setText("Synthetic: wants to stop during the break")
        dialog.stop_button.click()

    on_next_dialog(confirm)
    stop.click()
    qtbot.waitUntil(lambda: wizard.views.currentWidget() is wizard.end_view, timeout=3_000)
    assert wizard.interview.is_stopped and not wizard.interview.on_break

    session = window.session
    assert session is not None
    (case,) = session.cases.search()
    assert case.status is CaseStatus.INCOMPLETE, "kept as an incomplete record"
    again = Interview.resume(session, case.id, window.protocols)
    assert again.outcome is Outcome.STOPPED and not again.on_break
