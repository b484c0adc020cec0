"""Seventh practitioner's review, finding 6: with an interpreter (the person's language is not
the interviewer's), each question shows the reviewed words in the interviewer's language under
the person's, the person's marked as a machine draft; the here-and-now prompt likewise, with a
break and a stop one click away."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QDialog
from pytestqt.qtbot import QtBot

from interview_room.gui.interview.dialogs import HereAndNowDialog
from interview_room.gui.interview.wizard import WizardPage
from interview_room.screening import Answer
from interview_room.training.scenarios import Path as ScenarioPath
from tests.gui.conftest import WindowFactory
from tests.gui.interview.helpers import interview_walked_to, on_next_dialog, texts


def _at_how_it_started(
    qtbot: QtBot, make_window: WindowFactory, station_home: Path, language: str
) -> WizardPage:
    """An interview in ``language`` shown at the question of how it came about."""
    wizard = interview_walked_to(
        qtbot,
        make_window,
        station_home,
        ScenarioPath.STOPPED_MIDWAY,
        "journey_and_recruitment",
        language=language,
    )
    wizard.show_section("rec_how_started")
    return wizard


def test_a_question_in_arabic_shows_the_reviewed_words_and_the_prompt_offers_a_break(
    qtbot: QtBot, make_window: WindowFactory, station_home: Path
) -> None:
    wizard = _at_how_it_started(qtbot, make_window, station_home, "ar")
    card = wizard.card
    assert card is not None and card.own_words is not None
    assert card.own_words.text() == "Can you tell me how it came about that you left home?"
    assert "Machine draft" in texts(card)

    seen: list[str] = []

    def read_and_take_a_break(dialog: QDialog) -> None:
        assert isinstance(dialog, HereAndNowDialog)
        assert dialog.own_words is not None
        seen.append(dialog.own_words.text())
        dialog.break_button.click()

    on_next_dialog(read_and_take_a_break)
    wizard.show_here_and_now()
    assert "Feel your feet on the floor" in seen[0], "the prompt in the interviewer's language"
    assert wizard.interview.on_break, "a break one click away from the prompt"
    assert wizard.views.currentWidget() is wizard.pause_view


def test_in_the_interviewers_own_language_the_words_are_not_repeated(
    qtbot: QtBot, make_window: WindowFactory, station_home: Path
) -> None:
    wizard = _at_how_it_started(qtbot, make_window, station_home, "en")
    assert wizard.card is not None and wizard.card.own_words is None
    dialog = HereAndNowDialog(wizard.interview.protocol, "en", wizard, "en")
    assert dialog.own_words is None
    dialog.close()


def test_reviewed_albanian_read_by_an_english_screen_shows_english_only_with_an_interpreter(
    qtbot: QtBot, make_window: WindowFactory, station_home: Path
) -> None:
    wizard = _at_how_it_started(qtbot, make_window, station_home, "sq")
    assert wizard.card is not None and wizard.card.own_words is None, "reviewed, read directly"
    wizard.interview.answer(Answer.given("prep_interpreter", "yes"))
    wizard.show_section("rec_how_started")
    assert wizard.card is not None and wizard.card.own_words is not None
    assert wizard.card.own_words.text() == "Can you tell me how it came about that you left home?"
    assert "Machine draft" not in texts(wizard.card)
