"""Answer choices whose words wrap.

Qt's radio buttons and check boxes keep their words on one line, so a long choice ("Was
threatened with being reported to the police or to immigration") set the page's narrowest
width: at 200 % scaling the words were cut off or the page scrolled sideways. These draw the
circle or box with the style (the style sheet's padding and focus ring, ``MarkedStyle``'s
marks) and their words wrapped to the width they are given, right to left where the layout is.
The whole row answers a click, not only the circle and the words.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QPoint, QRect, QSize, Qt
from PySide6.QtGui import QFontMetrics, QPaintEvent, QPalette
from PySide6.QtWidgets import (
    QAbstractButton,
    QCheckBox,
    QRadioButton,
    QSizePolicy,
    QStyle,
    QStyleOptionButton,
    QStylePainter,
    QWidget,
)

NARROWEST_TEXT = 120
"""Pixels: the least room a choice's words are given before they wrap word by word."""

FLAGS = Qt.TextFlag.TextWordWrap

if TYPE_CHECKING:
    _Button = QAbstractButton
else:
    _Button = object  # a plain mixin: a second Qt base would break the widget's ownership


def _setup(button: QAbstractButton) -> None:
    policy = button.sizePolicy()
    policy.setHorizontalPolicy(QSizePolicy.Policy.Preferred)
    policy.setHeightForWidth(True)
    button.setSizePolicy(policy)


def _chrome(button: QAbstractButton, one_line: QSize) -> QSize:
    """The room around the words: padding, border, the circle or box and its spacing."""
    metrics = QFontMetrics(button.font())
    return QSize(
        max(0, one_line.width() - metrics.horizontalAdvance(button.text())),
        max(0, one_line.height() - metrics.height()),
    )


def _height_for(button: QAbstractButton, one_line: QSize, width: int) -> int:
    chrome = _chrome(button, one_line)
    metrics = QFontMetrics(button.font())
    room = max(1, width - chrome.width())
    words = metrics.boundingRect(QRect(0, 0, room, 1_000_000), FLAGS, button.text()).height()
    return max(one_line.height(), words + chrome.height())


def _minimum(button: QAbstractButton, one_line: QSize) -> QSize:
    metrics = QFontMetrics(button.font())
    longest = max((metrics.horizontalAdvance(w) for w in button.text().split()), default=0)
    width = min(one_line.width(), _chrome(button, one_line).width() + max(longest, NARROWEST_TEXT))
    return QSize(width, _height_for(button, one_line, width))


def _paint(
    button: QRadioButton | QCheckBox,
    control: QStyle.ControlElement,
    contents_element: QStyle.SubElement,
) -> None:
    painter = QStylePainter(button)
    option = QStyleOptionButton()
    button.initStyleOption(option)
    words = option.text
    contents = button.style().subElementRect(contents_element, option, button)
    option.text = ""
    painter.drawControl(control, option)
    alignment = QStyle.visualAlignment(
        button.layoutDirection(), Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
    )
    button.style().drawItemText(
        painter,
        contents,
        int(alignment.value) | int(FLAGS.value),
        option.palette,
        button.isEnabled(),
        words,
        QPalette.ColorRole.WindowText,
    )


class _WrapsWords(_Button):
    """What both wrapping buttons change in their Qt class (listed first in their bases, so
    these come before Qt's own): words wrapped to the width given, the whole row clickable."""

    def sizeHint(self) -> QSize:
        one_line = super().sizeHint()
        return QSize(one_line.width(), _height_for(self, one_line, one_line.width()))

    def minimumSizeHint(self) -> QSize:
        return _minimum(self, super().sizeHint())

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return _height_for(self, super().sizeHint(), width)

    def hitButton(self, pos: QPoint) -> bool:
        return self.rect().contains(pos)


class WrappingRadio(_WrapsWords, QRadioButton):
    def __init__(self, text: str, parent: QWidget | None = None) -> None:
        super().__init__(text, parent)
        _setup(self)

    def paintEvent(self, event: QPaintEvent) -> None:
        _paint(self, QStyle.ControlElement.CE_RadioButton, QStyle.SubElement.SE_RadioButtonContents)


class WrappingCheck(_WrapsWords, QCheckBox):
    def __init__(self, text: str, parent: QWidget | None = None) -> None:
        super().__init__(text, parent)
        _setup(self)

    def paintEvent(self, event: QPaintEvent) -> None:
        _paint(self, QStyle.ControlElement.CE_CheckBox, QStyle.SubElement.SE_CheckBoxContents)
