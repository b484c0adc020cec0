"""Small building blocks shared by the pages: headings, cards, form rows, the training banner."""

from __future__ import annotations

from typing import TYPE_CHECKING, TypeVar

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCommandLinkButton,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from interview_room.gui.messages import password_rule

if TYPE_CHECKING:
    from PySide6.QtGui import QKeyEvent

W = TypeVar("W", bound=QWidget)


def label(text: str, role: str | None = None, wrap: bool = True) -> QLabel:
    widget = QLabel(text)
    widget.setWordWrap(wrap)
    if role:
        widget.setProperty("role", role)
    return widget


def person_words(text: str, rtl: bool, role: str = "person") -> QLabel:
    """Words the person reads along with: in a right-to-left language they start at the right
    edge and run right to left. (Qt mirrors plain AlignRight in a right-to-left widget back to
    the left, hence AlignAbsolute.)"""
    widget = label(text, role)
    if rtl:
        widget.setLayoutDirection(Qt.LayoutDirection.RightToLeft)
        widget.setAlignment(
            Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignAbsolute | Qt.AlignmentFlag.AlignTop
        )
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


class PasswordPair:
    """A new password typed twice, for every form that sets one: the two fields, and between
    them the rule for passwords (the core's zxcvbn check judges the password; the rule says
    up front what it will ask), also said to screen readers with the first field.

    The words are the form's own (already translated), each the field's label and its name.
    Not a widget: its fields are rows of the form, lined up with the form's other labels."""

    def __init__(
        self,
        password: tuple[str, str],
        again: tuple[str, str],
        rule: bool = True,
    ) -> None:
        """``password``, ``again``: each field's label and description. ``rule``: False where
        the first field may also be an existing password (a sign-in page)."""
        (self._password_label, description), (self._again_label, again_description) = (
            password,
            again,
        )
        self.password = line_edit(
            self._password_label,
            password=True,
            description=description + " " + password_rule() if rule else description,
        )
        self.again = line_edit(self._again_label, password=True, description=again_description)
        self.rule = label(password_rule(), "hint") if rule else None

    def add_rows(self, form: QFormLayout, again: bool = True) -> None:
        """The first field, the rule under it and (with ``again``) the second, as form rows."""
        form.addRow(self._password_label, self.password)
        if self.rule is not None:
            form.addRow("", self.rule)
        if again:
            form.addRow(self._again_label, self.again)

    def text(self) -> str:
        return self.password.text()

    def matches(self) -> bool:
        """Both fields hold the same password (a typing mistake otherwise)."""
        return self.password.text() == self.again.text()

    def clear(self) -> None:
        self.password.clear()
        self.again.clear()


FORM_LABEL_GAP = 16
"""Pixels between a form's label and its field: Qt's style gives about 6, and the label
seemed to belong to the field as much as it touched it."""
FORM_ROW_GAP = 10


def form_layout() -> QFormLayout:
    """A form: labels on the left with room before their fields, each label in line with the
    middle of its field, the fields as wide as the form allows."""
    form = QFormLayout()
    form.setHorizontalSpacing(FORM_LABEL_GAP)
    form.setVerticalSpacing(FORM_ROW_GAP)
    form.setLabelAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
    form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
    return form


def room_for(field: QWidget, *texts: str) -> None:
    """Make ``field`` at least wide enough to show each of ``texts`` whole (its placeholder,
    a typical value), besides its frame and padding."""
    metrics = field.fontMetrics()
    widest = max((metrics.horizontalAdvance(text) for text in texts), default=0)
    field.setMinimumWidth(max(field.minimumWidth(), widest + 2 * metrics.averageCharWidth() + 24))


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


def scrolled(widget: QWidget) -> QScrollArea:
    """``widget`` in a frameless area that scrolls up and down, never sideways: a form taller
    than the window (large text, a note shown while working) keeps its fields full size."""
    area = QScrollArea()
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    area.setWidget(widget)
    return area


class ChoiceButton(QCommandLinkButton):
    """A large button with a title and a wrapped explanation under it."""

    def __init__(self, title: str, explanation: str) -> None:
        super().__init__(title, explanation)
        self.setProperty("role", "choice")
        describe(self, title, explanation)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        # Outside a dialog a push button answers only Space; people press Return.
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not event.isAutoRepeat():
            self.click()
            return
        super().keyPressEvent(event)


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


class BusyNote(QWidget):
    """A moving busy bar with words on what is being done, for work that takes seconds; hidden
    until :meth:`start`."""

    def __init__(self) -> None:
        super().__init__()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.words = label("", "hint")
        self.bar = QProgressBar()
        self.bar.setRange(0, 0)  # no steps to count: Qt shows a bar that keeps moving
        self.bar.setTextVisible(False)
        self.bar.setMaximumHeight(10)
        layout.addWidget(self.words)
        layout.addWidget(self.bar)
        self.hide()

    def start(self, words: str) -> None:
        self.words.setText(words)
        describe(self.bar, words, words)
        self.show()

    def stop(self) -> None:
        self.hide()


def announce(widget: QWidget, text: str) -> None:
    """Have a screen reader say ``text`` now (it does not read a label that merely changes)."""
    # Imported here: PySide builds QAccessible's enums when first touched (some 2 ms of start-up).
    from PySide6.QtGui import QAccessible, QAccessibleAnnouncementEvent

    QAccessible.updateAccessibility(QAccessibleAnnouncementEvent(widget, text))
