"""The look: a visible focus ring on every control type, and a high-contrast look (≥ 7:1 for
every text on its background) used when the system, the command line or the user asks."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication, QLabel
from pytestqt.qtbot import QtBot

from interview_room.gui import theme
from interview_room.gui.interview.wizard import WizardPage
from interview_room.gui.pages.home import HomePage
from interview_room.gui.pages.login import LoginPage
from interview_room.interview.interview import Interview
from tests.gui.conftest import ADMIN, WindowFactory, sign_in

# Each type of control the app creates; QTableWidget is styled by its base class QTableView.
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
