"""Issue 12: the refusal page names who said no for a presumed child, as recorded — after the
Child Protection Unit worker's "no" (the guardian may be involved) it never says "The guardian
does not agree"."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from interview_room.screening import Answer
from tests.gui.conftest import ADMIN, WindowFactory, sign_in
from tests.gui.interview.helpers import show_question, start_interview, texts

CHILD: dict[str, str | int] = {
    "obs_apparent_age": "could_be_under_18",
    "consent_rights_read": "yes",
    "consent_interview": "yes",
    "prep_age": 14,
    "prep_age_doubt": "no",
}


@pytest.mark.parametrize(
    ("answers", "heading"),
    [
        (
            {
                "prep_child_support": "both",
                "guardian_conflict": "yes",
                "consent_guardian": "yes",
                "consent_unit": "no",
            },
            "The Child Protection Unit worker does not agree to the interview",
        ),
        (
            {
                "prep_child_support": "both",
                "consent_guardian": "no",
                "consent_guardian_by": "legal_guardian",
            },
            "The guardian does not agree to the interview",
        ),
        (
            {"prep_child_support": "both", "consent_guardian": "no", "consent_guardian_by": "both"},
            "The guardian and the Child Protection Unit worker do not agree to the interview",
        ),
        (
            {"prep_child_support": "both", "consent_guardian": "no"},
            "The guardian or the Child Protection Unit worker does not agree to the interview",
        ),
    ],
)
def test_the_refusal_page_names_who_said_no_for_the_child(
    qtbot: QtBot,
    make_window: WindowFactory,
    station_home: Path,
    answers: dict[str, str],
    heading: str,
) -> None:
    window = make_window(station_home)
    sign_in(qtbot, window, *ADMIN)
    wizard = start_interview(qtbot, window, "en")
    for question_id, value in {**CHILD, **answers}.items():
        wizard.interview.answer(Answer.given(question_id, value))
    assert wizard.interview.consent_refused
    last = "consent_unit" if "consent_unit" in answers else "consent_guardian"
    show_question(wizard, last)
    wizard.next_button.click()
    shown = texts(wizard)
    assert heading in shown
    if heading != "The guardian does not agree to the interview":
        assert "The guardian does not agree to the interview" not in shown


def test_a_consent_before_the_unit_is_named_says_what_to_do(
    qtbot: QtBot, make_window: WindowFactory, station_home: Path
) -> None:
    """Issue 12: the storage consent clicked before "who answered" names the Unit worker is
    not saved, and the card says why and what to do, not "does not fit the question"."""
    window = make_window(station_home)
    sign_in(qtbot, window, *ADMIN)
    wizard = start_interview(qtbot, window, "en")
    more = {"prep_child_support": "both", "guardian_conflict": "yes", "consent_unit": "yes"}
    for question_id, value in {**CHILD, **more}.items():
        wizard.interview.answer(Answer.given(question_id, value))
    show_question(wizard, "consent_storage")
    card = wizard.card
    assert card is not None and card.group is not None
    yes = next(b for b in card.group.buttons() if b.property("option") == "yes")
    yes.click()
    assert "consent_storage" not in wizard.interview.answers
    problem = card.state.text()
    assert "Who answered for the child" in problem and "does not fit" not in problem
