"""A calm, readable look: warm background, one muted accent, large type, visible focus; and a
high-contrast look (white and yellow on black, thick focus) for people who need it.

The high-contrast look is used when the system asks for it (Qt's
``QStyleHints.accessibility().contrastPreference()``, filled by the Windows high-contrast
setting), when the ``--high-contrast`` flag or ``INTERVIEW_ROOM_HIGH_CONTRAST=1`` is given, or
when the user presses the "High contrast" switch. When the system asks and its own palette is
itself high in contrast (a Windows high-contrast theme), its colours are kept, not ours.
"""

from __future__ import annotations

import os
from typing import NamedTuple

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QColor, QFont, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication

from interview_room.gui.indicators import MarkedStyle

BASE_POINT_SIZE = 12
ENVIRONMENT_SWITCH = "INTERVIEW_ROOM_HIGH_CONTRAST"


class Palette(NamedTuple):
    """Every colour the style sheet uses, by what it is for (``#rrggbb``).

    A named tuple, not a frozen dataclass: as immutable, and built without compiling code at
    start-up (the dataclass and its module cost 4 % of a plain Qt login form's start-up,
    issue 14; benchmarks/README.md)."""

    name: str
    text: str
    background: str
    surface: str
    muted: str
    border: str
    accent: str
    accent_dark: str
    on_accent: str
    danger: str
    focus: str
    person_background: str
    tag_background: str
    tag_text: str
    selection: str
    on_selection: str
    disabled: str
    primary_disabled: str
    header: str
    grid: str
    alternate: str
    training: str
    on_training: str
    lock: str
    on_lock: str
    border_width: int = 1
    focus_width: int = 3
    high_contrast: bool = False


STANDARD = Palette(
    name="standard",
    text="#1f2933",
    background="#f6f4f0",
    surface="#ffffff",
    muted="#52606d",
    border="#d5d0c8",
    accent="#2f5d62",
    accent_dark="#234a4e",
    on_accent="#ffffff",
    danger="#9b2c2c",
    focus="#c2410c",
    person_background="#eef4f4",
    tag_background="#fdecc8",
    tag_text="#7a4a00",
    selection="#cfe0e1",
    on_selection="#1f2933",
    disabled="#9aa5b1",
    primary_disabled="#9fb3b5",
    header="#ece8e1",
    grid="#ece8e1",
    alternate="#faf8f5",
    training="#b45309",
    on_training="#ffffff",
    lock="#234a4e",
    on_lock="#ffffff",
)

HIGH_CONTRAST = Palette(
    name="high-contrast",
    text="#ffffff",
    background="#000000",
    surface="#000000",
    muted="#ffffff",
    border="#ffffff",
    accent="#ffffff",
    accent_dark="#ffffff",
    on_accent="#000000",
    danger="#ffb3b3",
    focus="#ffff00",
    person_background="#000000",
    tag_background="#ffff00",
    tag_text="#000000",
    selection="#ffff00",
    on_selection="#000000",
    disabled="#b0b0b0",
    primary_disabled="#000000",
    header="#000000",
    grid="#ffffff",
    alternate="#1a1a1a",
    training="#ffff00",
    on_training="#000000",
    lock="#000000",
    on_lock="#ffffff",
    border_width=2,
    focus_width=4,
    high_contrast=True,
)


def _linear(channel: int) -> float:
    c = channel / 255
    return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4


def relative_luminance(colour: str) -> float:
    """WCAG 2 relative luminance of ``#rrggbb``."""
    value = QColor(colour)
    return (
        0.2126 * _linear(value.red())
        + 0.7152 * _linear(value.green())
        + 0.0722 * _linear(value.blue())
    )


def contrast_ratio(first: str, second: str) -> float:
    """WCAG 2 contrast ratio of two colours, from 1 (same) to 21 (black on white)."""
    high, low = sorted((relative_luminance(first), relative_luminance(second)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def from_system(system: QPalette) -> Palette:
    """The high-contrast palette in the system's own colours (a Windows high-contrast theme
    gives the app its chosen colours through the platform palette), or ours when the system
    palette is not itself high in contrast (7:1 for text, 3:1 for the focus colour, 4.5:1 for
    selected text: the system's own themes are the user's choice and are kept)."""

    def colour(
        role: QPalette.ColorRole, group: QPalette.ColorGroup = QPalette.ColorGroup.Active
    ) -> str:
        return str(system.color(group, role).name())

    text, background = colour(QPalette.ColorRole.WindowText), colour(QPalette.ColorRole.Window)
    highlight = colour(QPalette.ColorRole.Highlight)
    on_highlight = colour(QPalette.ColorRole.HighlightedText)
    if (
        contrast_ratio(text, background) < 7
        or contrast_ratio(highlight, background) < 3
        or contrast_ratio(on_highlight, highlight) < 4.5
    ):
        return HIGH_CONTRAST
    disabled = colour(QPalette.ColorRole.WindowText, QPalette.ColorGroup.Disabled)
    return HIGH_CONTRAST._replace(
        name="system-high-contrast",
        text=text,
        background=background,
        surface=background,
        muted=text,
        border=text,
        accent=highlight,
        accent_dark=highlight,
        on_accent=on_highlight,
        danger=text,
        focus=highlight,
        person_background=background,
        tag_background=highlight,
        tag_text=on_highlight,
        selection=highlight,
        on_selection=on_highlight,
        disabled=disabled if contrast_ratio(disabled, background) >= 3 else text,
        header=background,
        grid=text,
        alternate=background,
        training=highlight,
        on_training=on_highlight,
        lock=background,
        on_lock=text,
    )


def style_sheet(p: Palette) -> str:
    """The application's style sheet in palette ``p``. Every focusable control draws a ring of
    ``p.focus_width`` px in ``p.focus`` when it has keyboard focus; the padding shrinks by as
    much so nothing moves (the padding is the one the look had before the rings). The style's
    own focus rectangle is left out (``outline: none``): inside the ring it made a second
    frame."""
    b, f = p.border_width, p.focus_width
    shrink = f - b
    # Qt's own scroll bars are drawn in mid greys: in high contrast, a white handle on black.
    scroll_bars = (
        f"""
QScrollBar {{ background: {p.background}; border: {b}px solid {p.border}; }}
QScrollBar:vertical {{ width: 18px; }}
QScrollBar:horizontal {{ height: 18px; }}
QScrollBar::handle {{ background: {p.text}; min-height: 32px; min-width: 32px; }}
QScrollBar::add-line, QScrollBar::sub-line {{ width: 0; height: 0; border: none; }}
QScrollBar::add-page, QScrollBar::sub-page {{ background: {p.background}; }}
"""
        if p.high_contrast
        else ""
    )
    rules = _label_and_frame_rules(p) + _choice_and_list_rules(p) + _field_and_button_rules(p)
    return f"""{rules}
QTableView {{
    background: {p.surface}; color: {p.text}; border: {b}px solid {p.border};
    border-radius: 6px; gridline-color: {p.grid}; selection-background-color: {p.selection};
    selection-color: {p.on_selection}; alternate-background-color: {p.alternate};
    padding: {shrink}px;
}}
QTableView:focus {{ border: {f}px solid {p.focus}; padding: 0; }}
QHeaderView::section {{
    background: {p.header}; color: {p.text}; padding: 6px; border: none; font-weight: 600;
    border-bottom: {b}px solid {p.border};
}}
{scroll_bars}"""


def _label_and_frame_rules(p: Palette) -> str:
    """Words by their role, and the frames (cards, questions) that hold them."""
    b = p.border_width
    return f"""
QWidget {{ color: {p.text}; }}
QMainWindow, QDialog, QStackedWidget > QWidget {{ background: {p.background}; }}
QLabel[role="heading"] {{ font-size: 22pt; font-weight: 600; color: {p.text}; }}
QLabel[role="subheading"] {{ font-size: 14pt; color: {p.muted}; }}
QLabel[role="hint"] {{ color: {p.muted}; }}
QLabel[role="error"] {{ color: {p.danger}; font-weight: 600; }}
QLabel[role="notice"] {{ color: {p.accent_dark}; font-weight: 600; }}
QLabel[role="station"] {{ font-size: 13pt; font-weight: 600; color: {p.accent_dark}; }}
QLabel[role="secret"] {{
    font-family: "DejaVu Sans Mono", "Noto Sans Mono", monospace;
    font-size: 16pt; background: {p.surface}; border: {b}px solid {p.border};
    border-radius: 6px; padding: 12px;
}}
QFrame[role="card"] {{
    background: {p.surface}; border: {b}px solid {p.border}; border-radius: 10px;
}}
QFrame[role="card"] QLabel, QFrame[role="card"] QCheckBox {{ background: transparent; }}
QFrame[role="question"], QFrame[role="suggestion"] {{
    background: {p.surface}; border: {b}px solid {p.border}; border-radius: 10px;
}}
QFrame[role="suggestion"] {{ border-left: 6px solid {p.accent}; }}
QFrame[role="question"] QLabel, QFrame[role="question"] QRadioButton,
QFrame[role="question"] QCheckBox, QFrame[role="suggestion"] QLabel {{ background: transparent; }}
QLabel[role="question-title"] {{ font-size: 13pt; font-weight: 600; }}
{person_rules(p, 15)}
QLabel[role="guidance"] {{ color: {p.muted}; font-style: italic; }}
QLabel[role="tag"] {{
    background: {p.tag_background}; color: {p.tag_text}; border-radius: 4px; padding: 2px 8px;
    font-weight: 600;
}}"""


def _choice_and_list_rules(p: Palette) -> str:
    """Radio buttons, check boxes, lists, text boxes, and the banner, header and lock frames."""
    b, f = p.border_width, p.focus_width
    shrink = f - b
    return f"""
QPushButton, QRadioButton, QCheckBox, QCommandLinkButton, QListWidget {{ outline: none; }}
QRadioButton, QCheckBox {{
    padding: 3px 4px; spacing: 8px; border: {f}px solid transparent; border-radius: 4px;
}}
QRadioButton:focus, QCheckBox:focus {{ border: {f}px solid {p.focus}; }}
QRadioButton:disabled, QCheckBox:disabled {{ color: {p.disabled}; }}
QRadioButton::indicator, QCheckBox::indicator {{ width: 20px; height: 20px; }}
QListWidget {{
    background: {p.surface}; border: {b}px solid {p.border}; border-radius: 8px;
    padding: 4px;
}}
/* No side padding on rows: Qt measures a wrapped row without it but paints it with it, so a
   section name just short of the width ("Journey and recruitment") wrapped when painted and
   its count line was cut off. */
QListWidget::item {{ padding: 8px 0px; }}
QListWidget::item:selected {{ background: {p.selection}; color: {p.on_selection}; }}
QListWidget:focus {{ border: {f}px solid {p.focus}; padding: {max(4 - shrink, 0)}px; }}
QPlainTextEdit {{
    background: {p.surface}; border: {b}px solid {p.border}; border-radius: 6px;
    padding: {shrink}px;
}}
QPlainTextEdit:focus {{ border: {f}px solid {p.focus}; padding: 0; }}
QScrollArea[role="pages"]:focus {{ border: {f}px solid {p.focus}; }}
QFrame[role="training"] {{ background: {p.training}; }}
QFrame[role="training"] QLabel {{
    color: {p.on_training}; background: transparent; font-weight: 600;
}}
QFrame[role="header"] {{ background: {p.surface}; border-bottom: {b}px solid {p.border}; }}
QFrame[role="header"] QLabel {{ background: transparent; }}
QFrame[role="header"] QLabel[role="tag"] {{ background: {p.tag_background}; }}
QWidget[role="lock"] {{ background: {p.lock}; }}
QWidget[role="lock"] QLabel {{ color: {p.on_lock}; background: transparent; }}"""


def _field_and_button_rules(p: Palette) -> str:
    """Fields to type in, and the buttons."""
    b, f = p.border_width, p.focus_width
    shrink = f - b
    return f"""
QLineEdit, QComboBox, QSpinBox {{
    background: {p.surface}; color: {p.text}; border: {b}px solid {p.border};
    border-radius: 6px; padding: 6px 8px; min-height: 24px;
}}
QLineEdit:focus, QComboBox:focus, QSpinBox:focus {{
    border: {f}px solid {p.focus}; padding: {6 - shrink}px {8 - shrink}px;
}}
QSpinBox {{ padding-right: 36px; }}
QSpinBox:focus {{ padding-right: {36 - shrink}px; }}
QSpinBox::up-button, QSpinBox::down-button {{
    subcontrol-origin: padding; width: 30px;
}}
QSpinBox::up-button {{ subcontrol-position: top right; }}
QSpinBox::down-button {{ subcontrol-position: bottom right; }}
QLineEdit:disabled {{ color: {p.disabled}; }}
QPushButton {{
    background: {p.surface}; color: {p.text}; border: {b}px solid {p.border};
    border-radius: 6px; padding: 8px 16px; min-height: 24px;
}}
QPushButton:hover {{ border-color: {p.accent}; }}
QPushButton:focus {{
    border: {f}px solid {p.focus}; padding: {8 - shrink}px {16 - shrink}px;
}}
QPushButton:disabled {{ color: {p.disabled}; border-style: dashed; }}
QPushButton[role="primary"] {{
    background: {p.accent}; color: {p.on_accent}; border: {b}px solid {p.accent_dark};
    font-weight: 600;
}}
QPushButton[role="primary"]:hover {{ background: {p.accent_dark}; }}
QPushButton[role="primary"]:focus {{ border: {f}px solid {p.focus}; }}
QPushButton[role="primary"]:disabled {{
    background: {p.primary_disabled}; color: {p.disabled if p.high_contrast else p.on_accent};
}}
QCommandLinkButton {{
    background: {p.surface}; border: {b}px solid {p.border}; border-radius: 10px;
    padding: 12px; font-size: 14pt; color: {p.accent_dark};
}}
QCommandLinkButton:hover {{ background: {p.person_background}; border-color: {p.accent}; }}
QCommandLinkButton:focus {{ border: {f}px solid {p.focus}; padding: {12 - shrink}px; }}
QPushButton:checked {{
    background: {p.accent}; color: {p.on_accent}; border-color: {p.accent_dark};
}}
QPushButton:checked:focus {{ border: {f}px solid {p.focus}; }}"""


def person_rules(p: Palette, point_size: int) -> str:
    """The words read to the person, at ``point_size`` (the large form 3 pt bigger)."""
    frame = f"border: {p.border_width}px solid {p.border};" if p.high_contrast else ""
    return (
        f'QLabel[role="person"] {{ font-size: {point_size}pt; color: {p.text};'
        f" background: {p.person_background}; border-radius: 6px; padding: 10px 12px; {frame} }}\n"
        f'QLabel[role="person-large"] {{ font-size: {point_size + 3}pt; line-height: 140%;'
        f" color: {p.text}; background: {p.person_background}; border-radius: 8px;"
        f" padding: 18px; {frame} }}\n"
        # The same words in the interviewer's language (with an interpreter): read, not shown.
        f'QLabel[role="own-words"] {{ font-size: {point_size}pt; color: {p.text};'
        f" border-left: 4px solid {p.accent}; padding: 4px 12px; }}"
    )


def qt_palette(p: Palette) -> QPalette:
    """The same colours for what Qt draws itself (Fusion style, message boxes, menus)."""
    palette = QPalette()
    roles = {
        QPalette.ColorRole.Window: p.background,
        QPalette.ColorRole.WindowText: p.text,
        QPalette.ColorRole.Base: p.surface,
        QPalette.ColorRole.AlternateBase: p.alternate,
        QPalette.ColorRole.Text: p.text,
        QPalette.ColorRole.Button: p.surface,
        QPalette.ColorRole.ButtonText: p.text,
        QPalette.ColorRole.BrightText: p.accent,
        QPalette.ColorRole.Highlight: p.selection,
        QPalette.ColorRole.HighlightedText: p.on_selection,
        QPalette.ColorRole.ToolTipBase: p.surface,
        QPalette.ColorRole.ToolTipText: p.text,
        QPalette.ColorRole.PlaceholderText: p.muted,
        QPalette.ColorRole.Link: p.accent,
    }
    for role, colour in roles.items():
        palette.setColor(role, QColor(colour))
    for role in (
        QPalette.ColorRole.WindowText,
        QPalette.ColorRole.Text,
        QPalette.ColorRole.ButtonText,
    ):
        palette.setColor(QPalette.ColorGroup.Disabled, role, QColor(p.disabled))
    return palette


def system_wants_high_contrast() -> bool:
    """True when the platform reports a high-contrast preference (Qt 6.10+: Windows'
    high-contrast setting; other platforms may always say "no preference")."""
    hints = QGuiApplication.styleHints()
    return bool(hints.accessibility().contrastPreference() == Qt.ContrastPreference.HighContrast)


def environment_wants_high_contrast() -> bool:
    return os.environ.get(ENVIRONMENT_SWITCH, "").strip().lower() in {"1", "true", "yes", "on"}


class Appearance(QObject):
    """Which look the application has, and why. One per application (the style sheet is
    application-wide); ``choose`` records the user's own choice, which wins over the system.
    ``changed`` tells the window to rebuild its page in the new colours."""

    changed = Signal()

    def __init__(self, app: QApplication, forced: bool | None = None) -> None:
        super().__init__(app)
        self.app = app
        self.chosen: bool | None = True if forced or environment_wants_high_contrast() else None
        self._system_palette = QPalette(app.palette())
        self.palette = STANDARD
        self._overridden = False
        self._hints = QGuiApplication.styleHints()
        self._hints.accessibility().contrastPreferenceChanged.connect(self._system_changed)
        self.apply()

    def withdraw(self) -> None:
        """Give the application back its own palette and no style sheet (tests use this)."""
        self.app.setStyleSheet("")
        self.app.setPalette(self._system_palette)
        if self in _appearance:
            _appearance.remove(self)
        self.deleteLater()

    def _system_changed(self) -> None:
        if self.chosen is None:
            self.apply()

    @property
    def high_contrast(self) -> bool:
        return self.palette.high_contrast

    def wanted(self) -> bool:
        return self.chosen if self.chosen is not None else system_wants_high_contrast()

    def choose(self, high_contrast: bool) -> None:
        self.chosen = high_contrast
        self.apply()

    def apply(self) -> Palette:
        if not self.wanted():
            self.palette = STANDARD
            if self._overridden:  # untouched otherwise, so Qt keeps following the system
                self.app.setPalette(self._system_palette)
        else:
            # The system asked: its own colours when they are good; the user asked: ours.
            system = self.chosen is None
            self.palette = from_system(self._system_palette) if system else HIGH_CONTRAST
            self.app.setPalette(qt_palette(self.palette))
        self._overridden = self.palette.high_contrast
        self.app.setStyleSheet(style_sheet(self.palette))
        self.changed.emit()
        return self.palette


_appearance: list[Appearance] = []


def appearance() -> Appearance | None:
    """The application's look, once :func:`apply_theme` has run (None in bare test apps)."""
    return _appearance[-1] if _appearance else None


def current() -> Palette:
    found = appearance()
    return found.palette if found is not None else STANDARD


def apply_theme(app: QApplication, high_contrast: bool | None = None) -> Appearance:
    """Fonts, style and colours for ``app``; ``high_contrast=True`` forces the high-contrast
    look (the command line's ``--high-contrast``), None follows the environment and system."""
    font = QFont()
    font.setFamilies(["Noto Sans", "DejaVu Sans", "Segoe UI", "Arial"])
    font.setPointSize(BASE_POINT_SIZE)
    app.setFont(font)
    # Fusion, with the ticks, dots and arrows the style sheet cannot draw (gui/indicators.py).
    app.setStyle(MarkedStyle(current))
    found = appearance()
    if found is not None and found.app is app:
        if high_contrast:
            found.choose(True)
        return found
    _appearance.clear()
    _appearance.append(Appearance(app, high_contrast))
    return _appearance[-1]
