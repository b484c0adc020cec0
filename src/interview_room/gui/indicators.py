"""Check marks, radio dots and spin-box arrows in the look's own colours.

Qt's style sheets cannot draw a tick or an arrow: a style-sheet indicator is a plain box, so a
ticked check box was only a filled square (white on black in high contrast, which reads as an
empty box), and a styled spin box lost its arrows. The style sheet keeps the size and the focus
ring; this style, under it, draws the marks.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPen, QPolygonF
from PySide6.QtWidgets import QProxyStyle, QStyle, QStyleFactory, QStyleOption, QWidget

if TYPE_CHECKING:
    from interview_room.gui.theme import Palette

PE = QStyle.PrimitiveElement
State = QStyle.StateFlag
SPIN_UP = (PE.PE_IndicatorSpinUp, PE.PE_IndicatorSpinPlus)
SPIN_DOWN = (PE.PE_IndicatorSpinDown, PE.PE_IndicatorSpinMinus)


class MarkedStyle(QProxyStyle):
    """Fusion, with the check box, radio button and spin-box button drawn from ``colours()``
    (the palette in use at the moment of drawing)."""

    def __init__(self, colours: Callable[[], Palette]) -> None:
        super().__init__(QStyleFactory.create("Fusion"))
        self._colours = colours

    def drawPrimitive(
        self,
        element: QStyle.PrimitiveElement,
        option: QStyleOption,
        painter: QPainter,
        widget: QWidget | None = None,
    ) -> None:
        if element in (PE.PE_IndicatorCheckBox, PE.PE_IndicatorRadioButton, *SPIN_UP, *SPIN_DOWN):
            painter.save()
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            try:
                if element == PE.PE_IndicatorCheckBox:
                    self._check_box(option, painter)
                elif element == PE.PE_IndicatorRadioButton:
                    self._radio_button(option, painter)
                else:
                    self._spin_button(option, painter, up=element in SPIN_UP)
            finally:
                painter.restore()
            return
        super().drawPrimitive(element, option, painter, widget)

    # -- the marks ---------------------------------------------------------------------------

    def _box_colours(self, option: QStyleOption, on: bool) -> tuple[str, str, str]:
        """(edge, fill, mark) for an indicator in ``option``'s state."""
        p = self._colours()
        enabled = bool(option.state & State.State_Enabled)
        if not enabled:
            return (p.disabled, p.disabled if on else p.surface, p.surface)
        edge = p.focus if option.state & State.State_HasFocus else None
        if on:
            return (edge or p.accent_dark, p.accent, p.on_accent)
        return (edge or p.muted, p.surface, p.on_accent)

    def _check_box(self, option: QStyleOption, painter: QPainter) -> None:
        on = bool(option.state & State.State_On)
        partly = bool(option.state & State.State_NoChange)
        edge, fill, mark = self._box_colours(option, on or partly)
        box = QRectF(option.rect).adjusted(1, 1, -1, -1)
        painter.setPen(QPen(QColor(edge), 2))
        painter.setBrush(QColor(fill))
        painter.drawRoundedRect(box, 3, 3)
        if not (on or partly):
            return
        w, h = box.width(), box.height()
        pen = QPen(QColor(mark), max(2.0, w / 7))
        pen.setCapStyle(Qt.PenCapStyle.RoundCap)
        pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
        painter.setPen(pen)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        x, y = box.x(), box.y()
        if partly and not on:
            painter.drawLine(QPointF(x + w * 0.25, y + h / 2), QPointF(x + w * 0.75, y + h / 2))
            return
        tick = QPainterPath(QPointF(x + w * 0.22, y + h * 0.52))
        tick.lineTo(QPointF(x + w * 0.42, y + h * 0.72))
        tick.lineTo(QPointF(x + w * 0.78, y + h * 0.28))
        painter.drawPath(tick)

    def _radio_button(self, option: QStyleOption, painter: QPainter) -> None:
        on = bool(option.state & State.State_On)
        edge, fill, mark = self._box_colours(option, on)
        circle = QRectF(option.rect).adjusted(1, 1, -1, -1)
        painter.setPen(QPen(QColor(edge), 2))
        painter.setBrush(QColor(fill))
        painter.drawEllipse(circle)
        if on:
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor(mark))
            dot = circle.width() * 0.4
            painter.drawEllipse(circle.center(), dot / 2, dot / 2)

    def _spin_button(self, option: QStyleOption, painter: QPainter, up: bool) -> None:
        p = self._colours()
        area = QRectF(option.rect)
        pressed = bool(option.state & State.State_Sunken)
        painter.fillRect(area, QColor(p.selection if pressed else p.header))
        painter.setPen(QPen(QColor(p.border), p.border_width))
        painter.drawLine(area.topLeft(), area.bottomLeft())
        if up:
            painter.drawLine(area.bottomLeft(), area.bottomRight())
        enabled = bool(option.state & State.State_Enabled)
        colour = (p.on_selection if pressed else p.text) if enabled else p.disabled
        base = max(6.0, min(area.width() - 8, (area.height() - 4) * 1.6))
        height = base / 2
        centre = area.center()
        tip, left, right = (
            (centre.y() - height / 2, centre.y() + height / 2, centre.y() + height / 2)
            if up
            else (centre.y() + height / 2, centre.y() - height / 2, centre.y() - height / 2)
        )
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(colour))
        painter.drawPolygon(
            QPolygonF(
                [
                    QPointF(centre.x(), tip),
                    QPointF(centre.x() - base / 2, left),
                    QPointF(centre.x() + base / 2, right),
                ]
            )
        )
