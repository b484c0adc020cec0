"""Turning the shape-checked ``protocol.json`` into model values: the protocol, its sections,
questions and indicators (the decision rule: ``rule_building``), refusing duplicate ids and
malformed conditions on the way."""

from __future__ import annotations

from types import MappingProxyType
from typing import Any

from interview_room.screening.errors import ProtocolSchemaError, UnknownEnumValue
from interview_room.screening.protocol import (
    YES_NO_OPTIONS,
    AgeRule,
    AnswerType,
    Audience,
    Consent,
    ConsentScope,
    Dimension,
    ExploitationForm,
    FormsRule,
    Indicator,
    IndicatorList,
    Protocol,
    Question,
    Section,
    SectionKind,
    Strength,
)
from interview_room.screening.rule_building import DecisionRuleBuilder


class ProtocolBuilder(DecisionRuleBuilder):
    """Turns shape-checked JSON into model values, refusing duplicate ids on the way."""

    def protocol(self, raw: dict[str, Any]) -> Protocol:
        self.unique((s["id"] for s in raw["sections"]), "section")
        self.unique((q["id"] for s in raw["sections"] for q in s["questions"]), "question")
        self.unique((i["id"] for i in raw["indicators"]), "indicator")
        self.unique(raw["referral_recipients"], "referral recipient")
        age = raw["age_rule"]
        return Protocol(
            id=raw["id"],
            version=raw["version"],
            content_hash="",
            languages=(),
            sections=tuple(self.section(s) for s in raw["sections"]),
            indicators=tuple(self.indicator(i) for i in raw["indicators"]),
            decision_rule=self.decision_rule(raw["decision_rule"]),
            age_rule=AgeRule(
                age["age_question"],
                age["doubt_question"],
                age["adult_age"],
                apparent_age_question=age.get("apparent_age_question"),
                apparent_adult_options=frozenset(age.get("apparent_adult_options", ())),
            ),
            referral_recipients=tuple(raw["referral_recipients"]),
            catalogs=MappingProxyType({}),
            exploitation_forms=self.forms(raw.get("exploitation_forms")),
        )

    def forms(self, raw: dict[str, Any] | None) -> FormsRule | None:
        if raw is None:
            return None
        return FormsRule(
            question=raw["question"],
            lists=MappingProxyType(
                {
                    form: frozenset(ExploitationForm(name) for name in families)
                    for form, families in raw["lists"].items()
                }
            ),
        )

    def section(self, raw: dict[str, Any]) -> Section:
        subject = f"section '{raw['id']}'"
        show_if = raw.get("show_if")
        return Section(
            id=raw["id"],
            kind=SectionKind(raw["kind"]),
            audience=Audience(raw.get("audience", Audience.ALL)),
            show_if=None if show_if is None else self.condition(show_if, subject),
            questions=tuple(self.question(q, raw["id"]) for q in raw["questions"]),
            intro=None,
            guidance=None,
            emergency_contacts=raw.get("emergency_contacts", False),
        )

    def question(self, raw: dict[str, Any], section_id: str) -> Question:
        subject = f"question '{raw['id']}'"
        answer_type = AnswerType(raw["answer_type"])
        options: tuple[str, ...] = tuple(raw.get("options", ()))
        if answer_type is AnswerType.YES_NO:
            # Options on text, number or date questions are refused in validation.
            if "options" in raw:
                raise ProtocolSchemaError(
                    self.file, subject, "a yes_no question has the options 'yes' and 'no' built in"
                )
            options = YES_NO_OPTIONS
        self.unique(options, "option", owner=subject)
        consent = raw.get("consent")
        show_if = raw.get("show_if")
        unless = raw.get("indicates_unless")
        indicates = raw.get("indicates", {})
        for ids in indicates.values():
            self.unique(ids, "indicator", owner=subject)
        return Question(
            id=raw["id"],
            section_id=section_id,
            answer_type=answer_type,
            options=options,
            observation=raw.get("observation", False),
            audience=Audience(raw.get("audience", Audience.ALL)),
            show_if=None if show_if is None else self.condition(show_if, subject),
            indicates=MappingProxyType({k: tuple(v) for k, v in indicates.items()}),
            consent=None
            if consent is None
            else Consent(ConsentScope(consent["scope"]), consent.get("recipient")),
            minimum=raw.get("min"),
            maximum=raw.get("max"),
            indicates_unless=None if unless is None else self.condition(unless, subject),
        )

    def indicator(self, raw: dict[str, Any]) -> Indicator:
        subject = f"indicator '{raw['id']}'"
        self.unique(raw["lists"], "list", owner=subject)
        lists = frozenset(IndicatorList(name) for name in raw["lists"])
        strength_in: dict[IndicatorList, Strength] = {}
        for name, strength in raw.get("strength_in", {}).items():
            if name not in {lst.value for lst in IndicatorList}:
                known = ", ".join(lst.value for lst in IndicatorList)
                raise UnknownEnumValue(
                    self.file, subject, f"'strength_in' names an unknown list {name!r} ({known})"
                )
            if IndicatorList(name) not in lists:
                raise ProtocolSchemaError(
                    self.file, subject, f"'strength_in' grades it on '{name}', not one of its lists"
                )
            strength_in[IndicatorList(name)] = Strength(strength)
        dimension = raw.get("dimension")
        return Indicator(
            id=raw["id"],
            dimension=None if dimension is None else Dimension(dimension),
            strength=Strength(raw["strength"]),
            lists=lists,
            questionnaire_2005_section=raw.get("questionnaire_2005_section"),
            strength_in=MappingProxyType(strength_in),
            sufficient=raw.get("sufficient", False),
            context=raw.get("context", False),
            when=None if "when" not in raw else self.condition(raw["when"], subject),
            instead_of=tuple(raw.get("instead_of", ())),
            instead_of_keeps_one_indicator=raw.get("instead_of_keeps_one_indicator", False),
        )
