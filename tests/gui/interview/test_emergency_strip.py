"""Second practitioner's review, finding 15: the emergency numbers in one calm line in the
wizard's header, on every page; the line never takes a second line, which would push the
question down at the smallest window. Fifth review, finding 11: 116 006, not confirmed, is
never on the page (pages are read to the person), only on hover for the staff, marked ⚠."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPoint
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from interview_room.gui.interview.emergency import EmergencyStrip
from interview_room.gui.interview.wizard import WizardPage
from interview_room.screening import Answer
from tests.gui.conftest import ADMIN, WindowFactory, sign_in
from tests.gui.interview.helpers import start_interview

LAPTOP = (1366, 768)
"""The stations' laptops."""
SMALLEST = (900, 620)
"""The smallest window: 1800x1240 pixels at 200 % scaling."""


def _strip(wizard: WizardPage) -> EmergencyStrip:
    found = wizard.findChild(EmergencyStrip)
    assert found is not None
    return found


def _bottom(widget: QWidget, ancestor: QWidget) -> int:
    return widget.mapTo(ancestor, QPoint(0, widget.height())).y()


def _one_line(strip: EmergencyStrip) -> bool:
    return strip.line.height() < 2 * strip.line.fontMetrics().lineSpacing()


def test_the_strip_shows_the_confirmed_numbers_and_keeps_the_unconfirmed_one_for_staff(
    qtbot: QtBot,
) -> None:
    strip = EmergencyStrip("en")
    qtbot.addWidget(strip)
    strip.show()
    qtbot.waitExposed(strip)
    strip.resize(2000, 40)
    QApplication.processEvents()
    assert strip.words == "Emergency numbers: Police 129 · Ambulance 127 · ALO 116 111"
    assert "116 006" not in strip.line.text() and strip.shown == strip.words
    assert "⚠ National anti-trafficking line 116 006 (not confirmed)" in strip.toolTip()
    assert "National help line for children – ALO 116 111" in strip.accessibleDescription()
    # Narrower and narrower: the lead words go first, then numbers from the end; the police
    # stay to the last.
    shown = []
    for width in (2000, 600, 420, 300, 200, 10):
        strip.resize(width, 40)
        QApplication.processEvents()
        assert strip.line.width() <= width
        shown.append(strip.shown)
    assert shown[0] == strip.words
    assert shown[1:] == sorted(shown[1:], key=len, reverse=True)
    assert "Police 129 · Ambulance 127 · ALO 116 111" in shown
    assert shown[-1] == "Police 129"


@pytest.mark.parametrize("size", [LAPTOP, SMALLEST])
@pytest.mark.usefixtures("real_look")
def test_the_strip_is_on_every_page_in_one_line_within_the_header(
    qtbot: QtBot, make_window: WindowFactory, station_home: Path, size: tuple[int, int]
) -> None:
    window = make_window(station_home, language="sq")
    sign_in(qtbot, window, *ADMIN)
    wizard = start_interview(qtbot, window, "sq")
    window.resize(*size)
    QApplication.processEvents()
    strip = _strip(wizard)
    header = strip.parentWidget()
    assert header is not None
    interview = wizard.interview
    for answer in (
        Answer.given("consent_interview", "yes"),
        Answer.given("prep_age", 30),
        Answer.given("prep_age_doubt", "no"),
    ):
        interview.answer(answer)
    seen = 0
    for section in interview.protocol.sections:
        if section.kind.value == "determination" or interview.blocker(section) is not None:
            continue
        interview.go_to(section)
        wizard.show_section()
        QApplication.processEvents()
        assert strip.isVisible(), section.id
        assert _one_line(strip), (section.id, strip.shown)
        # In the room the case's three lines already take: no row added above the question.
        assert _bottom(strip, header) <= _bottom(wizard.child_badge, header) + 8, section.id
        seen += 1
    assert seen >= 5
    if size == LAPTOP:
        # The whole line at the stations' laptops; the unconfirmed number never on the page.
        assert strip.shown == strip.words and "116 006" not in strip.shown
    else:
        assert strip.shown.startswith("Policia 129")
        assert "129" in strip.shown and "127" in strip.shown and "116 111" in strip.shown
