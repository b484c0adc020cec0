"""What a person sees cut off: words squeezed into fewer lines than they need, text wider than
its field, a control outside its window."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect
from PySide6.QtWidgets import QFormLayout, QLabel, QLineEdit, QWidget


def clipped_labels(root: QWidget) -> list[str]:
    """The visible labels of ``root`` that are given less height than their words need at
    their width (the lines at the top and bottom are cut), or that stick out of the window."""
    window = root.window()
    inside = QRect(QPoint(0, 0), window.size())
    cut = []
    for widget in root.findChildren(QLabel):
        if not widget.isVisible() or not widget.text():
            continue
        needed = (
            widget.heightForWidth(widget.width())
            if widget.wordWrap()
            else widget.sizeHint().height()
        )
        placed = QRect(widget.mapTo(window, QPoint(0, 0)), widget.size())
        if widget.height() < needed or not inside.contains(placed):
            cut.append(widget.text())
    return cut


def text_fits(field: QLineEdit, text: str) -> bool:
    """Whether ``text`` (the field's text or its placeholder) shows whole in ``field``."""
    # The frame and the style's padding take some room on each side (about a character).
    room = field.width() - 2 * field.fontMetrics().averageCharWidth() - 8
    return field.fontMetrics().horizontalAdvance(text) <= room


def narrowest_label_gap(form: QFormLayout) -> int:
    """The least room, in pixels, between a form's label and its field, over its rows."""
    gaps = []
    for row in range(form.rowCount()):
        name = form.itemAt(row, QFormLayout.ItemRole.LabelRole)
        field = form.itemAt(row, QFormLayout.ItemRole.FieldRole)
        if name is None or field is None or name.widget() is None:
            continue
        words = name.widget()
        assert isinstance(words, QLabel)
        words_end = words.x() + words.fontMetrics().horizontalAdvance(words.text())
        gaps.append(field.geometry().x() - words_end)
    assert gaps, "a form with labelled rows"
    return min(gaps)
