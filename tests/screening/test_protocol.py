"""Loading and refusing protocols; show-if rules; the interview's flow helpers.

Broken protocols are made from the small valid fixture in ``fixtures/minimal`` by one mutation
each, so every test shows exactly the fault it is about.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from interview_room.errors import InterviewRoomError
from interview_room.screening import (
    Answer,
    AnswerStatus,
    InvalidAnswer,
    TextNotFound,
    effective_answers,
    is_presumed_child,
    load_protocol,
    presumed_child,
    text,
    validate_answer,
    visible_question_ids,
    visible_questions,
)
from interview_room.screening.conditions import (
    AllOf,
    AnswerIn,
    AnyOf,
    Not,
    evaluate,
    parse_condition,
)
from interview_room.screening.errors import (
    DuplicateId,
    InvalidDecisionRule,
    InvalidProtocolStructure,
    MalformedCondition,
    MalformedJson,
    MissingTranslation,
    OrphanText,
    ProtocolError,
    ProtocolFileMissing,
    ProtocolSchemaError,
    ShowIfForwardReference,
    TextPlaceholderMismatch,
    UnknownAnswerType,
    UnknownDimension,
    UnknownEnumValue,
    UnknownIndicatorReference,
    UnknownOptionReference,
    UnknownQuestionReference,
    UnknownReference,
    UnknownStrength,
    UnsupportedProtocolFormat,
)

MINIMAL = Path(__file__).parent / "fixtures" / "minimal"
FILES = ("protocol.json", "texts/en.json", "texts/sq.json")

Docs = dict[str, Any]


def variant(tmp_path: Path, mutate: Callable[[Docs], None]) -> Path:
    """A copy of the minimal protocol with ``mutate`` applied to its parsed files.

    A file mapped to a ``str`` is written as that raw text; one mapped to ``None`` is removed.
    """
    folder = tmp_path / "protocol"
    shutil.copytree(MINIMAL, folder)
    docs: Docs = {name: json.loads((folder / name).read_text("utf-8")) for name in FILES}
    mutate(docs)
    for name, doc in docs.items():
        path = folder / name
        if doc is None:
            path.unlink(missing_ok=True)
        elif isinstance(doc, str):
            path.write_text(doc, encoding="utf-8")
        else:
            path.write_text(json.dumps(doc, ensure_ascii=False, indent=2), encoding="utf-8")
    return folder


def question(docs: Docs, question_id: str) -> dict[str, Any]:
    for section in docs["protocol.json"]["sections"]:
        for q in section["questions"]:
            if q["id"] == question_id:
                return q  # type: ignore[no-any-return]
    raise KeyError(question_id)


def section(docs: Docs, section_id: str) -> dict[str, Any]:
    return next(s for s in docs["protocol.json"]["sections"] if s["id"] == section_id)


def indicator(docs: Docs, indicator_id: str) -> dict[str, Any]:
    return next(i for i in docs["protocol.json"]["indicators"] if i["id"] == indicator_id)


def texts(docs: Docs, lang: str) -> dict[str, str]:
    return docs[f"texts/{lang}.json"]["texts"]  # type: ignore[no-any-return]


def refuse(
    tmp_path: Path, mutate: Callable[[Docs], None], error: type[ProtocolError], *parts: str
) -> ProtocolError:
    """Load a mutated protocol, expect ``error``, and check the message names every part."""
    with pytest.raises(error) as caught:
        load_protocol(variant(tmp_path, mutate))
    message = str(caught.value)
    for part in parts:
        assert part in message, f"{part!r} not in {message!r}"
    assert message.count(".") >= 1 and "\n" not in message
    return caught.value


# --- The valid fixture -------------------------------------------------------------------------


def test_minimal_fixture_loads() -> None:
    protocol = load_protocol(MINIMAL)
    assert protocol.id == "test-minimal"
    assert protocol.languages == ("sq", "en")
    assert protocol.sections[0].kind.value == "immediate_needs"
    hours = protocol.question("hours")
    assert hours.guidance == "question.hours.guidance"
    assert protocol.question("paid").guidance is None
    assert protocol.question("watched").person_wording is None
    assert protocol.section("consent").intro == "section.consent.intro"


def test_every_refusal_is_an_interview_room_error() -> None:
    assert issubclass(ProtocolError, InterviewRoomError)
    assert issubclass(UnknownAnswerType, ProtocolError)


# --- Refusals: JSON and files ------------------------------------------------------------------


def test_malformed_json_names_file_and_line(tmp_path: Path) -> None:
    def mutate(docs: Docs) -> None:
        docs["protocol.json"] = '{\n  "format": 1,\n  "id": "x"\n  "version": "1.0.0"\n}\n'

    error = refuse(tmp_path, mutate, MalformedJson, "protocol.json", "line 4", "malformed JSON")
    assert isinstance(error, MalformedJson) and error.line == 4


def test_malformed_catalog_json_names_the_catalog(tmp_path: Path) -> None:
    def mutate(docs: Docs) -> None:
        docs["texts/sq.json"] = '{"language": "sq",\n "texts": {"a": "b",}}'

    refuse(tmp_path, mutate, MalformedJson, "texts/sq.json", "line 2")


def test_duplicate_json_key_in_a_catalog(tmp_path: Path) -> None:
    def mutate(docs: Docs) -> None:
        body = json.dumps(docs["texts/en.json"], ensure_ascii=False)
        docs["texts/en.json"] = body.replace(
            '"answer.yes": "Yes"', '"answer.yes": "Yes", "answer.yes": "Yes!"'
        )

    refuse(tmp_path, mutate, DuplicateId, "texts/en.json", "answer.yes", "twice")


def test_missing_albanian_catalog(tmp_path: Path) -> None:
    def mutate(docs: Docs) -> None:
        docs["texts/sq.json"] = None

    refuse(tmp_path, mutate, ProtocolFileMissing, "texts/sq.json", "does not exist")


def test_unsupported_format(tmp_path: Path) -> None:
    def mutate(docs: Docs) -> None:
        docs["protocol.json"]["format"] = 3

    refuse(tmp_path, mutate, UnsupportedProtocolFormat, "protocol.json", "format 3")


def test_format_1_cannot_use_what_format_2_adds(tmp_path: Path) -> None:
    def mutate(docs: Docs) -> None:
        docs["protocol.json"]["decision_rule"]["child_when_any_indicator"] = "potential_victim"

    refuse(tmp_path, mutate, UnsupportedProtocolFormat, "protocol.json", "child_when_any_indicator")


# --- Refusals: shape ---------------------------------------------------------------------------


def test_unknown_answer_type(tmp_path: Path) -> None:
    def mutate(docs: Docs) -> None:
        question(docs, "paid")["answer_type"] = "yes-no"

    refuse(
        tmp_path,
        mutate,
        UnknownAnswerType,
        "protocol.json",
        "question 'paid'",
        "unknown answer type",
    )


def test_unknown_dimension(tmp_path: Path) -> None:
    def mutate(docs: Docs) -> None:
        indicator(docs, "cd_weak")["dimension"] = "coercion"

    refuse(tmp_path, mutate, UnknownDimension, "protocol.json", "indicator 'cd_weak'", "'coercion'")


def test_unknown_strength(tmp_path: Path) -> None:
    def mutate(docs: Docs) -> None:
        indicator(docs, "vr_weak")["strength"] = "very strong"

    refuse(tmp_path, mutate, UnknownStrength, "protocol.json", "indicator 'vr_weak'", "strength")


def test_unknown_strength_in_a_threshold(tmp_path: Path) -> None:
    def mutate(docs: Docs) -> None:
        rule = docs["protocol.json"]["decision_rule"]
        rule["dimension_positive_when_any"][1] = {"strong": 1, "medium_or_wek": 1}

    refuse(tmp_path, mutate, UnknownStrength, "protocol.json", "decision rule", "'wek'")


def test_unknown_section_kind_and_audience(tmp_path: Path) -> None:
    def kind(docs: Docs) -> None:
        section(docs, "story")["kind"] = "story"

    refuse(tmp_path, kind, UnknownEnumValue, "section 'story'", "section kind")

    def audience(docs: Docs) -> None:
        question(docs, "school")["audience"] = "children"

    refuse(tmp_path / "b", audience, UnknownEnumValue, "question 'school'", "audience")


def test_unknown_field_is_refused(tmp_path: Path) -> None:
    def mutate(docs: Docs) -> None:
        question(docs, "hours")["show_iff"] = {"answered": "paid", "equals": "yes"}

    refuse(tmp_path, mutate, ProtocolSchemaError, "question 'hours'", "unknown field", "show_iff")


def test_missing_required_field(tmp_path: Path) -> None:
    def mutate(docs: Docs) -> None:
        del question(docs, "hours")["answer_type"]

    refuse(tmp_path, mutate, ProtocolSchemaError, "question 'hours'", "answer_type")


def test_malformed_id(tmp_path: Path) -> None:
    def mutate(docs: Docs) -> None:
        question(docs, "hours")["options"] = ["normal", "Long hours"]

    refuse(tmp_path, mutate, ProtocolSchemaError, "question 'hours'", "options[1]")


def test_malformed_show_if(tmp_path: Path) -> None:
    def mutate(docs: Docs) -> None:
        question(docs, "hours")["show_if"] = {"question": "paid", "is": "yes"}

    refuse(tmp_path, mutate, ProtocolSchemaError, "question 'hours'", "show_if", "malformed")


def test_options_on_a_text_question(tmp_path: Path) -> None:
    def mutate(docs: Docs) -> None:
        question(docs, "notes")["options"] = ["a", "b"]

    refuse(tmp_path, mutate, ProtocolSchemaError, "question 'notes'", "takes no 'options'")


def test_choice_question_without_options(tmp_path: Path) -> None:
    def mutate(docs: Docs) -> None:
        del question(docs, "hours")["options"]
        del question(docs, "hours")["indicates"]

    refuse(tmp_path, mutate, ProtocolSchemaError, "question 'hours'", "needs 'options'")


# --- Refusals: duplicates and references -------------------------------------------------------


def test_duplicate_question_id(tmp_path: Path) -> None:
    def mutate(docs: Docs) -> None:
        question(docs, "notes")["id"] = "poor"

    refuse(tmp_path, mutate, DuplicateId, "protocol.json", "question 'poor'", "used twice")


def test_duplicate_indicator_id(tmp_path: Path) -> None:
    def mutate(docs: Docs) -> None:
        indicator(docs, "cd_weak")["id"] = "cd_strong"

    refuse(tmp_path, mutate, DuplicateId, "indicator 'cd_strong'", "used twice")


def test_duplicate_option(tmp_path: Path) -> None:
    def mutate(docs: Docs) -> None:
        question(docs, "promised")["options"] = ["job", "wages", "job"]

    refuse(tmp_path, mutate, DuplicateId, "question 'promised'", "option id 'job'")


def test_show_if_unknown_question(tmp_path: Path) -> None:
    def mutate(docs: Docs) -> None:
        question(docs, "hours")["show_if"] = {"answered": "worked", "equals": "yes"}

    refuse(
        tmp_path,
        mutate,
        UnknownQuestionReference,
        "protocol.json",
        "question 'hours'",
        "unknown question 'worked'",
    )


def test_show_if_later_question(tmp_path: Path) -> None:
    def mutate(docs: Docs) -> None:
        question(docs, "hours")["show_if"] = {"answered": "locked", "equals": "yes"}

    refuse(
        tmp_path,
        mutate,
        ShowIfForwardReference,
        "protocol.json",
        "question 'hours'",
        "'locked'",
        "not asked before",
    )


def test_show_if_on_itself(tmp_path: Path) -> None:
    def mutate(docs: Docs) -> None:
        question(docs, "hours")["show_if"] = {"not": {"answered": "hours", "equals": "long"}}

    refuse(tmp_path, mutate, ShowIfForwardReference, "question 'hours'")


def test_section_show_if_on_its_own_question(tmp_path: Path) -> None:
    def mutate(docs: Docs) -> None:
        section(docs, "story")["show_if"] = {"answered": "promised", "equals": "job"}

    refuse(tmp_path, mutate, ShowIfForwardReference, "section 'story'", "'promised'")


def test_show_if_unknown_option(tmp_path: Path) -> None:
    def mutate(docs: Docs) -> None:
        question(docs, "paid")["show_if"] = {"answered": "hours", "in": ["long", "very_long"]}

    refuse(
        tmp_path, mutate, UnknownOptionReference, "question 'paid'", "unknown option 'very_long'"
    )


def test_show_if_number_compared_with_text(tmp_path: Path) -> None:
    def mutate(docs: Docs) -> None:
        question(docs, "age_doubt")["show_if"] = {"answered": "age", "equals": "17"}

    refuse(tmp_path, mutate, ProtocolSchemaError, "question 'age_doubt'", "number question 'age'")


def test_indicator_link_to_unknown_indicator(tmp_path: Path) -> None:
    def mutate(docs: Docs) -> None:
        question(docs, "locked")["indicates"] = {"yes": ["cd_strong", "cd_locked"]}

    refuse(
        tmp_path,
        mutate,
        UnknownIndicatorReference,
        "protocol.json",
        "question 'locked'",
        "unknown indicator 'cd_locked'",
    )


def test_indicator_link_to_unknown_option(tmp_path: Path) -> None:
    def mutate(docs: Docs) -> None:
        question(docs, "hours")["indicates"] = {"very_long": ["ex_strong"]}

    refuse(
        tmp_path,
        mutate,
        UnknownOptionReference,
        "protocol.json",
        "question 'hours'",
        "unknown option 'very_long'",
    )


def test_indicator_link_on_a_text_question(tmp_path: Path) -> None:
    def mutate(docs: Docs) -> None:
        question(docs, "notes")["indicates"] = {"yes": ["cd_strong"]}

    refuse(tmp_path, mutate, ProtocolSchemaError, "question 'notes'", "cannot indicate")


def test_indicator_never_indicated(tmp_path: Path) -> None:
    def mutate(docs: Docs) -> None:
        del question(docs, "poor")["indicates"]

    refuse(tmp_path, mutate, InvalidProtocolStructure, "indicator 'vr_weak'", "indicates it")


# --- Refusals: interview structure and rule ----------------------------------------------------


def test_immediate_needs_must_come_first(tmp_path: Path) -> None:
    def mutate(docs: Docs) -> None:
        sections = docs["protocol.json"]["sections"]
        sections[0], sections[1] = sections[1], sections[0]

    refuse(tmp_path, mutate, InvalidProtocolStructure, "section 'prep'", "immediate_needs")


def test_case_questions_cannot_come_before_consent(tmp_path: Path) -> None:
    def mutate(docs: Docs) -> None:
        sections = docs["protocol.json"]["sections"]
        sections[2], sections[3] = sections[3], sections[2]
        del sections[2]["show_if"]

    refuse(tmp_path, mutate, InvalidProtocolStructure, "section 'consent'", "cannot follow")


def test_each_recipient_needs_its_own_consent(tmp_path: Path) -> None:
    def mutate(docs: Docs) -> None:
        docs["protocol.json"]["referral_recipients"].append("health_services")
        for lang in ("en", "sq"):
            texts(docs, lang)["recipient.health_services"] = "Health"

    refuse(tmp_path, mutate, InvalidProtocolStructure, "consent", "'health_services'")


def test_consent_outside_the_consent_section(tmp_path: Path) -> None:
    def mutate(docs: Docs) -> None:
        question(docs, "locked")["consent"] = {"scope": "data_storage"}

    refuse(tmp_path, mutate, InvalidProtocolStructure, "question 'locked'", "consent section")


def test_consent_for_unknown_recipient(tmp_path: Path) -> None:
    def mutate(docs: Docs) -> None:
        question(docs, "consent_share_shelter")["consent"]["recipient"] = "hotel"

    refuse(tmp_path, mutate, UnknownReference, "question 'consent_share_shelter'", "'hotel'")


def test_child_rule_may_not_require_the_means(tmp_path: Path) -> None:
    def mutate(docs: Docs) -> None:
        docs["protocol.json"]["decision_rule"]["child_requires"].append("means_at_destination")

    refuse(
        tmp_path,
        mutate,
        InvalidDecisionRule,
        "protocol.json",
        "rule group 'means_at_destination'",
        "never require the means",
    )


def test_rule_names_unknown_group(tmp_path: Path) -> None:
    def mutate(docs: Docs) -> None:
        docs["protocol.json"]["decision_rule"]["adult_requires"][0] = "recruit"

    refuse(tmp_path, mutate, UnknownReference, "decision rule", "'recruit'")


def test_age_rule_needs_a_number_question(tmp_path: Path) -> None:
    def mutate(docs: Docs) -> None:
        docs["protocol.json"]["age_rule"]["age_question"] = "age_doubt"

    refuse(tmp_path, mutate, ProtocolSchemaError, "question 'age_doubt'", "number")


# --- Refusals: texts ---------------------------------------------------------------------------


def test_missing_albanian_text_names_file_question_and_text(tmp_path: Path) -> None:
    def mutate(docs: Docs) -> None:
        del texts(docs, "sq")["question.hours.person"]

    refuse(
        tmp_path,
        mutate,
        MissingTranslation,
        "texts/sq.json",
        "question 'hours'",
        "'question.hours.person' is missing",
    )


def test_missing_english_option_text(tmp_path: Path) -> None:
    def mutate(docs: Docs) -> None:
        del texts(docs, "en")["question.promised.option.wages"]

    refuse(tmp_path, mutate, MissingTranslation, "texts/en.json", "question 'promised'")


def test_missing_indicator_text(tmp_path: Path) -> None:
    def mutate(docs: Docs) -> None:
        del texts(docs, "sq")["indicator.cd_weak"]

    refuse(tmp_path, mutate, MissingTranslation, "texts/sq.json", "indicator 'cd_weak'")


def test_optional_text_in_one_language_only(tmp_path: Path) -> None:
    def mutate(docs: Docs) -> None:
        texts(docs, "en")["question.paid.guidance"] = "Ask gently."

    refuse(tmp_path, mutate, MissingTranslation, "texts/sq.json", "question 'paid'", "guidance")


def test_orphan_text_is_refused(tmp_path: Path) -> None:
    def mutate(docs: Docs) -> None:
        texts(docs, "en")["question.hours.guidence"] = "typo"

    refuse(tmp_path, mutate, OrphanText, "texts/en.json", "question 'hours'", "guidence")


def test_observation_has_no_person_wording(tmp_path: Path) -> None:
    def mutate(docs: Docs) -> None:
        texts(docs, "sq")["question.watched.person"] = "A ju mbikëqyrnin?"

    refuse(tmp_path, mutate, OrphanText, "texts/sq.json", "question 'watched'")


def test_template_placeholders_must_match(tmp_path: Path) -> None:
    def mutate(docs: Docs) -> None:
        texts(docs, "sq")["rule.dimension.positive"] = "{dimensioni}: pozitiv: {counts}"

    refuse(
        tmp_path,
        mutate,
        TextPlaceholderMismatch,
        "texts/sq.json",
        "rule.dimension.positive",
        "{dimension}",
    )


def test_albanian_may_not_be_partial(tmp_path: Path) -> None:
    def mutate(docs: Docs) -> None:
        docs["texts/sq.json"]["partial"] = True

    refuse(tmp_path, mutate, ProtocolSchemaError, "texts/sq.json", "complete")


def test_catalog_language_must_match_its_name(tmp_path: Path) -> None:
    def mutate(docs: Docs) -> None:
        docs["texts/sq.json"]["language"] = "al"

    refuse(tmp_path, mutate, ProtocolSchemaError, "texts/sq.json", "'al'")


def _add_german(tmp_path: Path, partial: bool) -> Path:
    folder = variant(tmp_path, lambda docs: None)
    catalog: dict[str, Any] = {"language": "de", "name": "Deutsch", "texts": {"answer.yes": "Ja"}}
    if partial:
        catalog["partial"] = True
    (folder / "texts" / "de.json").write_text(json.dumps(catalog), encoding="utf-8")
    return folder


def test_partial_language_falls_back_to_english(tmp_path: Path) -> None:
    protocol = load_protocol(_add_german(tmp_path, partial=True))
    assert protocol.languages == ("sq", "en", "de")
    assert text(protocol, "de", "answer.yes") == "Ja"
    assert text(protocol, "de", "answer.no") == "No"
    assert text(protocol, "sq", "answer.no") == "Jo"
    assert text(protocol, "fr", "answer.no") == "No"
    with pytest.raises(TextNotFound):
        text(protocol, "sq", "no.such.text")


def test_an_incomplete_language_must_declare_partial(tmp_path: Path) -> None:
    with pytest.raises(MissingTranslation) as caught:
        load_protocol(_add_german(tmp_path, partial=False))
    assert "texts/de.json" in str(caught.value)
    assert '"partial": true' in str(caught.value)


def test_content_hash_ignores_formatting_but_not_content(tmp_path: Path) -> None:
    original = load_protocol(MINIMAL).content_hash
    reformatted = variant(tmp_path / "a", lambda docs: None)  # re-indented, same content
    assert load_protocol(reformatted).content_hash == original

    def change(docs: Docs) -> None:
        texts(docs, "sq")["answer.yes"] = "Po!"

    assert load_protocol(variant(tmp_path / "b", change)).content_hash != original


def test_a_language_added_later_keeps_the_hash_so_older_interviews_still_open(
    tmp_path: Path,
) -> None:
    original = load_protocol(MINIMAL).content_hash
    with_german = load_protocol(_add_german(tmp_path, partial=True))
    assert "de" in with_german.languages
    assert with_german.content_hash == original


# --- Show-if rules -----------------------------------------------------------------------------


def test_parse_condition_forms() -> None:
    assert parse_condition({"answered": "q", "equals": "a"}) == AnswerIn("q", ("a",))
    assert parse_condition({"answered": "q", "in": ["a", 2]}) == AnswerIn("q", ("a", 2))
    parsed = parse_condition(
        {
            "all": [
                {"answered": "q", "equals": "a"},
                {"not": {"any": [{"answered": "r", "equals": 1}]}},
            ]
        }
    )
    assert parsed == AllOf((AnswerIn("q", ("a",)), Not(AnyOf((AnswerIn("r", (1,)),)))))


@pytest.mark.parametrize(
    "raw",
    [
        "q == a",
        {"answered": "q"},
        {"answered": "q", "equals": True},
        {"answered": "q", "in": []},
        {"all": []},
        {"not": [{"answered": "q", "equals": "a"}]},
        {"answered": "", "equals": "a"},
    ],
)
def test_parse_condition_refuses(raw: object) -> None:
    with pytest.raises(MalformedCondition):
        parse_condition(raw)


def test_unanswered_or_declined_makes_equality_false() -> None:
    rule = AnswerIn("q", ("no",))
    assert not evaluate(rule, {})
    assert not evaluate(rule, {"q": Answer.skipped("q")})
    assert not evaluate(rule, {"q": Answer.prefers_not_to_answer("q")})
    assert evaluate(rule, {"q": Answer.given("q", "no")})
    assert evaluate(Not(rule), {"q": Answer.prefers_not_to_answer("q")})


def test_multi_choice_equality_means_includes() -> None:
    answers = {"q": Answer.given("q", ["a", "b"])}
    assert evaluate(AnswerIn("q", ("b",)), answers)
    assert evaluate(AnswerIn("q", ("x", "a")), answers)
    assert not evaluate(AnswerIn("q", ("x",)), answers)


def test_numbers_do_not_equal_strings() -> None:
    answers = {"age": Answer.given("age", 17)}
    assert evaluate(AnswerIn("age", (17,)), answers)
    assert not evaluate(AnswerIn("age", ("17",)), answers)


# --- Answers -----------------------------------------------------------------------------------


def test_answer_statuses_and_values() -> None:
    assert Answer.given("q", ["a", "b"]).value == ("a", "b")
    assert Answer("q", AnswerStatus.ANSWERED, ["a"]).value == ("a",)
    assert hash(Answer.given("q", ["a"])) == hash(Answer.given("q", ("a",)))
    assert Answer.prefers_not_to_answer("q").status is AnswerStatus.PREFERS_NOT_TO_ANSWER
    assert Answer.prefers_not_to_answer("q") != Answer.given("q", "no")
    with pytest.raises(InvalidAnswer):
        Answer("q", AnswerStatus.ANSWERED)
    with pytest.raises(InvalidAnswer):
        Answer("q", AnswerStatus.SKIPPED, "no")
    with pytest.raises(InvalidAnswer):
        Answer.given("q", True)


@pytest.mark.parametrize(
    ("age", "doubt", "child"),
    [
        (Answer.given("age", 30), Answer.given("doubt", "no"), False),
        (Answer.given("age", 18), Answer.given("doubt", "no"), False),
        (Answer.given("age", 17), Answer.given("doubt", "no"), True),
        (Answer.given("age", 30), Answer.given("doubt", "yes"), True),
        (Answer.given("age", 30), None, True),
        (Answer.given("age", 30), Answer.skipped("doubt"), True),
        (None, Answer.given("doubt", "no"), True),
        (Answer.prefers_not_to_answer("age"), Answer.given("doubt", "no"), True),
        (Answer.skipped("age"), Answer.given("doubt", "no"), True),
    ],
)
def test_unknown_or_doubtful_age_means_presumed_child(
    age: Answer | None, doubt: Answer | None, child: bool
) -> None:
    assert is_presumed_child(age, doubt) is child


def test_presumed_child_uses_the_protocol_age_rule() -> None:
    protocol = load_protocol(MINIMAL)
    adult = {"age": Answer.given("age", 40), "age_doubt": Answer.given("age_doubt", "no")}
    assert not presumed_child(protocol, adult)
    assert presumed_child(protocol, {**adult, "age_doubt": Answer.given("age_doubt", "yes")})


# --- Flow --------------------------------------------------------------------------------------


def test_visible_questions_follow_consent_audience_and_show_if() -> None:
    protocol = load_protocol(MINIMAL)
    story = protocol.section("story")
    assert visible_questions(protocol, story, {}, presumed_child=False) == []
    consented = {"consent_interview": Answer.given("consent_interview", "yes")}
    adult = [q.id for q in visible_questions(protocol, story, consented, presumed_child=False)]
    assert "school" not in adult and "differed" in adult
    child = [q.id for q in visible_questions(protocol, story, consented, presumed_child=True)]
    assert "school" in child
    nothing = {**consented, "promised": Answer.given("promised", ["nothing"])}
    assert "differed" not in visible_question_ids(protocol, nothing, presumed_child=False)


def test_answers_to_hidden_questions_do_not_count() -> None:
    protocol = load_protocol(MINIMAL)
    answers = {
        "consent_interview": Answer.given("consent_interview", "yes"),
        "promised": Answer.given("promised", ["nothing"]),
        "differed": Answer.given("differed", ["job"]),  # left over from an earlier answer
    }
    assert "differed" not in effective_answers(protocol, answers, presumed_child=False)


def test_validate_answer() -> None:
    protocol = load_protocol(MINIMAL)
    validate_answer(protocol.question("age"), Answer.given("age", 17))
    validate_answer(protocol.question("promised"), Answer.given("promised", ["job", "wages"]))
    validate_answer(protocol.question("paid"), Answer.prefers_not_to_answer("paid"))
    bad = [
        ("age", Answer.given("age", 121)),
        ("age", Answer.given("age", "17")),
        ("paid", Answer.given("paid", "maybe")),
        ("hours", Answer.given("hours", ["long"])),
        ("promised", Answer.given("promised", ["job", "job"])),
        ("promised", Answer.given("promised", [])),
        ("notes", Answer.given("notes", "   ")),
        ("paid", Answer.given("hours", "yes")),
    ]
    for question_id, answer in bad:
        with pytest.raises(InvalidAnswer):
            validate_answer(protocol.question(question_id), answer)
