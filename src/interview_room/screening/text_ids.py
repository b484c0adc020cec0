"""Which text ids a protocol needs, derived from its structure, and which are templates.

Texts are keyed by convention so that protocol.json holds no prose and a catalog can be checked
for completeness: ``question.<id>.label``, ``section.<id>.title``, ``indicator.<id>`` …
The protocol folder's README.md documents the same list for the central office.
"""

from __future__ import annotations

import string
from dataclasses import dataclass

from interview_room.screening.answers import AnswerStatus
from interview_room.screening.decision_rule import PAUSED_TEXT, REFUSED_BY_THE_PERSON
from interview_room.screening.protocol import (
    AnswerType,
    Dimension,
    IndicatorList,
    Outcome,
    Protocol,
    SectionKind,
    Strength,
)

TEMPLATES: dict[str, frozenset[str]] = {
    "rule.count": frozenset({"n", "strength"}),
    "rule.or": frozenset(),
    "rule.dimension.positive": frozenset({"dimension", "counts", "indicators"}),
    "rule.dimension.not_positive": frozenset({"dimension", "counts", "indicators"}),
    "rule.dimension.none": frozenset({"dimension"}),
    "rule.thresholds": frozenset({"clauses"}),
    "rule.outcome.potential_victim.adult": frozenset({"groups"}),
    "rule.outcome.potential_victim.child": frozenset({"groups"}),
    "rule.outcome.child_at_risk": frozenset({"missing"}),
    "rule.outcome.indicators_not_met.adult": frozenset({"required", "missing"}),
    "rule.outcome.indicators_not_met.child": frozenset(),
    "rule.people_decide": frozenset(),
    "rule.outcome.potential_victim_at_risk": frozenset({"missing", "signs", "recruitment"}),
    "rule.outcome.potential_victim.child_any_indicator": frozenset({"missing"}),
    "rule.lists": frozenset({"lists"}),
    "rule.sufficient": frozenset({"indicators"}),
    "rule.outcome.potential_victim.adult_in_itself": frozenset({"indicators", "means"}),
    "rule.outcome.potential_victim.adult_strong_means": frozenset({"indicators", "means"}),
    "rule.outcome.potential_victim.adult_two_strong_means": frozenset({"indicators", "means"}),
    "rule.outcome.potential_victim.adult_exploitation_declined": frozenset(
        {"means", "recruitment", "n"}
    ),
    "rule.outcome.potential_victim.adult_exploitation_declined.recruitment_declined": frozenset(
        {"means", "n", "recruitment"}
    ),
    "rule.outcome.not_determined.refused": frozenset({"observations", "by"}),
    "rule.outcome.not_determined.declined": frozenset({"n", "shown", "observations"}),
    "rule.outcome.not_determined.not_heard_apart": frozenset({"observation"}),
    "rule.outcome.not_determined.no_common_language": frozenset({"observations"}),
    "rule.outcome.not_determined.paused": frozenset({"reason", "observations"}),
    "rule.outcome.potential_victim_at_risk.declined": frozenset({"signs", "n"}),
    "rule.outcome.potential_victim_at_risk.observed": frozenset({"signs", "observations"}),
    "rule.outcome.child_at_risk.context": frozenset({"indicators"}),
    "rule.dimension.positive_context_only": frozenset({"dimension", "counts", "indicators"}),
    "rule.none": frozenset(),
}
"""Rule texts rendered with ``str.format``, and the placeholders each must use exactly."""

RULE_FEATURE_TEXTS = frozenset(
    {
        "rule.outcome.potential_victim_at_risk",
        "rule.outcome.potential_victim.child_any_indicator",
        "rule.lists",
        "rule.lists.strongest_grade",
        "rule.sufficient",
        "rule.outcome.potential_victim.adult_in_itself",
        "rule.outcome.potential_victim.adult_strong_means",
        "rule.outcome.potential_victim.adult_two_strong_means",
        "rule.outcome.potential_victim.adult_exploitation_declined",
        "rule.outcome.potential_victim.adult_exploitation_declined.recruitment_declined",
        "rule.outcome.not_determined.refused",
        "rule.outcome.not_determined.declined",
        "rule.outcome.not_determined.not_heard_apart",
        "rule.outcome.not_determined.no_common_language",
        "rule.outcome.not_determined.paused",
        "rule.outcome.potential_victim_at_risk.declined",
        "rule.outcome.potential_victim_at_risk.observed",
        "rule.outcome.child_at_risk.context",
        "rule.dimension.positive_context_only",
        "rule.none",
        f"outcome.{Outcome.POTENTIAL_VICTIM_AT_RISK}",
        f"outcome.{Outcome.NOT_DETERMINED}",
    }
)
"""Texts needed only by a protocol whose rule uses the matching format-2 feature."""

PERSON_SCRIPTS = (
    "script.here_and_now",
    "script.break",
    "script.consent_refused",
    "script.stopped",
)
"""Words the wizard reads to the person, in their language, whatever the questions."""


SERVICE_NAMED_IN_THE_RIGHTS = "prep_social_worker_service"
"""Its options name the social worker's service to the person, inside the rights script
(``{service}``, interview/rights_script.py)."""
NO_SERVICE = "not_present"
"""The option of that question that names no service (never read)."""


@dataclass(frozen=True)
class TextNeeds:
    """Text ids a complete catalog must hold, and those it may hold."""

    required: dict[str, str]
    """text id → the item it belongs to, e.g. "question 'rec_pay'" (for error messages)."""
    optional: dict[str, str]

    def owner(self, text_id: str) -> str:
        return self.required.get(text_id) or self.optional.get(text_id) or f"text '{text_id}'"


def fixed_text_ids() -> list[str]:
    """Texts every protocol needs whatever its questions: names of the fixed vocabularies."""
    ids = ["protocol.title", "answer.yes", "answer.no"]
    ids += [f"answer_status.{status}" for status in AnswerStatus]
    ids += [f"dimension.{dimension}" for dimension in Dimension]
    for strength in Strength:
        ids += [f"strength.{strength}", f"strength.{strength}.one", f"strength.{strength}.other"]
    ids += [f"list.{lst}" for lst in IndicatorList]
    ids += [f"outcome.{outcome}" for outcome in Outcome]
    ids += list(TEMPLATES)
    ids += list(PERSON_SCRIPTS)
    return [text_id for text_id in ids if text_id not in RULE_FEATURE_TEXTS]


def rule_feature_text_ids(protocol: Protocol) -> dict[str, str]:
    """Texts the protocol's format-2 rule features need: text id → owner."""
    rule = protocol.decision_rule
    needed: dict[str, str] = {}
    if rule.before_exploitation is not None:
        owner = "before-exploitation rule"
        needed[f"outcome.{Outcome.POTENTIAL_VICTIM_AT_RISK}"] = owner
        needed["rule.outcome.potential_victim_at_risk"] = owner
        needed["rule.none"] = owner
        for sign in rule.before_exploitation.signs:
            needed[sign.text] = f"sign '{sign.id}'"
        if any(path.all_declined for path in rule.before_exploitation.paths):
            needed["rule.outcome.potential_victim_at_risk.declined"] = owner
        if any(path.observed for path in rule.before_exploitation.paths):
            needed["rule.outcome.potential_victim_at_risk.observed"] = owner
    if rule.child_when_any_indicator is Outcome.POTENTIAL_VICTIM:
        needed["rule.outcome.potential_victim.child_any_indicator"] = "decision rule"
    if protocol.exploitation_forms is not None:
        needed["rule.lists"] = "exploitation forms"
        if rule.both_list_families:
            needed["rule.lists.strongest_grade"] = "decision rule"
    if any(indicator.sufficient for indicator in protocol.indicators):
        needed["rule.sufficient"] = "indicators"
    if rule.adult_requires_in_itself is not None or rule.adult_in_itself_one_indicator_in:
        needed["rule.outcome.potential_victim.adult_in_itself"] = "decision rule"
    if rule.adult_exploitation_one_strong_in:
        needed["rule.outcome.potential_victim.adult_strong_means"] = "decision rule"
    if rule.adult_two_strong_means_in:
        needed["rule.outcome.potential_victim.adult_two_strong_means"] = "decision rule"
    if rule.when_interview_refused is not None:
        needed[f"outcome.{Outcome.NOT_DETERMINED}"] = "decision rule"
        needed["rule.outcome.not_determined.refused"] = "decision rule"
        needed[REFUSED_BY_THE_PERSON] = "decision rule"
        for entry in rule.when_interview_refused.refused_by:
            needed[entry.text] = "decision rule"
    if rule.when_mostly_declined is not None:
        needed[f"outcome.{Outcome.NOT_DETERMINED}"] = "decision rule"
        needed["rule.outcome.not_determined.declined"] = "decision rule"
    if rule.when_not_heard_apart is not None:
        needed[f"outcome.{Outcome.NOT_DETERMINED}"] = "decision rule"
        needed[rule.when_not_heard_apart.text] = "decision rule"
    if rule.when_no_common_language is not None:
        needed[f"outcome.{Outcome.NOT_DETERMINED}"] = "decision rule"
        needed[rule.when_no_common_language.text] = "decision rule"
    for paused in rule.when_case_questions_paused:
        needed[f"outcome.{Outcome.NOT_DETERMINED}"] = "decision rule"
        needed[PAUSED_TEXT] = "decision rule"
        needed[paused.text] = "decision rule"
    if rule.adult_exploitation_declined is not None:
        needed["rule.outcome.potential_victim.adult_exploitation_declined"] = "decision rule"
        if rule.adult_exploitation_declined.or_declined:
            key = "rule.outcome.potential_victim.adult_exploitation_declined.recruitment_declined"
            needed[key] = "decision rule"
    if any(indicator.context for indicator in protocol.indicators):
        needed["rule.dimension.positive_context_only"] = "indicators"
    if rule.child_when_only_context is not None:
        needed["rule.outcome.child_at_risk.context"] = "decision rule"
    return needed


def text_needs(protocol: Protocol) -> TextNeeds:
    """Every text id ``protocol`` uses. Optional ones: descriptions, intros and guidance."""
    required = {text_id: f"text '{text_id}'" for text_id in fixed_text_ids()}
    required.update(rule_feature_text_ids(protocol))
    optional = {"protocol.description": "text 'protocol.description'"}
    for recipient in protocol.referral_recipients:
        required[f"recipient.{recipient}"] = f"referral recipient '{recipient}'"
    for group in protocol.decision_rule.groups:
        required[group.text] = f"rule group '{group.id}'"
    for indicator in protocol.indicators:
        required[indicator.text] = f"indicator '{indicator.id}'"
    for section in protocol.sections:
        owner = f"section '{section.id}'"
        required[section.title] = owner
        optional[f"section.{section.id}.intro"] = owner
        if section.kind is SectionKind.QUESTIONS:
            optional[f"section.{section.id}.intro.child"] = owner
        optional[f"section.{section.id}.guidance"] = owner
        for question in section.questions:
            owner = f"question '{question.id}'"
            required[question.label] = owner
            if not question.observation:
                required[f"question.{question.id}.person"] = owner
                if section.kind is SectionKind.QUESTIONS:
                    # Simpler words for a presumed child; once in sq or en, needed in both.
                    optional[f"question.{question.id}.person.child"] = owner
            optional[f"question.{question.id}.guidance"] = owner
            if question.answer_type in (AnswerType.SINGLE_CHOICE, AnswerType.MULTI_CHOICE):
                for option in question.options:
                    required[question.option_text(option)] = owner
    return TextNeeds(required, optional)


def person_text_ids(protocol: Protocol) -> tuple[str, ...]:
    """The words read to the person in the person's own language, in protocol order: yes and
    no, the wizard's scripts, each section's opening words and each question put to the person,
    with a presumed child's own words where the protocol has them. Every language offered to the
    person carries all of them; the rest (labels, options, guidance, rules) is for the
    interviewers, in Albanian or English."""
    ids = ["answer.yes", "answer.no", *PERSON_SCRIPTS]
    for section in protocol.sections:
        ids += [t for t in (section.intro, section.intro_child) if t is not None]
        for question in section.questions:
            wordings = (question.person_wording, question.person_wording_child)
            ids += [t for t in wordings if t is not None]
            if question.id == SERVICE_NAMED_IN_THE_RIGHTS:
                ids += [question.option_text(o) for o in question.options if o != NO_SERVICE]
    return tuple(ids)


def placeholders(template: str) -> frozenset[str]:
    """The ``{names}`` in a format string; raises ValueError if the braces are malformed."""
    names = set()
    for _, field_name, _, _ in string.Formatter().parse(template):
        if field_name is not None:
            names.add(field_name)
    return frozenset(names)
