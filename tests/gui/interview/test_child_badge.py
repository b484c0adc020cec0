"""The child badge in the interview's header is a tag on its own colour, its words inside it:
the header's rule for labels made its background transparent, and the words stood indented by
the tag's padding for no visible reason."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QColor
from pytestqt.qtbot import QtBot

from interview_room.gui import theme
from interview_room.gui.interview.wizard import WizardPage
from interview_room.interview.interview import Interview
from tests.gui.conftest import ADMIN, WindowFactory, sign_in


def test_the_child_badge_shows_on_its_own_colour(
    qtbot: QtBot, real_look: None, make_window: WindowFactory, station_home: Path
) -> None:
    window = make_window(station_home)
    window.resize(1180, 760)
    sign_in(qtbot, window, *ADMIN)
    session = window.session
    assert session is not None
    interview = Interview.begin(session, window.protocols.current(), "sq", "Drita")
    window.show_interview(interview)
    wizard = window.page
    assert isinstance(wizard, WizardPage)
    qtbot.waitExposed(wizard)
    badge = wizard.child_badge
    assert badge.isVisible() and badge.text(), "age not known yet: treated as a child"
    image = badge.grab().toImage()
    ratio = image.devicePixelRatio()
    # The tag's left padding, beside the words: the tag's colour, not the header's.
    corner = image.pixelColor(int(3 * ratio), image.height() // 2)
    assert corner == QColor(theme.current().tag_background), corner.name()


def test_an_interview_opened_on_a_break_shows_no_empty_badge(
    qtbot: QtBot, real_look: None, make_window: WindowFactory, station_home: Path
) -> None:
    """Unlocking during a break rebuilds the page on the break: the badge showed as an empty
    yellow square; an adult's interview shows none, a presumed child's says so."""
    from interview_room.screening import Answer

    window = make_window(station_home)
    window.resize(1180, 760)
    sign_in(qtbot, window, *ADMIN)
    session = window.session
    assert session is not None
    interview = Interview.begin(session, window.protocols.current(), "sq", "Drita")
    for question_id, value in (
        ("consent_rights_read", "yes"),
        ("consent_interview", "yes"),
        ("prep_age", 34),
        ("prep_age_doubt", "no"),
    ):
        interview.answer(Answer.given(question_id, value))
    interview.start_break()
    window.show_interview(interview)
    wizard = window.page
    assert isinstance(wizard, WizardPage)
    qtbot.waitExposed(wizard)
    assert not wizard.child_badge.isVisible(), repr(wizard.child_badge.text())

    child = Interview.begin(session, window.protocols.current(), "sq", "Drita")
    child.start_break()
    window.show_interview(child)
    wizard = window.page
    assert isinstance(wizard, WizardPage)
    qtbot.waitExposed(wizard)
    assert wizard.child_badge.isVisible() and wizard.child_badge.text()
