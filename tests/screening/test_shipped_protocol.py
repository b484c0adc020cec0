"""The protocol shipped in resources/protocols/screening-v1 keeps the interview's promises.

Version 1 stays on every station for the interviews started with it; new interviews use the
newest version (``shipped_protocol_dir``), tested in test_protocol_v2.py.
"""

from __future__ import annotations

import shutil
from collections import Counter
from pathlib import Path

import pytest

from interview_room import resources
from interview_room.resources import resources_root
from interview_room.screening import (
    AnswerType,
    ConsentScope,
    Dimension,
    Outcome,
    SectionKind,
    load_protocol,
    shipped_protocol_dir,
    text,
)
from interview_room.screening.protocol import MEANS_AT_DESTINATION, Audience
from interview_room.screening.text_ids import text_needs

V1_DIR = resources_root() / "protocols" / "screening-v1"
PROTOCOL = load_protocol(V1_DIR)
RECIPIENTS = (
    "responsible_authority",
    "state_social_service",
    "shelter",
    "child_protection_unit",
    "health_services",
)


def test_it_loads_with_its_identity() -> None:
    assert PROTOCOL.id == "al-border-screening"
    assert PROTOCOL.version == "1.0.0"
    assert PROTOCOL.languages[:2] == ("sq", "en")
    assert (V1_DIR / "README.md").is_file()
    # Interviews started with version 1 are reopened by this hash: it must never change.
    assert PROTOCOL.content_hash == (
        "a2452dbeea2023ceaff1b09b86b08c585abdfc28c954bd70fec2f99b2972fe8f"
    )
    assert shipped_protocol_dir() == resources_root() / "protocols" / "screening-v2"


def test_immediate_needs_come_first() -> None:
    first = PROTOCOL.sections[0]
    assert first.kind is SectionKind.IMMEDIATE_NEEDS
    assert first.audience is Audience.ALL and first.show_if is None
    ids = {q.id for q in first.questions}
    assert {"needs_medical", "needs_basic", "needs_feels_safe", "needs_children_with"} <= ids


def test_sections_follow_the_interview_order() -> None:
    kinds = [s.kind for s in PROTOCOL.sections]
    assert kinds[:3] == [SectionKind.IMMEDIATE_NEEDS, SectionKind.PREPARATION, SectionKind.CONSENT]
    assert kinds[-1] is SectionKind.DETERMINATION
    assert set(kinds[3:-1]) == {SectionKind.QUESTIONS}
    assert [s.id for s in PROTOCOL.sections[3:-1]] == [
        "journey_and_recruitment",
        "work_and_living",
        "control_and_coercion",
        "documents_and_debt",
        "family_and_threats",
        "needs",
    ]


def test_size_is_a_real_first_protocol() -> None:
    assert 40 <= len(PROTOCOL.questions) <= 75
    assert len(PROTOCOL.indicators) >= 35


def test_every_dimension_has_indicators_of_several_strengths() -> None:
    per_dimension = Counter(i.dimension for i in PROTOCOL.indicators)
    assert set(per_dimension) == set(Dimension)
    assert all(count >= 5 for count in per_dimension.values()), per_dimension
    for dimension in (Dimension.DECEPTIVE_RECRUITMENT, Dimension.EXPLOITATION):
        assert any(
            i.strength.value == "strong" for i in PROTOCOL.indicators if i.dimension is dimension
        )


def test_every_indicator_is_reachable_from_an_answer() -> None:
    linked = {i for q in PROTOCOL.questions for ids in q.indicates.values() for i in ids}
    assert linked == {i.id for i in PROTOCOL.indicators}


def test_every_question_and_indicator_has_albanian_and_english_texts() -> None:
    needs = text_needs(PROTOCOL)
    for lang in ("sq", "en"):
        catalog = PROTOCOL.catalogs[lang]
        assert not catalog.partial
        missing = [t for t in needs.required if t not in catalog.texts]
        assert missing == [], (lang, missing)
        for question in PROTOCOL.questions:
            assert text(PROTOCOL, lang, question.label).strip()
            if question.observation:
                assert question.person_wording is None
            else:
                assert question.person_wording in catalog.texts
            if question.guidance is not None:
                assert question.guidance in catalog.texts
        for indicator in PROTOCOL.indicators:
            assert indicator.text in catalog.texts
    # Albanian is a translation, not a copy of the English.
    sq, en = PROTOCOL.catalogs["sq"].texts, PROTOCOL.catalogs["en"].texts
    same = [t for t in sq if sq[t] == en[t] and not t.startswith("rule.count")]
    assert len(same) <= 5, same


def test_albanian_uses_the_domain_terms() -> None:
    albanian = " ".join(PROTOCOL.catalogs["sq"].texts.values())
    for term in (
        "viktimë e mundshme e trafikimit",
        "pëlqimi i informuar",
        "përkthyes",
        "Njësia për Mbrojtjen e Fëmijës",
        "tregues trafikimi",
        "Autoritetit Përgjegjës",
        "Shërbimit Social Shtetëror",
        "kujdestari ligjor",
        "Policia Kufitare",
        "periudha e reflektimit",
        "këtu dhe tani",
    ):
        assert term in albanian, term


def test_rights_are_read_before_any_case_question() -> None:
    consent = next(s for s in PROTOCOL.sections if s.kind is SectionKind.CONSENT)
    assert consent.intro is not None
    script = text(PROTOCOL, "sq", consent.intro)
    assert "Ju nuk duhet t'u përgjigjeni të gjitha pyetjeve." in script
    assert (
        "Nëse nuk ndiheni rehat, mund të zgjidhni të mos përgjigjeni ose mund ta ndërpresim "
        "menjëherë bisedën." in script
    )
    english = text(PROTOCOL, "en", consent.intro)
    assert "You do not have to answer all the questions." in english
    case_sections = [s for s in PROTOCOL.sections if s.kind is SectionKind.QUESTIONS]
    gated = [s for s in case_sections if s.id != "needs"]
    for section in gated:
        assert section.show_if is not None, section.id


def test_consents_are_separate_for_interview_storage_and_each_recipient() -> None:
    assert PROTOCOL.referral_recipients == RECIPIENTS
    consent = next(s for s in PROTOCOL.sections if s.kind is SectionKind.CONSENT)
    recorded = [q for q in consent.questions if q.consent is not None]
    assert len(recorded) == 2 + len(RECIPIENTS)
    assert all(q.answer_type is AnswerType.YES_NO and not q.observation for q in recorded)
    assert PROTOCOL.consent_question(ConsentScope.INTERVIEW).id == "consent_interview"
    assert PROTOCOL.consent_question(ConsentScope.DATA_STORAGE).id == "consent_storage"
    for recipient in RECIPIENTS:
        question = PROTOCOL.consent_question(ConsentScope.SHARING, recipient)
        assert question.section_id == consent.id
        assert text(PROTOCOL, "sq", PROTOCOL.recipient_text(recipient))
    witness = PROTOCOL.question("consent_witness")
    assert witness.observation and set(witness.options) == {"social_worker", "interpreter"}


def test_preparation_records_interpreter_gender_preference_and_age() -> None:
    prep = next(s for s in PROTOCOL.sections if s.kind is SectionKind.PREPARATION)
    ids = {q.id for q in prep.questions}
    assert {
        "prep_location",
        "prep_date",
        "prep_officer",
        "prep_social_worker_service",
        "prep_language",
        "prep_interpreter",
        "prep_gender_preference",
        "prep_age",
        "prep_age_doubt",
        "prep_child_support",
    } <= ids
    assert PROTOCOL.age_rule.age_question == "prep_age"
    assert PROTOCOL.age_rule.doubt_question == "prep_age_doubt"
    assert PROTOCOL.age_rule.adult_age == 18
    assert PROTOCOL.question("prep_child_support").audience is Audience.CHILD_ONLY


def test_determination_holds_only_decision_and_reasons() -> None:
    determination = PROTOCOL.sections[-1]
    assert [q.id for q in determination.questions] == ["det_decision", "det_reasons"]
    decision = PROTOCOL.question("det_decision")
    assert {o.decision for o in Outcome} <= set(decision.options)


def test_decision_rule_as_in_the_domain_notes() -> None:
    rule = PROTOCOL.decision_rule
    assert len(rule.thresholds) == 4
    assert rule.adult_requires == ("recruitment", "exploitation", "means_at_destination")
    assert rule.child_requires == ("recruitment", "exploitation")
    for group_id in rule.child_requires:
        assert not MEANS_AT_DESTINATION & set(rule.group(group_id).dimensions)


def test_observations_are_recorded_not_asked() -> None:
    observed = [q for q in PROTOCOL.questions if q.id.startswith("obs_")]
    assert len(observed) >= 5
    assert all(q.observation and q.person_wording is None for q in observed)


def test_content_hash_is_stable(tmp_path: Path) -> None:
    again = load_protocol(V1_DIR)
    assert again.content_hash == PROTOCOL.content_hash
    assert len(PROTOCOL.content_hash) == 64
    int(PROTOCOL.content_hash, 16)
    copy = tmp_path / "screening-v1"
    shutil.copytree(V1_DIR, copy)
    (copy / "README.md").write_text("changed", encoding="utf-8")
    assert load_protocol(copy).content_hash == PROTOCOL.content_hash


def test_installed_resources_win_over_the_checkout(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    package = tmp_path / "interview_room"
    (package / "_resources").mkdir(parents=True)
    monkeypatch.setattr(resources, "_PACKAGE_DIR", package)
    assert resources_root() == package / "_resources"
    (package / "_resources").rmdir()
    assert resources_root() == tmp_path.parent / "resources"
