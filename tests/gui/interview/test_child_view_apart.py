"""Fourth practitioner's review, finding 6, in the real wizard: with only her father in the room
a girl is not asked for her own view at all (the question is not shown: it is asked only with
the Child Protection Unit present); the questions wait for the unit, which asks her, apart, and
only that answer can end the interview."""

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
    CHILD_ASSENT_QUESTION: "does_not_agree",  # never asked while the unit is not there
    "consent_storage": "yes",
}


def test_with_only_her_father_she_is_not_asked_until_the_unit_comes(
    qtbot: QtBot, make_window: WindowFactory, station_home: Path
) -> None:
    window = make_window(station_home)
    sign_in(qtbot, window, *ADMIN)
    wizard = start_interview(qtbot, window, "en")
    walk_to(qtbot, wizard, WITH_HER_FATHER, "rights_and_consent")
    interview = wizard.interview
    seen: list[str] = []
    for _ in range(40):  # on through the consents and who she travels with, skipping the rest
        if wizard.card is not None:
            seen.append(wizard.card.question.id)
        if wizard.blocker.text():
            break
        if answer_here(wizard, WITH_HER_FATHER) is None:
            wizard.skip_question()
    assert interview.answers["consent_guardian_by"].value == "legal_guardian"
    assert CHILD_ASSENT_QUESTION not in seen
    assert CHILD_ASSENT_QUESTION not in interview.answers, "never asked in front of him"
    assert "Do you want to talk with us now?" not in texts(wizard)
    # Who she travels with may be asked; nothing about the case until the unit comes.
    assert interview.current_section.id in ("rights_and_consent", "child_and_companion")
    assert "only when the Child Protection Unit is present" in wizard.blocker.text()
    assert interview.outcome is None and not wizard._consent_refused()
    show_question(wizard, CHILD_ASSENT_QUESTION)
    assert wizard.card is None or wizard.card.question.id != CHILD_ASSENT_QUESTION

    # The unit comes in: who is present is changed by clicking, and now she is asked.
    show_question(wizard, "prep_child_support")
    fill_section(wizard, {"prep_child_support": "both"})
    show_question(wizard, CHILD_ASSENT_QUESTION)
    assert wizard.card is not None and wizard.card.question.id == CHILD_ASSENT_QUESTION
    assert "Do you want to talk with us now?" in texts(wizard)
    assert answer_here(wizard, {CHILD_ASSENT_QUESTION: "does_not_agree"}) is not None
    assert interview.consent_refused, "heard apart, her 'no' is her view"
    wizard.next_button.click()
    assert "The child does not agree to the interview" in texts(wizard)
