"""Practitioner's review, findings 12 and 13, in protocol version 2: a person intercepted still
travelling is not asked about a destination they never reached, and what could incriminate the
person or invite an account of sexual violence is never asked, only recorded when volunteered."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest

from interview_room.resources import resources_root
from interview_room.screening import (
    Answer,
    assess,
    effective_answers,
    load_protocol,
    person_text,
    presumed_child,
    visible_question_ids,
)
from interview_room.screening.vectors import check_protocol

V2_DIR = resources_root() / "protocols" / "screening-v2"
V2 = load_protocol(V2_DIR)
V1 = load_protocol(resources_root() / "protocols" / "screening-v1")
LANGUAGES = ("sq", "en", "ar", "fa", "fr", "sr")
CONSENTED = {"consent_rights_read": "yes", "consent_interview": "yes", "consent_storage": "yes"}
ADULT = {"prep_age": 30, "prep_age_doubt": "no"}
# Every follow-up opened, so that only the new show-if can hide a question.
OPENED = {
    **CONSENTED,
    **ADULT,
    "exploitation_forms": ["sexual", "forced_marriage", "organ_removal"],
    "work_did_work": "yes",
    "work_kind": ["sexual_services", "begging"],
    "doc_where_now": "held_by_someone_else",
    "debt_owed": "to_recruiter_or_employer",
}
NOT_ASKED_ON_THE_WAY = {
    "work_did_work",
    "work_kind",
    "work_crime_whose_decision",
    "obs_sex_earnings",
    "work_hours",
    "work_days_off",
    "work_pay",
    "work_conditions",
    "work_could_refuse",
    "living_conditions",
    "obs_exhaustion",
    "ctl_free_to_leave",
    "ctl_contact",
    "ctl_harm",
    "ctl_authorities",
    "obs_acted_against_others",
    "doc_held_at_destination",
    "fam_unknown_place",
}
STILL_ASKED_ON_THE_WAY = {
    "exp_marriage",
    "exp_organ",
    "ctl_told_what_to_say",
    "obs_fear_or_coaching",
    "obs_signs_of_violence",
    "doc_where_now",
    "doc_who_holds",
    "obs_documents_held_by_companion",
    "debt_owed",
    "debt_how_it_works",
    "fam_threats",
    "fam_situation",
    "obs_vulnerability",
}


WHAT_HAPPENED_AFTER = {
    "en": "What happened after",
    "sq": "Çfarë ndodhi pas",
    "fr": "Que s'est-il passé après",
    "sr": "Šta se desilo posle",
    "ar": "ماذا حدث بعد",
    "fa": "بعد از ازدواج چه اتفاقی افتاد",
}
"""The second question before finding 12, in each language: it invited an account of sexual
violence that no indicator needs."""


def answers(values: dict[str, Any]) -> dict[str, Answer]:
    return {
        question_id: Answer.given(question_id, tuple(value) if isinstance(value, list) else value)
        for question_id, value in values.items()
    }


def shown(values: dict[str, Any]) -> frozenset[str]:
    given = answers(values)
    return visible_question_ids(V2, given, presumed_child(V2, given))


def test_the_destination_questions_are_not_asked_of_a_person_still_travelling() -> None:
    travelling = shown({**OPENED, "obs_stayed_at_destination": "still_travelling"})
    arrived = shown({**OPENED, "obs_stayed_at_destination": "stayed_or_worked"})
    assert arrived >= NOT_ASKED_ON_THE_WAY
    assert not NOT_ASKED_ON_THE_WAY & travelling
    # The purpose and control now show before anything has happened: still asked.
    assert travelling >= STILL_ASKED_ON_THE_WAY
    assert arrived - travelling == NOT_ASKED_ON_THE_WAY


@pytest.mark.parametrize("recorded", [None, "not_clear", {"status": "prefers_not_to_answer"}])
def test_in_doubt_every_question_is_asked(recorded: Any) -> None:
    values = dict(OPENED)
    given = answers(values)
    if isinstance(recorded, str):
        given["obs_stayed_at_destination"] = Answer.given("obs_stayed_at_destination", recorded)
    elif recorded is not None:
        given["obs_stayed_at_destination"] = Answer.prefers_not_to_answer(
            "obs_stayed_at_destination"
        )
    assert visible_question_ids(V2, given, False) >= NOT_ASKED_ON_THE_WAY


def test_the_observation_comes_before_every_question_it_hides() -> None:
    order = [q.id for q in V2.questions]
    assert V2.question("obs_stayed_at_destination").observation
    first_hidden = min(order.index(q) for q in NOT_ASKED_ON_THE_WAY)
    assert order.index("obs_stayed_at_destination") < first_hidden
    assert V2.question("obs_stayed_at_destination").section_id == "journey_and_recruitment"


def test_a_place_never_reached_does_not_count_as_an_unknown_area() -> None:
    base = {**CONSENTED, **ADULT, "fam_unknown_place": "neither"}
    # An answer left over from before the observation was recorded counts for nothing.
    travelling = answers({**base, "obs_stayed_at_destination": "still_travelling"})
    counted = effective_answers(V2, travelling, presumed_child=False)
    assert "fam_unknown_place" not in counted
    found = assess(V2, counted, presumed_child=False).indicator_ids
    assert "vd_difficulty_unknown_area" not in found

    arrived = answers({**base, "obs_stayed_at_destination": "stayed_or_worked"})
    counted = effective_answers(V2, arrived, presumed_child=False)
    assert "vd_difficulty_unknown_area" in assess(V2, counted, presumed_child=False).indicator_ids


def test_a_vector_answering_a_destination_question_of_a_person_on_the_way_fails(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "screening-v2"
    shutil.copytree(V2_DIR, folder)
    vectors = json.loads((folder / "vectors.json").read_text(encoding="utf-8"))
    vector = next(
        v for v in vectors["vectors"] if v["id"] == "transit_still_travelling_typical_interception"
    )
    vector["answers"]["work_did_work"] = "no"  # the old guidance: «no» for work not yet done
    vectors["vectors"] = [vector]
    (folder / "vectors.json").write_text(json.dumps(vectors), encoding="utf-8")
    report = check_protocol(folder)
    (result,) = report.results
    assert not result.passed
    assert "work_did_work" in " ".join(result.problems)


@pytest.mark.parametrize("question_id", ["obs_acted_against_others", "obs_sex_earnings"])
def test_what_could_incriminate_the_person_is_never_read_out(question_id: str) -> None:
    question = V2.question(question_id)
    assert question.observation
    assert question.person_wording is None and question.person_wording_child is None
    for language in LANGUAGES:
        for child in (False, True):
            assert person_text(V2, language, question, presumed_child=child) is None
        catalog = V2.catalogs[language].texts
        assert not [t for t in catalog if t.startswith(f"question.{question_id}.person")]
    guidance = V2.catalogs["en"].texts[f"question.{question_id}.guidance"]
    assert "Never ask" in guidance
    # Still recorded, and still counted, when the person volunteers it.
    assert question.indicates


def test_the_marriage_follow_up_asks_about_leaving_not_what_happened() -> None:
    question = V2.question("exp_marriage")
    for language, what_happened in WHAT_HAPPENED_AFTER.items():
        for child in (False, True):
            words = person_text(V2, language, question, presumed_child=child) or ""
            assert words and what_happened not in words, (language, words)
    english = person_text(V2, "en", question, presumed_child=False) or ""
    assert "What happened" not in english
    assert "free to leave the marriage" in english
    given = answers(
        {
            **CONSENTED,
            **ADULT,
            "exploitation_forms": ["forced_marriage"],
            "exp_marriage": ["not_free_to_leave"],
        }
    )
    assessment = assess(V2, effective_answers(V2, given, False), presumed_child=False)
    assert assessment.indicator_ids == ("cd_isolation_surveillance",)


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_person_hears_they_need_not_tell_what_they_were_forced_to_do(language: str) -> None:
    texts = V2.catalogs[language].texts
    english = V2.catalogs["en"].texts
    sentence = {
        "en": "You do not have to tell us what you were forced to do.",
        "sq": "Nuk keni detyrim të na tregoni çfarë ju detyruan të bënit.",
    }
    work = texts["section.work_and_living.intro"]
    control = texts["section.control_and_coercion.intro"]
    if language in sentence:
        assert work.endswith(sentence[language])
        assert sentence[language][1:] in control
    # Every language keeps its own first words (version 1's) and adds the sentence in itself:
    # a partial language never reads the English sentence, nor falls back to English here.
    first = V1.catalogs[language].texts
    for section in ("work_and_living", "control_and_coercion"):
        before = first[f"section.{section}.intro"].rstrip(".")
        now = texts[f"section.{section}.intro"]
        assert now.startswith(before) and len(now) > len(before) + 20, (language, section)
        if language != "en":
            assert english[f"section.{section}.intro"] not in now
