"""Fourth practitioner's review, finding 6, in the real wizard: a girl who says "no" with only
her father in the room is not ended on; the questions wait for the Child Protection Unit, which
asks her again, apart, and only that answer can end the interview."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from interview_room.interview.safeguards import CHILD_ASSENT_QUESTION
from tests.gui.conftest import ADMIN, WindowFactory, sign_in
from tests.gui.interview.helpers import (
    Value,
    answer_here,
    fill_section,
    show_question,
    start_interview,
    texts,
    walk_to,
)

WITH_HER_FATHER: dict[str, Value] = {
    "needs_medical": "no",
    "needs_basic": ["water"],
    "needs_feels_safe": "unsure",
    "obs_apparent_age": "could_be_under_18",
    "obs_companion_control": "yes",
    "safety_threat_at_crossing": "companion_here",
    "needs_children_with": "no",
    "needs_actions_taken": ["food_water_given"],
    "prep_location": "morine",
    "prep_date": "2026-12-07",
    "prep_officer": "Oficer Shembull",
    "prep_social_worker_service": "not_present",
    "prep_language": "shqip",
    "prep_interpreter": "no",
    "prep_gender_preference": "no_preference",
    "consent_rights_read": "yes",
    "consent_interview": "yes",
    "prep_age": 15,
    "prep_age_doubt": "no",
    "prep_child_support": "legal_guardian",
    "child_cpu_informed": "yes",
    "consent_guardian": "yes",
    "consent_guardian_by": "legal_guardian",
    CHILD_ASSENT_QUESTION: "does_not_agree",
    "consent_storage": "yes",
}


def test_a_no_in_front_of_the_father_pauses_until_the_unit_asks_again(
    qtbot: QtBot, make_window: WindowFactory, station_home: Path
) -> None:
    window = make_window(station_home)
    sign_in(qtbot, window, *ADMIN)
    wizard = start_interview(qtbot, window, "en")
    walk_to(qtbot, wizard, WITH_HER_FATHER, "rights_and_consent")
    interview = wizard.interview
    assert interview.answers[CHILD_ASSENT_QUESTION].value == "does_not_agree"
    assert not wizard._consent_refused(), "her 'no' in front of him ends nothing"
    for _ in range(30):  # on to the section's end, skipping the sharing questions
        if wizard.interview.current_section.id != "rights_and_consent" or wizard.blocker.text():
            break
        wizard.skip_question()
    assert interview.current_section.id == "rights_and_consent", "the questions wait"
    assert "asks the child again, apart" in wizard.blocker.text()
    assert interview.outcome is None, "the interview goes on, paused"
    assert "The child does not agree to the interview" not in texts(wizard)

    # The unit comes in: who is present is changed by clicking, and she is asked again.
    show_question(wizard, "prep_child_support")
    fill_section(wizard, {"prep_child_support": "both"})
    assert CHILD_ASSENT_QUESTION not in interview.answers
    show_question(wizard, CHILD_ASSENT_QUESTION)
    assert "Do you want to talk with us now?" in texts(wizard)
    assert answer_here(wizard, {CHILD_ASSENT_QUESTION: "does_not_agree"}) is not None
    assert interview.consent_refused, "heard apart, her 'no' is her view"
    wizard.next_button.click()
    assert "The child does not agree to the interview" in texts(wizard)
