"""The registry's column headings show whole at the window's smallest size, in the app's own
font and style, in both interface languages (the last one was clipped)."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import QHeaderView
from pytestqt.qtbot import QtBot

from interview_room.center.store import CenterStore
from interview_room.gui.center_window import CenterWindow
from interview_room.gui.i18n import InterfaceLanguage

PADDING = 6
"""The style sheet's padding of a header section, on each side."""


def _cut_headings(header: QHeaderView) -> list[str]:
    """The headings whose words, wrapped at their column's width, do not fit the header."""
    font = QFont(header.font())
    font.setWeight(QFont.Weight.DemiBold)  # the style sheet's font-weight: 600
    metrics = QFontMetrics(font)
    model = header.model()
    cut = []
    for section in range(header.count()):
        words = str(model.headerData(section, Qt.Orientation.Horizontal))
        room = QRect(0, 0, header.sectionSize(section) - 2 * PADDING, 10_000)
        # as the header draws it: on one line unless its alignment says to wrap
        needed = metrics.boundingRect(room, header.defaultAlignment().value, words)
        # A word longer than its column is cut whatever the lines; so is a third line.
        if needed.width() > room.width() or needed.height() > header.height() - 2 * PADDING:
            cut.append(words)
    return cut


@pytest.mark.parametrize("language", ["sq", "en"])
def test_every_registry_heading_shows_whole_at_the_smallest_size(
    qtbot: QtBot, real_look: None, tmp_path: Path, language: str
) -> None:
    InterfaceLanguage().switch(language)
    center = CenterStore(tmp_path / "center")
    center.create(training=True)
    window = CenterWindow(tmp_path / "center")
    qtbot.addWidget(window)
    window.resize(window.minimumSize())
    window.show()
    qtbot.waitExposed(window)
    assert _cut_headings(window.cases.horizontalHeader()) == []
    assert _cut_headings(window.summary.horizontalHeader()) == []
    window.close()
