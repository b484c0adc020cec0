"""Where the keyboard's focus goes on the interview page: never onto an answer nobody has seen.

A key pressed on a control out of view would record an answer nobody saw (issue 11). So the
first answer takes focus only when it is in view; under a long text read to the person the page
itself holds focus (arrows and Page Down scroll it, Tab goes on to the answers), and whatever
takes focus inside the question is scrolled into view.
"""

from __future__ import annotations

from itertools import pairwise
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QWidget
from shiboken6 import isValid

if TYPE_CHECKING:
    from PySide6.QtWidgets import QPushButton, QScrollArea


class FocusWhereSeen:
    """Focus rules of :class:`~interview_room.gui.interview.wizard.WizardPage` (a mixin)."""

    if TYPE_CHECKING:
        question_area: QScrollArea
        back_button: QPushButton
        skip_button: QPushButton
        next_button: QPushButton

    def _focus_where_seen(self, target: QWidget | None) -> None:
        """Focus the first answer only when it can be seen without scrolling: a key pressed on
        a control out of view would record an answer nobody saw. Under a long text read to the
        person, the page itself takes focus (arrows and Page Down scroll; Tab goes on to the
        answers, which scroll into view as they take focus). A page not shown yet is checked
        once it is."""
        content = self.question_area.widget()
        if target is None or content is None:
            return
        self._chain_tab_order(content)
        if not self.question_area.isVisible():
            # Not laid out yet: the page holds focus (an answer focused now would scroll the
            # page down past the words to read), and the answer takes it once shown, if seen.
            self.question_area.setFocus()
            QTimer.singleShot(0, lambda: self._focus_in_view(content, target))
            return
        if self._in_view(target):
            target.setFocus()
        else:
            self.question_area.setFocus()

    def _focus_in_view(self, content: QWidget, target: QWidget) -> None:
        if not isValid(self.question_area) or self.question_area.widget() is not content:
            return  # the question changed
        if self.question_area.window().focusWidget() is not self.question_area:
            return  # the officer moved on (the window's focus, active or not)
        if isValid(target) and self._in_view(target):
            target.setFocus()

    def _chain_tab_order(self, content: QWidget) -> None:
        """Tab from the page goes first to its answers, in the order they are read, then to
        Back, Skip and Next (new answers were otherwise last in the chain, after the buttons)."""
        stops = [
            w
            for w in content.findChildren(QWidget)
            if w.focusPolicy() & Qt.FocusPolicy.TabFocus and not w.isHidden()
        ]
        chain = [self.question_area, *stops, self.back_button, self.skip_button, self.next_button]
        for first, second in pairwise(chain):
            QWidget.setTabOrder(first, second)

    def _scroll_to_focus(self, _old: QWidget | None, new: QWidget | None) -> None:
        """Whatever takes focus inside the question (Tab, a shortcut, a click) is scrolled
        into view, so nothing is ever chosen out of sight."""
        if new is None or not isValid(self) or not isValid(self.question_area):
            return
        content = self.question_area.widget()
        if content is not None and content.isAncestorOf(new):
            self.question_area.ensureWidgetVisible(new, 8, 8)

    def _in_view(self, target: QWidget) -> bool:
        content = self.question_area.widget()
        if content is None:
            return False
        layout = content.layout()
        if layout is not None:
            layout.activate()
        bottom = target.mapTo(content, target.rect().bottomLeft()).y()
        return bottom <= self.question_area.viewport().height()
