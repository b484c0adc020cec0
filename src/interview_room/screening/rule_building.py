"""Turning the shape-checked ``decision_rule`` of ``protocol.json`` into its values
(``decision_rule.py``), refusing duplicate ids, unknown strengths and malformed conditions on the
way; ``building.ProtocolBuilder`` builds the rest of the protocol on the same helpers."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from types import MappingProxyType
from typing import Any

from interview_room.screening.conditions import Condition, parse_condition
from interview_room.screening.decision_rule import (
    AtRiskPath,
    BeforeExploitationRule,
    CaseQuestionsPaused,
    DecisionRule,
    ExploitationDeclinedRule,
    MostlyDeclinedRule,
    NoCommonLanguageRule,
    NotHeardApartRule,
    ObservedControl,
    RefusalRule,
    RefusedBy,
    RuleGroup,
    Sign,
    ThresholdClause,
)
from interview_room.screening.errors import (
    DuplicateId,
    MalformedCondition,
    ProtocolSchemaError,
    UnknownStrength,
)
from interview_room.screening.protocol_terms import Dimension, Outcome, Strength


class DecisionRuleBuilder:
    """Builds the decision rule from checked JSON; ``file`` is named in every refusal."""

    def __init__(self, file: str) -> None:
        self.file = file

    def unique(self, ids: Iterable[str], what: str, owner: str | None = None) -> None:
        seen: set[str] = set()
        for item_id in ids:
            if item_id in seen:
                subject = owner or f"{what} '{item_id}'"
                raise DuplicateId(self.file, subject, f"the {what} id '{item_id}' is used twice")
            seen.add(item_id)

    def condition(self, raw: object, subject: str) -> Condition:
        try:
            return parse_condition(raw)
        except MalformedCondition as error:
            raise ProtocolSchemaError(
                self.file, subject, f"'show_if' is malformed: {error}"
            ) from None

    def decision_rule(self, raw: dict[str, Any]) -> DecisionRule:
        self.unique((g["id"] for g in raw["groups"]), "rule group")
        groups = tuple(
            RuleGroup(g["id"], tuple(Dimension(d) for d in g["dimensions"])) for g in raw["groups"]
        )
        before = raw.get("before_exploitation")
        # The before-exploitation rule first: a fault in a sign is reported before the thresholds.
        before_rule = None if before is None else self.before_exploitation(before)
        return DecisionRule(
            thresholds=self.thresholds(raw["dimension_positive_when_any"], "decision rule"),
            groups=groups,
            adult_requires=tuple(raw["adult_requires"]),
            child_requires=tuple(raw["child_requires"]),
            child_when_any_indicator=Outcome(
                raw.get("child_when_any_indicator", Outcome.CHILD_AT_RISK.value)
            ),
            before_exploitation=before_rule,
            adult_requires_in_itself=None
            if "adult_requires_with_exploitation_in_itself" not in raw
            else tuple(raw["adult_requires_with_exploitation_in_itself"]),
            adult_in_itself_one_indicator_in=_tuple_or_none(
                raw.get("adult_with_exploitation_in_itself_one_indicator_in")
            ),
            adult_ilo_combination=_tuple_or_none(raw.get("adult_ilo_combination")),
            adult_exploitation_one_strong_in=_tuple_or_none(
                raw.get("adult_with_exploitation_one_strong_in")
            ),
            adult_two_strong_means_in=_tuple_or_none(raw.get("adult_with_two_strong_means_in")),
            when_interview_refused=self.refusal(raw.get("when_interview_refused")),
            adult_exploitation_declined=_exploitation_declined(
                raw.get("adult_with_exploitation_declined")
            ),
            child_when_only_context=None
            if "child_when_only_context" not in raw
            else Outcome(raw["child_when_only_context"]),
            both_list_families=raw.get("both_list_families", False),
            when_mostly_declined=None
            if (mostly := raw.get("when_mostly_declined")) is None
            else MostlyDeclinedRule(
                tuple(mostly["sections"]),
                mostly["at_least_percent"],
                tuple(mostly.get("observations", ())),
            ),
            when_not_heard_apart=None
            if (apart := raw.get("when_not_heard_apart")) is None
            else NotHeardApartRule(apart["question"], tuple(apart["values"])),
            when_no_common_language=None
            if (language := raw.get("when_no_common_language")) is None
            else NoCommonLanguageRule(
                language["question"],
                tuple(language["values"]),
                tuple(language.get("observations", ())),
            ),
            when_case_questions_paused=self.paused(raw.get("when_case_questions_paused", ())),
        )

    def paused(self, raw: list[dict[str, Any]]) -> tuple[CaseQuestionsPaused, ...]:
        """``when_case_questions_paused``: each reason with its condition and observations."""
        return tuple(
            CaseQuestionsPaused(
                entry["reason"],
                self.condition(entry["when"], "case-questions-paused rule"),
                tuple(entry.get("observations", ())),
            )
            for entry in raw
        )

    def before_exploitation(self, raw: dict[str, Any]) -> BeforeExploitationRule:
        self.unique((s["id"] for s in raw["signs"]), "sign")
        signs = tuple(self.sign(sign) for sign in raw["signs"])
        if ("requires" in raw) == ("paths" in raw):
            raise ProtocolSchemaError(
                self.file,
                "before-exploitation rule",
                "it needs exactly one of 'requires' and 'paths'",
            )
        paths = tuple(self.at_risk_path(p) for p in raw.get("paths", ()))
        return BeforeExploitationRule(tuple(raw.get("requires", ())), signs, paths)

    def at_risk_path(self, raw: dict[str, Any]) -> AtRiskPath:
        only_when = raw.get("only_when")
        condition = None if only_when is None else self.condition(only_when, "at-risk path")
        return replace(_at_risk_path(raw), only_when=condition)

    def sign(self, raw: dict[str, Any]) -> Sign:
        subject = f"sign '{raw['id']}'"
        self.unique(raw["indicators"], "indicator", owner=subject)
        grades = {i: Strength(g) for i, g in raw.get("grades", {}).items()}
        if not set(grades) <= set(raw["indicators"]):
            raise ProtocolSchemaError(self.file, subject, "'grades' names an indicator not in it")
        return Sign(
            raw["id"],
            tuple(raw["indicators"]),
            self.thresholds(raw["positive_when_any"], subject),
            MappingProxyType(grades),
        )

    def refusal(self, raw: dict[str, Any] | None) -> RefusalRule | None:
        if raw is None:
            return None
        also_when = raw.get("also_when")
        subject = "interview-refused rule"
        return RefusalRule(
            tuple(raw["observations"]),
            None if also_when is None else self.condition(also_when, subject),
            tuple(
                RefusedBy(self.condition(entry["when"], subject), entry["by"])
                for entry in raw.get("refused_by", ())
            ),
        )

    def thresholds(self, raw: list[dict[str, int]], subject: str) -> tuple[ThresholdClause, ...]:
        clauses = []
        for clause in raw:
            requirements = []
            for key, minimum in clause.items():
                strengths = frozenset(self.strength(part, subject) for part in key.split("_or_"))
                requirements.append((strengths, minimum))
            clauses.append(ThresholdClause(tuple(requirements)))
        return tuple(clauses)

    def strength(self, name: str, subject: str) -> Strength:
        try:
            return Strength(name)
        except ValueError:
            known = ", ".join(s.value for s in Strength)
            field_name = (
                "positive_when_any" if subject.startswith("sign") else "dimension_positive_when_any"
            )
            raise UnknownStrength(
                self.file,
                subject,
                f"'{field_name}' names an unknown strength {name!r} (known: {known})",
            ) from None


def _at_risk_path(raw: dict[str, Any]) -> AtRiskPath:
    seen = raw.get("observed")
    return AtRiskPath(
        tuple(raw["signs"]),
        tuple(raw.get("groups", ())),
        tuple(raw.get("one_indicator_in", ())),
        tuple(raw.get("all_declined", ())),
        None
        if seen is None
        else ObservedControl(seen["at_least"], tuple(seen["of"]), tuple(seen.get("one_of", ()))),
        tuple(raw.get("not_counting", ())),
    )


def _exploitation_declined(raw: dict[str, Any] | None) -> ExploitationDeclinedRule | None:
    if raw is None:
        return None
    return ExploitationDeclinedRule(
        tuple(raw["strong_in"]),
        tuple(raw["one_indicator_in"]),
        tuple(raw["questions"]),
        tuple(raw.get("or_declined", ())),
    )


def _tuple_or_none(raw: list[str] | None) -> tuple[str, ...] | None:
    return None if raw is None else tuple(raw)
