"""Small building blocks shared by the pages: headings, cards, form rows, the training banner."""

from __future__ import annotations

from typing import TypeVar

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCommandLinkButton,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

W = TypeVar("W", bound=QWidget)


def label(text: str, role: str | None = None, wrap: bool = True) -> QLabel:
    widget = QLabel(text)
    widget.setWordWrap(wrap)
    if role:
        widget.setProperty("role", role)
    return widget


def describe(widget: W, name: str, description: str, tooltip: bool = False) -> W:
    """Give ``widget`` what a screen reader says: a short name and a sentence on what it does
    (both already translated). ``tooltip``: show the sentence on hover as well."""
    widget.setAccessibleName(name.replace("&", ""))
    widget.setAccessibleDescription(description)
    if tooltip:
        widget.setToolTip(description)
    return widget


def button(text: str, primary: bool = False, description: str = "") -> QPushButton:
    """A push button; ``description`` is said by screen readers and shown on hover."""
    widget = QPushButton(text)
    if primary:
        widget.setProperty("role", "primary")
        widget.setDefault(True)
    return describe(widget, text, description, tooltip=bool(description))


def line_edit(
    accessible_name: str, password: bool = False, placeholder: str = "", description: str = ""
) -> QLineEdit:
    widget = describe(QLineEdit(), accessible_name, description)
    if placeholder:
        widget.setPlaceholderText(placeholder)
    if password:
        widget.setEchoMode(QLineEdit.EchoMode.Password)
        # Keep passwords out of input-method caches and predictive keyboards.
        widget.setInputMethodHints(
            Qt.InputMethodHint.ImhHiddenText
            | Qt.InputMethodHint.ImhSensitiveData
            | Qt.InputMethodHint.ImhNoPredictiveText
        )
    return widget


def card(*children: QWidget, spacing: int = 12) -> QFrame:
    frame = QFrame()
    frame.setProperty("role", "card")
    layout = QVBoxLayout(frame)
    layout.setContentsMargins(28, 24, 28, 24)
    layout.setSpacing(spacing)
    for child in children:
        layout.addWidget(child)
    return frame


def centred(widget: QWidget, max_width: int = 560) -> QWidget:
    """Put ``widget`` in the middle of the page at a comfortable reading width."""
    holder = QWidget()
    outer = QHBoxLayout(holder)
    outer.addStretch(1)
    widget.setMaximumWidth(max_width)
    column = QVBoxLayout()
    column.addStretch(1)
    column.addWidget(widget)
    column.addStretch(2)
    outer.addLayout(column, 10)
    outer.addStretch(1)
    return holder


class ChoiceButton(QCommandLinkButton):
    """A large button with a title and a wrapped explanation under it."""

    def __init__(self, title: str, explanation: str) -> None:
        super().__init__(title, explanation)
        self.setProperty("role", "choice")
        describe(self, title, explanation)


class LanguageSwitch(QWidget):
    """Two buttons, Shqip and English; the names stay in their own language on purpose."""

    chosen = Signal(str)

    def __init__(self, current: str) -> None:
        super().__init__()
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        descriptions = {
            "sq": self.tr("Show the interface in Albanian."),
            "en": self.tr("Show the interface in English."),
        }
        for code, name in (("sq", "Shqip"), ("en", "English")):
            switch = QPushButton(name)
            switch.setCheckable(True)
            switch.setChecked(code == current)
            describe(switch, name, descriptions[code])
            switch.clicked.connect(lambda _=False, c=code: self.chosen.emit(c))
            layout.addWidget(switch)


class ContrastSwitch(QPushButton):
    """The high-contrast look, on or off, for the whole app (emits ``chosen`` with the wish)."""

    chosen = Signal(bool)

    def __init__(self, on: bool) -> None:
        super().__init__(self.tr("High contrast"))
        self.setCheckable(True)
        self.setChecked(on)
        describe(
            self,
            self.text(),
            self.tr(
                "White and yellow on black with a thick focus ring, for low vision or bright "
                "light. Press again for the usual colours."
            ),
            tooltip=True,
        )
        self.clicked.connect(self.chosen)


class TrainingBanner(QFrame):
    """The strip that marks a training workstation on every screen."""

    def __init__(self) -> None:
        super().__init__()
        self.setProperty("role", "training")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(16, 6, 16, 6)
        text = label(
            self.tr("TRAINING WORKSTATION: every person and case here is fictitious."), wrap=False
        )
        text.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(text)
        self.setAccessibleName(text.text())
