"""The look: a visible focus ring on every control type, and a high-contrast look (≥ 7:1 for
every text on its background) used when the system, the command line or the user asks."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QLabel,
    QRadioButton,
    QStyle,
    QStyleOptionButton,
    QStyleOptionSpinBox,
    QVBoxLayout,
    QWidget,
)
from pytestqt.qtbot import QtBot

from interview_room.gui import theme
from interview_room.gui.dialogs.settings import SettingsDialog
from interview_room.gui.interview.wizard import WizardPage
from interview_room.gui.pages.home import HomePage
from interview_room.gui.pages.login import LoginPage
from interview_room.interview.interview import Interview
from interview_room.workstation import Workstation
from tests.gui.conftest import ADMIN, WindowFactory, sign_in

# Each type of control the app creates (every table is a QTableView over a model).
CONTROL_TYPES = (
    "QPushButton",
    "QCommandLinkButton",
    "QLineEdit",
    "QComboBox",
    "QSpinBox",
    "QPlainTextEdit",
    "QListWidget",
    "QTableView",
    "QCheckBox",
    "QRadioButton",
)
RULE = re.compile(r"([^{}]+)\{([^}]*)\}")


def rules(sheet: str) -> list[tuple[str, dict[str, str]]]:
    """(selector, {property: value}) for every rule of a style sheet."""
    parsed = []
    for selector, body in RULE.findall(sheet):
        properties = {}
        for declaration in body.split(";"):
            if ":" in declaration:
                name, value = declaration.split(":", 1)
                properties[name.strip()] = value.strip()
        parsed.append((" ".join(selector.split()), properties))
    return parsed


@pytest.mark.parametrize("palette", [theme.STANDARD, theme.HIGH_CONTRAST], ids=lambda p: p.name)
def test_every_control_type_shows_a_focus_ring(palette: theme.Palette) -> None:
    """A :focus rule per control type: a ring of ≥ 2 px (3 px, 4 px in high contrast) in a
    colour with ≥ 3:1 contrast against the page."""
    sheet = rules(theme.style_sheet(palette))
    for control in CONTROL_TYPES:
        ring = None
        for selector, properties in sheet:
            names = [part.strip() for part in selector.split(",")]
            if any(re.fullmatch(rf"{control}(\[[^]]*\])?(::indicator)?:focus", n) for n in names):
                ring = ring or re.fullmatch(
                    r"(\d+)px solid (#[0-9a-f]{6})", properties.get("border", "")
                )
        assert ring is not None, f"{palette.name}: no focus ring for {control}"
        assert int(ring[1]) >= 2, f"{palette.name}: {control}'s focus ring is {ring[1]} px"
        ratio = theme.contrast_ratio(ring[2], palette.background)
        assert ratio >= 3, f"{palette.name}: {control}'s focus ring has {ratio:.2f}:1"
    assert palette.focus_width >= (4 if palette.high_contrast else 3)


def _pairs(sheet: str) -> list[tuple[str, str, str]]:
    """(rule, text colour, background colour) wherever a rule sets both."""
    found = []
    for selector, properties in rules(sheet):
        background = properties.get("background") or properties.get("background-color")
        if properties.get("color", "").startswith("#") and (background or "").startswith("#"):
            found.append((selector, properties["color"], background or ""))
        if "selection-color" in properties:
            found.append(
                (
                    selector + " (selected)",
                    properties["selection-color"],
                    properties["selection-background-color"],
                )
            )
    return found


def test_high_contrast_text_reaches_seven_to_one() -> None:
    """WCAG AAA (7:1) for every text colour on every background of the high-contrast look,
    in its style sheet and in the palette Qt draws with."""
    p = theme.HIGH_CONTRAST
    pairs = [
        ("text", p.text, p.background),
        ("text on fields", p.text, p.surface),
        ("hints", p.muted, p.background),
        ("errors", p.danger, p.background),
        ("words for the person", p.text, p.person_background),
        ("primary buttons", p.on_accent, p.accent),
        ("selection", p.on_selection, p.selection),
        ("tags", p.tag_text, p.tag_background),
        ("training banner", p.on_training, p.training),
        ("locked screen", p.on_lock, p.lock),
        *_pairs(theme.style_sheet(p)),
    ]
    weak = [
        f"{what}: {fg} on {bg} = {theme.contrast_ratio(fg, bg):.2f}:1"
        for what, fg, bg in pairs
        if theme.contrast_ratio(fg, bg) < 7
    ]
    assert weak == []
    assert len(pairs) > 10
    # The standard look keeps WCAG AA (4.5:1) for its body text.
    s = theme.STANDARD
    assert theme.contrast_ratio(s.text, s.background) >= 7
    assert theme.contrast_ratio(s.muted, s.background) >= 4.5


def test_contrast_ratio_matches_wcag() -> None:
    assert theme.contrast_ratio("#000000", "#ffffff") == pytest.approx(21)
    assert theme.contrast_ratio("#777777", "#ffffff") == pytest.approx(4.48, abs=0.01)
    assert theme.contrast_ratio("#ffff00", "#000000") == pytest.approx(19.56, abs=0.01)


def _system_palette(text: str, window: str, highlight: str, on_highlight: str) -> QPalette:
    palette = QPalette()
    for role, colour in (
        (QPalette.ColorRole.WindowText, text),
        (QPalette.ColorRole.Window, window),
        (QPalette.ColorRole.Highlight, highlight),
        (QPalette.ColorRole.HighlightedText, on_highlight),
    ):
        palette.setColor(role, QColor(colour))
    return palette


def test_a_high_contrast_system_palette_keeps_its_own_colours() -> None:
    """Windows' "Desert" high-contrast colours (dark text on cream) are kept, not replaced by
    ours; a system palette that is not high in contrast gets ours."""
    desert = theme.from_system(_system_palette("#3d3d3d", "#fffaef", "#903909", "#fff5e3"))
    assert (desert.text, desert.background, desert.focus) == ("#3d3d3d", "#fffaef", "#903909")
    assert theme.contrast_ratio(desert.text, desert.background) >= 7
    grey = theme.from_system(_system_palette("#52606d", "#f6f4f0", "#cfe0e1", "#1f2933"))
    assert grey == theme.HIGH_CONTRAST


def test_high_contrast_from_the_environment(
    qapp: QApplication, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(theme.ENVIRONMENT_SWITCH, "1")
    appearance = theme.apply_theme(qapp)
    assert appearance.high_contrast and theme.current() == theme.HIGH_CONTRAST
    palette = qapp.palette()
    for fg, bg in (
        (QPalette.ColorRole.WindowText, QPalette.ColorRole.Window),
        (QPalette.ColorRole.Text, QPalette.ColorRole.Base),
        (QPalette.ColorRole.ButtonText, QPalette.ColorRole.Button),
        (QPalette.ColorRole.HighlightedText, QPalette.ColorRole.Highlight),
    ):
        ratio = theme.contrast_ratio(palette.color(fg).name(), palette.color(bg).name())
        assert ratio >= 7, f"{fg.name} on {bg.name}: {ratio:.2f}:1"
    assert "#ffff00" in qapp.styleSheet()
    appearance.choose(False)
    assert theme.current() == theme.STANDARD


def test_the_switch_turns_high_contrast_on_everywhere_and_off_again(
    qtbot: QtBot, make_window: WindowFactory, station_home: Path
) -> None:
    window = make_window(station_home)
    login = window.page
    assert isinstance(login, LoginPage) and window.contrast_switch is not None
    login.username.setText(ADMIN[0])
    window.contrast_switch.click()
    assert theme.current().high_contrast
    again = window.page
    assert isinstance(again, LoginPage) and again is not login, "the page is built anew"
    assert again.username.text() == ADMIN[0]
    assert window.contrast_switch.isChecked()

    home = sign_in(qtbot, window, *ADMIN)
    assert home.contrast_switch.isChecked()
    session = window.session
    assert session is not None
    interview = Interview.begin(session, window.protocols.current(), "sq", "")
    window.show_interview(interview)
    wizard = window.page
    assert isinstance(wizard, WizardPage)
    assert f"background: {theme.HIGH_CONTRAST.person_background}" in wizard.styleSheet()
    words = [w for w in wizard.findChildren(QLabel) if w.property("role") == "person"]
    assert words, "the section reads words to the person"

    wizard.contrast_switch.click()
    assert not theme.current().high_contrast
    plain = window.page
    assert isinstance(plain, WizardPage) and plain is not wizard
    assert f"background: {theme.STANDARD.person_background}" in plain.styleSheet()
    plain.done.emit()
    assert isinstance(window.page, HomePage)


def test_a_users_choice_of_contrast_follows_them_to_their_next_sign_in(
    qtbot: QtBot, make_window: WindowFactory, station_home: Path
) -> None:
    window = make_window(station_home)
    home = sign_in(qtbot, window, *ADMIN)
    assert not theme.current().high_contrast
    home.contrast_switch.click()
    assert theme.current().high_contrast
    window.sign_out()
    window.set_high_contrast(False)  # someone else at the login screen turns it off
    assert not theme.current().high_contrast

    again = sign_in(qtbot, window, *ADMIN)

    assert theme.current().high_contrast, "the admin's own choice is back"
    assert again.contrast_switch.isChecked()
    again.contrast_switch.click()  # and turning it off is remembered too
    window.sign_out()
    window.set_high_contrast(True)
    sign_in(qtbot, window, *ADMIN)
    assert not theme.current().high_contrast
    window.set_high_contrast(False)


# -- marks the style sheet cannot draw (issue 11): spin-box arrows, ticks and dots -------------

LOOKS = [False, True]


def _look(qapp: QApplication, high_contrast: bool) -> theme.Palette:
    appearance = theme.apply_theme(qapp)
    appearance.choose(high_contrast)
    return appearance.palette


def _ink(widget: QWidget, area: QRect) -> list[QPoint]:
    """The pixels in the middle half of ``area`` that stand out (≥ 3:1) from the colour most of
    ``area`` has: what a person sees drawn on the control there."""
    image = widget.grab().toImage()
    ratio = image.width() / widget.width()
    scaled = QRect(
        int(area.x() * ratio),
        int(area.y() * ratio),
        int(area.width() * ratio),
        int(area.height() * ratio),
    )
    colours = Counter(
        image.pixelColor(x, y).name()
        for x in range(scaled.left(), scaled.right() + 1)
        for y in range(scaled.top(), scaled.bottom() + 1)
    )
    ground = colours.most_common(1)[0][0]
    middle = scaled.adjusted(
        scaled.width() // 4, scaled.height() // 4, -scaled.width() // 4, -scaled.height() // 4
    )
    return [
        QPoint(x, y)
        for x in range(middle.left(), middle.right() + 1)
        for y in range(middle.top(), middle.bottom() + 1)
        if theme.contrast_ratio(image.pixelColor(x, y).name(), ground) >= 3
    ]


@pytest.mark.parametrize("high_contrast", LOOKS, ids=["standard", "high-contrast"])
def test_spin_box_arrows_are_visible_and_step_the_value(
    qtbot: QtBot, qapp: QApplication, station_home: Path, high_contrast: bool
) -> None:
    _look(qapp, high_contrast)
    session = Workstation(station_home).unlock(*ADMIN)
    dialog = SettingsDialog(session)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    spin = dialog.idle_minutes
    option = QStyleOptionSpinBox()
    spin.initStyleOption(option)
    for part, step, name in (
        (QStyle.SubControl.SC_SpinBoxUp, 1, "up"),
        (QStyle.SubControl.SC_SpinBoxDown, -1, "down"),
    ):
        area = spin.style().subControlRect(QStyle.ComplexControl.CC_SpinBox, option, part, spin)
        ink = _ink(spin, area)
        assert len(ink) >= 6, f"{name}: no visible arrow ({len(ink)} pixels)"
        rows = Counter(point.y() for point in ink)
        top, bottom = rows[min(rows)], rows[max(rows)]
        # An up arrow is narrow at the top and wide at the bottom; a down arrow the reverse.
        assert (top < bottom) if step == 1 else (top > bottom), f"the {name} arrow points wrongly"
        before = spin.value()
        qtbot.mouseClick(spin, Qt.MouseButton.LeftButton, pos=area.center())
        assert spin.value() == before + step
    session.logout()


@pytest.mark.parametrize("high_contrast", LOOKS, ids=["standard", "high-contrast"])
def test_ticked_show_names_looks_ticked(
    qtbot: QtBot,
    qapp: QApplication,
    make_window: WindowFactory,
    station_home: Path,
    high_contrast: bool,
) -> None:
    _look(qapp, high_contrast)
    window = make_window(station_home)
    home = sign_in(qtbot, window, *ADMIN)
    (show_names,) = [box for box in home.findChildren(QCheckBox) if box.text() == "Show names"]
    option = QStyleOptionButton()
    show_names.initStyleOption(option)
    box = show_names.style().subElementRect(
        QStyle.SubElement.SE_CheckBoxIndicator, option, show_names
    )
    assert _ink(show_names, box) == [], "an empty box has nothing in it"
    qtbot.mouseClick(show_names, Qt.MouseButton.LeftButton, pos=box.center())
    assert show_names.isChecked()
    assert len(_ink(show_names, box)) >= 6, "the ticked box shows no tick"


@pytest.mark.parametrize("high_contrast", LOOKS, ids=["standard", "high-contrast"])
def test_a_chosen_radio_button_shows_its_dot(
    qtbot: QtBot, qapp: QApplication, high_contrast: bool
) -> None:
    _look(qapp, high_contrast)
    holder = QWidget()
    column = QVBoxLayout(holder)
    first, second = QRadioButton("Yes"), QRadioButton("No")
    column.addWidget(first)
    column.addWidget(second)
    qtbot.addWidget(holder)
    holder.show()
    qtbot.waitExposed(holder)
    option = QStyleOptionButton()
    second.initStyleOption(option)
    dot = second.style().subElementRect(QStyle.SubElement.SE_RadioButtonIndicator, option, second)
    assert _ink(second, dot) == []
    qtbot.mouseClick(second, Qt.MouseButton.LeftButton, pos=dot.center())
    assert second.isChecked()
    assert len(_ink(second, dot)) >= 4, "the chosen radio button shows no dot"
