"""Protocol version 2 (resources/protocols/screening-v2), the one new interviews use: nothing
about the person before the rights and the consent, the forms of exploitation and the direction
of travel, the ILO strengths per list, and Albanian built from whole sentences."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from interview_room.interview.protocols import ProtocolLibrary
from interview_room.resources import resources_root
from interview_room.screening import (
    ConsentScope,
    ExploitationForm,
    IndicatorList,
    Outcome,
    ProtocolError,
    SectionKind,
    Strength,
    load_protocol,
    shipped_protocol_dir,
    text,
)
from interview_room.screening.errors import (
    InvalidProtocolStructure,
    ProtocolSchemaError,
    UnknownEnumValue,
    UnknownIndicatorReference,
    UnknownOptionReference,
    UnknownQuestionReference,
    UnknownReference,
    UnsupportedProtocolFormat,
)
from interview_room.screening.text_ids import TEMPLATES, placeholders

V2_DIR = resources_root() / "protocols" / "screening-v2"
V1_DIR = resources_root() / "protocols" / "screening-v1"
V2 = load_protocol(V2_DIR)
V1 = load_protocol(V1_DIR)
FORMS = (
    "sexual",
    "labour",
    "forced_begging",
    "forced_criminality",
    "forced_marriage",
    "organ_removal",
    "other",
    "not_known_yet",
)
DIRECTIONS = (
    "leaving_albania",
    "entering_albania",
    "in_transit",
    "returning_citizen",
    "within_albania",
)
ALL_LISTS = frozenset(IndicatorList)
ADULT_LABOUR = frozenset({IndicatorList.ADULT_LABOUR})
ADULT_SEXUAL = frozenset({IndicatorList.ADULT_SEXUAL})
CHILD_LABOUR = frozenset({IndicatorList.CHILD_LABOUR})


def test_it_is_the_newest_and_version_1_stays_for_old_interviews() -> None:
    assert shipped_protocol_dir() == V2_DIR
    assert (V2.id, V2.version) == ("al-border-screening", "2.0.0")
    assert json.loads((V2_DIR / "protocol.json").read_text(encoding="utf-8"))["format"] == 2
    library = ProtocolLibrary()
    assert library.current().content_hash == V2.content_hash
    assert library.find(V1.id, "1.0.0", V1.content_hash).version == "1.0.0"
    assert (V2_DIR / "README.md").is_file() and (V2_DIR / "vectors.json").is_file()


def test_every_question_of_version_1_keeps_its_id() -> None:
    # The referral, the statistics and the training cases name questions by id.
    assert {q.id for q in V1.questions} <= {q.id for q in V2.questions}
    for scope in (ConsentScope.INTERVIEW, ConsentScope.DATA_STORAGE):
        assert V2.consent_question(scope).id == V1.consent_question(scope).id
    for recipient in V1.referral_recipients:
        assert (
            V2.consent_question(ConsentScope.SHARING, recipient).id
            == V1.consent_question(ConsentScope.SHARING, recipient).id
        )


def test_nothing_about_the_person_is_asked_before_the_rights_and_the_consent() -> None:
    order = [q.id for q in V2.questions]
    consent = order.index("consent_interview")
    # Only what is put to the person is asked: an officers' observation (e.g. whether the
    # person could be heard apart from the companion) is recorded, never read to the person.
    observed = {q.id for q in V2.questions[:consent] if q.observation}
    for question_id in observed:
        assert V2.question(question_id).person_wording is None, question_id
    before = set(order[:consent]) - observed
    for about_the_person in ("prep_sex", "prep_nationality", "prep_age", "prep_age_doubt"):
        assert order.index(about_the_person) > consent, about_the_person
    # Before the consent: immediate needs, and only what the interview itself needs (who
    # interviews, where, in which language, with an interpreter, a woman or a man).
    needs = {q.id for q in V2.sections[0].questions}
    arranging = {
        "prep_location",
        "prep_date",
        "prep_officer",
        "prep_social_worker_service",
        "prep_social_worker_name",
        "prep_language",
        "prep_interpreter",
        "prep_interpreter_name",
        "prep_gender_preference",
        "prep_gender_preference_met",
        "prep_interpreter_known",  # whether it is safe to go on with this interpreter
        "consent_rights_read",
    }
    assert before <= needs | arranging, before - needs - arranging
    person = V2.section(V2.question("prep_sex").section_id)
    assert person.kind is SectionKind.QUESTIONS and person.show_if is not None


def test_the_forms_of_exploitation_and_the_direction_of_travel() -> None:
    forms = V2.question("exploitation_forms")
    assert forms.options == FORMS and forms.observation
    assert V2.exploitation_forms is not None
    assert V2.exploitation_forms.question == "exploitation_forms"
    assert V2.list_families(["sexual"]) == {ExploitationForm.SEXUAL}
    assert V2.list_families(["forced_begging", "forced_criminality"]) == {ExploitationForm.LABOUR}
    assert V2.list_families(["forced_marriage"]) == frozenset(ExploitationForm)
    assert V2.list_families(["not_known_yet"]) == V2.list_families(None)
    direction = V2.question("journey_direction")
    assert direction.options == DIRECTIONS and direction.observation
    for lang in ("sq", "en"):
        words = " ".join(
            text(V2, lang, t)
            for t in V2.catalogs[lang].texts
            if t.startswith(("question.journey_direction.", "question.exploitation_forms."))
        )
        assert "abroad" not in words and "jashtë" not in words, "no destination abroad assumed"


@pytest.mark.parametrize(
    ("indicator", "lists", "strength"),
    [
        # ILO/EC 2009: the same indicator is graded per list (README: sources).
        ("cd_forced_tasks_or_clients", ADULT_LABOUR, Strength.MEDIUM),
        ("cd_forced_tasks_or_clients", ADULT_SEXUAL, Strength.STRONG),
        ("cd_forced_tasks_or_clients", CHILD_LABOUR, Strength.STRONG),
        ("cr_threats_victim", ADULT_LABOUR, Strength.MEDIUM),
        ("cr_threats_victim", CHILD_LABOUR, Strength.STRONG),
        ("dr_education", ADULT_LABOUR, Strength.WEAK),
        ("dr_education", CHILD_LABOUR, Strength.STRONG),
        ("cd_threat_inform_family", ADULT_LABOUR, Strength.WEAK),
        ("cd_threat_inform_family", CHILD_LABOUR, Strength.MEDIUM),
        ("vr_journey_arranged_by_others", ADULT_LABOUR, Strength.MEDIUM),
        # Form not known: both families apply, and the stronger grade counts.
        ("cd_forced_tasks_or_clients", ADULT_LABOUR | ADULT_SEXUAL, Strength.STRONG),
    ],
)
def test_strengths_per_list(
    indicator: str, lists: frozenset[IndicatorList], strength: Strength
) -> None:
    assert V2.indicator(indicator).strength_for(lists) is strength


def test_the_missing_ilo_items_and_the_adult_sexual_exploitation_side() -> None:
    for added in (
        "dr_contract",
        "cr_threat_denunciation",
        "cr_withholding_money",
        "cd_forced_against_peers",
    ):
        assert V2.has_indicator(added), added
    sexual = [
        i
        for i in V2.indicators
        if i.dimension is not None
        and i.dimension.value == "exploitation"
        and IndicatorList.ADULT_SEXUAL in i.lists
        and IndicatorList.ADULT_LABOUR not in i.lists
    ]
    assert [i.id for i in sexual] == ["ex_prostitution_of_others"]
    for in_itself in ("ex_prostitution_of_others", "ex_forced_marriage", "ex_organ_removal"):
        assert V2.indicator(in_itself).sufficient
    # Forced marriage now counts on the exploitation side too.
    marriage = V2.question("exp_marriage").indicates["married_without_choice"]
    assert marriage == ("ex_forced_marriage",)
    assert V2.indicator("ex_no_social_protection").lists == ADULT_LABOUR


def test_the_rule_is_data() -> None:
    rule = V2.decision_rule
    assert rule.adult_requires == ("exploitation", "means")
    assert rule.adult_ilo_combination == ("recruitment", "exploitation", "means_at_destination")
    assert rule.child_requires == ("recruitment", "exploitation")
    assert rule.child_when_any_indicator is Outcome.POTENTIAL_VICTIM
    assert rule.child_when_only_context is Outcome.CHILD_AT_RISK
    assert rule.adult_in_itself_one_indicator_in == ("recruitment", "means_at_destination")
    assert rule.both_list_families
    assert rule.before_exploitation is not None
    assert rule.before_exploitation.requires == ()
    assert rule.adult_exploitation_one_strong_in == ("means_at_destination",)
    assert [(p.signs, p.groups, p.one_indicator_in) for p in rule.before_exploitation.paths] == [
        (("intended_exploitation",), ("recruitment",), ()),
        (("control_now",), ("recruitment",), ()),
        (("control_now", "intended_exploitation"), (), ()),
        (("control_now",), (), ("recruitment",)),
        (("intended_exploitation",), (), ("recruitment",)),
        (("control_now",), (), ()),
        (("control_now",), (), ()),
    ]
    assert "rec_how_started" in rule.before_exploitation.paths[-2].all_declined
    observed = rule.before_exploitation.paths[-1].observed
    assert observed is not None and observed.at_least == 2
    assert "obs_fear_or_coaching" in observed.of
    assert [s.id for s in rule.before_exploitation.signs] == [
        "intended_exploitation",
        "control_now",
    ]
    decision = V2.question("det_decision")
    assert {o.decision for o in Outcome} <= set(decision.options)


def test_the_child_texts_no_longer_contradict_the_rule() -> None:
    # v1: "child at risk" said any indicative answer makes a presumed victim; and "the means
    # are not required" while the rule required a recruitment dimension (deception, coercion).
    en = V2.catalogs["en"].texts
    assert "presumed victim" not in en["rule.outcome.child_at_risk"].replace(
        "treated as a presumed victim", ""
    )
    assert "deception" not in en["rule.outcome.potential_victim.child"]
    assert "presumed child victim" in en["rule.outcome.potential_victim.child_any_indicator"]
    sq = V2.catalogs["sq"].texts
    assert "mashtrimi" not in sq["rule.outcome.potential_victim.child"]
    assert "mjafton një tregues i vetëm" in sq["rule.outcome.potential_victim.child_any_indicator"]


def test_albanian_templates_never_paste_a_name_after_a_preposition() -> None:
    # Review 2026-12, section 3: a pasted name only opens the text, follows a colon or stands
    # in parentheses. "{n} tregues {strength}" is the one template where a word follows a
    # number and an agreeing adjective (the .one/.other forms).
    sq = V2.catalogs["sq"].texts
    for text_id in TEMPLATES:
        if text_id not in sq or text_id == "rule.count":
            continue
        template = sq[text_id]
        for name in placeholders(template):
            at = template.index("{" + name + "}")
            before = template[:at]
            assert at == 0 or before.endswith((": ", "(")), (text_id, name, template)
    assert sq["rule.count"] == "{n} tregues {strength}"


def test_albanian_follows_the_review() -> None:
    sq = V2.catalogs["sq"].texts
    albanian = " ".join(sq.values())
    assert "Ju nuk duhet t'u përgjigjeni" not in albanian
    assert (
        "Nuk është e detyrueshme t'u përgjigjeni të gjitha pyetjeve."
        in sq["section.rights_and_consent.intro"]
    )
    assert "shfrytëzim i cenueshmërisë" not in albanian.lower()
    assert "abuzim me cenueshmërinë" in albanian.lower()
    assert "shërbime seksuale" not in sq["indicator.ex_child_sexual_exploitation"].lower()
    assert "'" not in sq["question.prep_sex.guidance"].replace("t'", "")
    for term in ("viktimë e mundshme e trafikimit", "Njësia për Mbrojtjen e Fëmijës", "tregues"):
        assert term in albanian


NEW_PERSON_TEXTS = (
    "section.about_the_person.intro",
    "question.rec_what_awaits.person",
    "question.exp_marriage.person",
    "question.exp_organ.person",
)
"""(``obs_sex_earnings`` and ``obs_acted_against_others`` have no words for the person: they are
never asked, tests/screening/test_transit_and_volunteered.py.)"""


@pytest.mark.parametrize("lang", ["sq", "en", "ar", "fa", "fr", "sr"])
def test_the_new_words_for_the_person_are_in_every_language(lang: str) -> None:
    catalog = V2.catalogs[lang]
    for text_id in NEW_PERSON_TEXTS:
        assert catalog.texts.get(text_id, "").strip(), (lang, text_id)
    if lang not in ("sq", "en"):
        assert (
            catalog.partial
            and catalog.texts[NEW_PERSON_TEXTS[1]] != V2.catalogs["en"].texts[NEW_PERSON_TEXTS[1]]
        )


def test_every_v2_text_needed_is_there_and_none_is_left_over() -> None:
    # The loader refuses both; this names the rule features' texts explicitly.
    for text_id in (
        "outcome.potential_victim_at_risk",
        "rule.outcome.potential_victim_at_risk",
        "rule.outcome.potential_victim.child_any_indicator",
        "rule.outcome.potential_victim.adult_in_itself",
        "rule.sign.intended_exploitation",
        "rule.sign.control_now",
        "rule.lists",
        "rule.sufficient",
    ):
        for lang in ("sq", "en"):
            assert text_id in V2.catalogs[lang].texts, (lang, text_id)
    assert "outcome.potential_victim_at_risk" not in V1.catalogs["en"].texts


# --- Refusals of what format 2 adds ---------------------------------------------------------


def _broken(tmp_path: Path, change: Callable[[dict[str, Any]], None]) -> ProtocolError:
    folder = tmp_path / "screening-v2"
    shutil.copytree(V2_DIR, folder)
    path = folder / "protocol.json"
    document = json.loads(path.read_text(encoding="utf-8"))
    change(document)
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(ProtocolError) as caught:
        load_protocol(folder)
    return caught.value


def _indicator(document: dict[str, Any], indicator_id: str) -> dict[str, Any]:
    return next(i for i in document["indicators"] if i["id"] == indicator_id)


def _question(document: dict[str, Any], question_id: str) -> dict[str, Any]:
    questions = (q for s in document["sections"] for q in s["questions"])
    return next(q for q in questions if q["id"] == question_id)


@pytest.mark.parametrize(
    ("change", "error", "words"),
    [
        (
            lambda d: d["exploitation_forms"]["lists"].pop("organ_removal"),
            InvalidProtocolStructure,
            "exploitation forms: 'lists' says nothing of the option 'organ_removal'",
        ),
        (
            lambda d: d["exploitation_forms"]["lists"].update(slavery=["labour"]),
            UnknownOptionReference,
            "'lists' names 'slavery'",
        ),
        (
            lambda d: d["exploitation_forms"].update(question="prep_age"),
            ProtocolSchemaError,
            "need a choice question",
        ),
        (
            lambda d: _indicator(d, "ex_no_social_protection").update(
                strength_in={"child_labour": "strong"}
            ),
            ProtocolSchemaError,
            "'strength_in' grades it on 'child_labour', not one of its lists",
        ),
        (
            lambda d: _indicator(d, "dr_wages").update(strength_in={"adults": "strong"}),
            UnknownEnumValue,
            "unknown list 'adults'",
        ),
        (
            lambda d: d["decision_rule"]["before_exploitation"]["signs"][0].update(
                indicators=["ip_sexual_exploitation_planned", "no_such_indicator"]
            ),
            UnknownIndicatorReference,
            "sign 'intended_exploitation': it names the unknown indicator 'no_such_indicator'",
        ),
        (
            lambda d: d["decision_rule"]["before_exploitation"]["signs"][0].update(
                indicators=["ip_sexual_exploitation_planned"]
            ),
            InvalidProtocolStructure,
            "indicator 'ip_forced_marriage_planned': an indicator without a dimension must belong",
        ),
        (
            lambda d: d["decision_rule"]["before_exploitation"]["paths"][0].update(
                groups=["recruiting"]
            ),
            UnknownReference,
            "a path names the unknown group 'recruiting'",
        ),
        (
            lambda d: d["decision_rule"]["before_exploitation"].update(requires=["recruitment"]),
            ProtocolSchemaError,
            "it needs exactly one of 'requires' and 'paths'",
        ),
        (
            lambda d: _indicator(d, "ip_earnings_to_others").update(context=True),
            InvalidProtocolStructure,
            "only an indicator of a dimension can be 'context'",
        ),
        (
            lambda d: _question(d, "obs_companion_control").update(
                indicates_unless={"answered": "no_such_question", "equals": "yes"}
            ),
            UnknownQuestionReference,
            "the unknown question 'no_such_question'",
        ),
        (
            lambda d: _indicator(d, "ip_earnings_to_others").update(sufficient=True),
            InvalidProtocolStructure,
            "only an indicator of a dimension can be 'sufficient'",
        ),
        (
            lambda d: d.update(format=1),
            UnsupportedProtocolFormat,
            'needs "format": 2',
        ),
    ],
)
def test_what_format_2_adds_is_checked(
    tmp_path: Path,
    change: Callable[[dict[str, Any]], None],
    error: type[ProtocolError],
    words: str,
) -> None:
    refused = _broken(tmp_path, change)
    assert isinstance(refused, error), refused
    assert str(refused).startswith("protocol.json, ")
    assert words in str(refused), str(refused)
