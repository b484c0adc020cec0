"""Protocol version 2's safety and risk section, the children's path and the two new
recipients (issue 12, "Refusal, stopping, children, safety"), and the engine features they use:
a section's emergency numbers on screen and a presumed child's own simpler words."""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from interview_room.resources import resources_root
from interview_room.screening import (
    Answer,
    Audience,
    ConsentScope,
    SectionKind,
    assess,
    effective_answers,
    load_protocol,
    person_text,
    presumed_child,
    section_intro,
    visible_question_ids,
)
from interview_room.screening.errors import (
    MissingTranslation,
    OrphanText,
    UnsupportedProtocolFormat,
)
from interview_room.screening.protocol import Protocol

V2_DIR = resources_root() / "protocols" / "screening-v2"
V1_DIR = resources_root() / "protocols" / "screening-v1"
V2 = load_protocol(V2_DIR)
V1 = load_protocol(V1_DIR)
SAFETY = (
    "safety_danger_on_return",
    "safety_family_threatened",
    "safety_what_feels_safe",
    "safety_own_words",
    "safety_plan",
)
CHILD = ("child_travelling_with", "child_adult_relationship", "child_adult_papers", "child_status")
CONSENTED = {"consent_rights_read": "yes", "consent_interview": "yes", "consent_storage": "yes"}
ADULT = {"prep_age": 30, "prep_age_doubt": "no"}
CHILD_AGE = {"prep_age": 14, "prep_age_doubt": "no"}


def answers(values: dict[str, Any]) -> dict[str, Answer]:
    given = {}
    for question_id, value in values.items():
        given[question_id] = Answer.given(
            question_id, tuple(value) if isinstance(value, list) else value
        )
    return given


def shown(values: dict[str, Any]) -> frozenset[str]:
    given = answers(values)
    return visible_question_ids(V2, given, presumed_child(V2, given))


# --- Safety and risk ---------------------------------------------------------------------------


def test_the_safety_section_comes_right_after_the_consent() -> None:
    # For an adult; a child's section on who they travel with comes between (it tells whether
    # the guardian present may be the companion, before any safety question: third review, 7).
    ids = [s.id for s in V2.sections]
    assert ids.index("child_and_companion") == ids.index("rights_and_consent") + 1
    assert ids.index("safety_and_risk") == ids.index("rights_and_consent") + 2
    assert V2.section("child_and_companion").audience is Audience.CHILD_ONLY
    section = V2.section("safety_and_risk")
    assert section.kind is SectionKind.QUESTIONS and section.show_if is not None
    assert [q.id for q in section.questions] == list(SAFETY)
    assert section.emergency_contacts and V2.sections[0].emergency_contacts
    assert not any(s.emergency_contacts for s in V1.sections), "version 1 unchanged"
    # The companion at the crossing is an immediate need: known before the rights are read.
    threat = V2.question("safety_threat_at_crossing")
    assert threat.section_id == "immediate_needs" and threat.observation
    assert V2.question("safety_plan").observation, "written by the interviewers"


def test_the_safety_questions_wait_for_the_consent_and_count_for_no_indicator() -> None:
    before = shown({"consent_rights_read": "yes"})
    assert not set(SAFETY) & before
    after = shown({**CONSENTED, **ADULT})
    assert set(SAFETY) <= after
    for question_id in (*SAFETY, "safety_threat_at_crossing", *CHILD):
        assert not V2.question(question_id).indicates, question_id
    # Every option of every safety question leaves the suggestion as it was.
    values = {
        **CONSENTED,
        **ADULT,
        "safety_threat_at_crossing": "companion_here",
        "safety_danger_on_return": ["people_who_brought", "family_or_partner"],
        "safety_family_threatened": "in_danger",
        "safety_what_feels_safe": ["away_from_companion", "police_protection"],
        "safety_own_words": "Synthetic words.",
        "safety_plan": "Synthetic plan.",
    }
    given = answers(values)
    counted = effective_answers(V2, given, presumed_child=False)
    assessment = assess(V2, counted, presumed_child=False)
    assert assessment.indicator_ids == ()


def test_the_persons_own_words_are_asked_only_when_a_record_may_be_kept() -> None:
    for storage, asked in (("yes", True), ("no", False)):
        visible = shown({**CONSENTED, **ADULT, "consent_storage": storage})
        assert ("safety_own_words" in visible) is asked, storage
        assert {"safety_what_feels_safe", "safety_plan"} <= visible, "the choice and the plan stay"
    given = {**answers({**CONSENTED, **ADULT})}
    given["consent_storage"] = Answer.prefers_not_to_answer("consent_storage")
    assert "safety_own_words" not in visible_question_ids(V2, given, False)


def test_no_text_promises_the_person_they_are_safe_here() -> None:
    promise = re.compile(
        r"you are safe here|këtu jeni në siguri|ici, vous êtes en sécurité|ovde ste bezbedni"
        r"|أنت في أمان هنا|شما اینجا در امان هستید",
        re.IGNORECASE,
    )
    for language, catalog in V2.catalogs.items():
        for text_id, words in catalog.texts.items():
            assert not promise.search(words), (language, text_id)
    for language in ("en", "sq"):
        here = V2.catalogs[language].texts["script.here_and_now"]
        assert here.startswith(("You are in a quiet room", "Jeni në një dhomë të qetë"))
    information = resources_root() / "information"
    for path in information.glob("*.json"):
        assert not promise.search(path.read_text(encoding="utf-8")), path.name


# --- Children ----------------------------------------------------------------------------------


def test_the_child_protection_unit_is_confirmed_on_the_childrens_path_before_questions() -> None:
    called = V2.question("child_cpu_informed")
    assert called.audience is Audience.CHILD_ONLY and called.observation
    assert V2.section(called.section_id).kind is SectionKind.CONSENT
    with_parent = {**CONSENTED, **CHILD_AGE, "prep_child_support": "legal_guardian"}
    assert "child_cpu_informed" in shown(with_parent)
    present = {**with_parent, "prep_child_support": "child_protection_unit"}
    assert "child_cpu_informed" not in shown(present), "the unit itself is in the room"
    assert "child_cpu_informed" not in shown({**CONSENTED, **ADULT})


def test_an_unaccompanied_or_separated_child_and_the_adults_papers_are_recorded() -> None:
    section = V2.section("child_and_companion")
    assert section.audience is Audience.CHILD_ONLY
    # The parents' written consent is asked only of a child travelling alone (seventh review,
    # finding 9), so it is not among the questions every child is shown.
    assert [q.id for q in section.questions if q.id != "child_travel_consent"] == list(CHILD)
    assert set(V2.question("child_status").options) == {
        "accompanied",
        "separated",
        "unaccompanied",
        "not_clear_yet",
    }
    assert "relationship_and_consent" in V2.question("child_adult_papers").options
    child = {**CONSENTED, **CHILD_AGE}
    assert set(CHILD) <= shown(child)
    assert not set(CHILD) & shown({**CONSENTED, **ADULT}), "never asked of an adult"
    alone = shown({**child, "child_travelling_with": "no_one"})
    assert "child_adult_relationship" not in alone and "child_adult_papers" not in alone
    assert "child_status" in alone
    assert "child_travel_consent" in alone
    with_father = shown({**child, "child_travelling_with": "mother_or_father"})
    assert {"child_adult_relationship", "child_adult_papers"} <= with_father
    assert "child_travel_consent" not in with_father


def test_a_child_is_asked_fewer_questions_than_an_adult() -> None:
    case_sections = [s for s in V2.sections if s.kind is SectionKind.QUESTIONS]

    def case_questions(values: dict[str, Any]) -> set[str]:
        visible = shown(values)
        return {
            q.id
            for s in case_sections
            for q in s.questions
            if q.id in visible and q.audience is not Audience.CHILD_ONLY
        }

    opened = {"work_did_work": "yes", "debt_owed": "to_recruiter_or_employer"}
    adult = case_questions({**CONSENTED, **ADULT, **opened})
    child = case_questions({**CONSENTED, **CHILD_AGE, **opened}) - set(CHILD)
    assert child < adult
    assert {"debt_how_it_works", "fam_unknown_place", "work_days_off"} <= adult - child


def _french_without(tmp_path: Path, text_id: str) -> Protocol:
    """The shipped protocol with ``text_id`` taken out of its French texts."""
    folder = tmp_path / "screening-v2"
    shutil.copytree(V2_DIR, folder)
    path = folder / "texts" / "fr.json"
    document = json.loads(path.read_text(encoding="utf-8"))
    del document["texts"][text_id]
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    return load_protocol(folder)


def test_a_child_hears_simpler_words_an_adult_the_usual_ones(tmp_path: Path) -> None:
    question = V2.question("rec_how_started")
    assert question.person_wording_child == "question.rec_how_started.person.child"
    for language in ("sq", "en"):
        adult = person_text(V2, language, question, presumed_child=False)
        child = person_text(V2, language, question, presumed_child=True)
        assert adult == V2.catalogs[language].texts["question.rec_how_started.person"]
        assert child == V2.catalogs[language].texts["question.rec_how_started.person.child"]
        assert child != adult
    # Albanian speaks to a child with "ti": "u largove", not the formal "u larguat".
    assert "largove" in (person_text(V2, "sq", question, presumed_child=True) or "")
    # French has the child's own words ("tu"); a partial language without them keeps its own
    # usual words, never English.
    french = person_text(V2, "fr", question, presumed_child=True)
    assert french == V2.catalogs["fr"].texts["question.rec_how_started.person.child"]
    without = _french_without(tmp_path, "question.rec_how_started.person.child")
    usual = person_text(without, "fr", without.question("rec_how_started"), presumed_child=True)
    assert usual == V2.catalogs["fr"].texts["question.rec_how_started.person"]
    # Before the age is applied (immediate needs, consent) there are no child's words.
    for section in V2.sections:
        if section.kind is not SectionKind.QUESTIONS:
            assert all(q.person_wording_child is None for q in section.questions), section.id
    assert person_text(V2, "en", V2.question("safety_plan"), presumed_child=True) is None


def test_a_child_hears_each_sections_opening_words_in_its_own_words(tmp_path: Path) -> None:
    # The questions said "ti" to a child while the section's opening words, read just before
    # them, still said "ju" ("Do të doja t'ju pyesja si arritët këtu").
    journey = V2.section("journey_and_recruitment")
    assert journey.intro_child == "section.journey_and_recruitment.intro.child"
    child = section_intro(V2, "sq", journey, presumed_child=True) or ""
    adult = section_intro(V2, "sq", journey, presumed_child=False) or ""
    assert "arrite" in child and "arritët" in adult
    assert section_intro(V2, "en", journey, presumed_child=True) != section_intro(
        V2, "en", journey, presumed_child=False
    )
    # French has the child's own words; a partial language without them keeps its own usual
    # words, never English.
    french = V2.catalogs["fr"].texts
    child_id = "section.journey_and_recruitment.intro.child"
    assert section_intro(V2, "fr", journey, presumed_child=True) == french[child_id]
    without = _french_without(tmp_path, child_id)
    usual = section_intro(without, "fr", without.section(journey.id), presumed_child=True)
    assert usual == french["section.journey_and_recruitment.intro"]
    # Every section of questions a child is read opening words for has them in both languages.
    for section in V2.sections:
        if section.audience is Audience.CHILD_ONLY:
            continue  # written for a child already
        if section.kind is SectionKind.QUESTIONS and section.intro is not None:
            assert section.intro_child is not None, section.id
            for language in ("sq", "en"):
                assert section.intro_child in V2.catalogs[language].texts, (section.id, language)
        if section.kind is not SectionKind.QUESTIONS:
            assert section.intro_child is None, section.id


def test_every_question_a_child_is_asked_in_a_case_section_has_a_childs_wording() -> None:
    child = shown({**CONSENTED, **CHILD_AGE, "work_did_work": "yes"})
    for section in V2.sections:
        if section.kind is not SectionKind.QUESTIONS or section.id == "child_and_companion":
            continue
        for question in section.questions:
            if question.id in child and not question.observation:
                if question.audience is Audience.CHILD_ONLY:
                    continue  # written for a child already
                assert question.person_wording_child is not None, question.id


# --- Recipients --------------------------------------------------------------------------------


def test_the_anti_trafficking_police_and_the_asylum_authority_are_recipients() -> None:
    for recipient in ("anti_trafficking_police", "asylum_migration_authority"):
        assert recipient in V2.referral_recipients
        question = V2.consent_question(ConsentScope.SHARING, recipient)
        assert question.id == f"consent_share_{recipient}"
        for language in ("sq", "en"):
            assert V2.catalogs[language].texts[f"recipient.{recipient}"].strip()
    assert "anti_trafficking_police" not in V1.referral_recipients


# --- The engine: refusals of what the features need -------------------------------------------


def _copy(tmp_path: Path, folder: Path = V2_DIR) -> Path:
    target = tmp_path / folder.name
    shutil.copytree(folder, target)
    return target


def _edit(path: Path, change: Callable[[dict[str, Any]], None]) -> None:
    document = json.loads(path.read_text(encoding="utf-8"))
    change(document)
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")


def test_a_childs_wording_in_one_complete_language_is_needed_in_the_other(
    tmp_path: Path,
) -> None:
    folder = _copy(tmp_path)
    _edit(
        folder / "texts" / "en.json",
        lambda d: d["texts"].pop("question.rec_how_started.person.child"),
    )
    with pytest.raises(MissingTranslation, match=r"question.rec_how_started.person.child"):
        load_protocol(folder)


def test_a_childs_wording_before_the_age_is_known_is_refused(tmp_path: Path) -> None:
    folder = _copy(tmp_path)
    for language in ("en", "sq"):
        _edit(
            folder / "texts" / f"{language}.json",
            lambda d: d["texts"].__setitem__("question.needs_medical.person.child", "Hurt?"),
        )
    with pytest.raises(OrphanText, match=r"needs_medical.person.child"):
        load_protocol(folder)


def test_format_1_may_not_show_emergency_numbers(tmp_path: Path) -> None:
    folder = _copy(tmp_path, V1_DIR)

    def change(document: dict[str, Any]) -> None:
        document["sections"][0]["emergency_contacts"] = True

    _edit(folder / "protocol.json", change)
    with pytest.raises(UnsupportedProtocolFormat, match="emergency_contacts"):
        load_protocol(folder)


def test_the_vectors_cover_the_safety_and_childrens_questions() -> None:
    from interview_room.screening.vectors import check_protocol

    report = check_protocol(V2_DIR)
    assert report.all_passed, "\n".join(report.lines())
    assert len(report.results) >= 48
    vectors = json.loads((V2_DIR / "vectors.json").read_text(encoding="utf-8"))["vectors"]
    by_id = {v["id"]: v for v in vectors}
    expected = {
        "unaccompanied_child_online_job_offer_leaving": ("potential_victim", "unaccompanied"),
        "child_with_father_papers_in_order_negative": ("indicators_not_met", "accompanied"),
        "separated_child_with_aunt_begging_returning": ("potential_victim", "separated"),
    }
    for vector_id, (outcome, status) in expected.items():
        assert by_id[vector_id]["expect"]["outcome"] == outcome
        assert by_id[vector_id]["answers"]["child_status"] == status
    papers = by_id["child_with_father_papers_in_order_negative"]["answers"]
    assert papers["child_adult_papers"] == "relationship_and_consent"
    intercepted = by_id["adult_intercepted_companion_at_crossing"]
    assert intercepted["answers"]["safety_threat_at_crossing"] == "companion_here"
    assert intercepted["expect"]["outcome"] == "potential_victim_at_risk"
    answered = {q for v in vectors for q in v["answers"]}
    assert {*SAFETY, *CHILD, "safety_threat_at_crossing", "child_cpu_informed"} <= answered
