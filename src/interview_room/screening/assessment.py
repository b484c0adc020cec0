"""The decision rule: from answers to indicators, dimensions and a suggested outcome.

The software suggests; the officer and the social worker decide. Every suggestion carries the
rule that produced it, rendered in each of the protocol's languages, for the screen and the
record. Thresholds and the adult/child rules come from ``protocol.json`` (``decision_rule``).
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass, field, replace
from types import MappingProxyType

from interview_room.screening.answers import Answer
from interview_room.screening.errors import UnknownIndicator
from interview_room.screening.flow import effective_answers
from interview_room.screening.protocol import (
    Dimension,
    ExploitationForm,
    Outcome,
    Protocol,
    Strength,
    ThresholdClause,
    applicable_lists,
    text,
)


@dataclass(frozen=True)
class DimensionResult:
    dimension: Dimension
    positive: bool
    strong: int
    medium: int
    weak: int
    indicator_ids: tuple[str, ...]
    """Counted indicators of this dimension, in protocol order."""
    clause: ThresholdClause | None
    """The first threshold clause met, or None when the dimension is not positive."""
    rule_text: Mapping[str, str] = field(hash=False, compare=False)
    """Language → one line, e.g. "Deceptive recruitment: positive: 1 strong + 1 medium (…)"."""

    def count(self, strength: Strength) -> int:
        match strength:
            case Strength.STRONG:
                return self.strong
            case Strength.MEDIUM:
                return self.medium
            case Strength.WEAK:
                return self.weak


@dataclass(frozen=True)
class IndicatorAssessment:
    """What the rule suggests, and why. Identifies the protocol version it was computed with."""

    protocol_id: str
    protocol_version: str
    protocol_hash: str
    presumed_child: bool
    forms: frozenset[ExploitationForm]
    """Exploitation forms considered; both when the form was not known."""
    indicator_ids: tuple[str, ...]
    """Every counted indicator, in protocol order."""
    dimensions: tuple[DimensionResult, ...]
    """All six dimensions, in the usual order."""
    groups_met: tuple[str, ...]
    groups_missing: tuple[str, ...]
    suggested_outcome: Outcome
    rule_text: Mapping[str, str] = field(hash=False, compare=False)
    """Language → the sentence explaining the suggested outcome."""

    def dimension(self, dimension: Dimension) -> DimensionResult:
        return next(d for d in self.dimensions if d.dimension is dimension)

    @property
    def positive_dimensions(self) -> frozenset[Dimension]:
        return frozenset(d.dimension for d in self.dimensions if d.positive)


def indicators_from_answers(
    protocol: Protocol,
    answers: Mapping[str, Answer],
    *,
    presumed_child: bool,
    forms: Collection[ExploitationForm] | None = None,
) -> tuple[str, ...]:
    """Indicator ids the answers point to, in protocol order.

    Only answered questions that are currently shown count; skipped and prefers-not-to-answer
    never do. Indicators outside the lists applying to the person (adult or child, and the
    exploitation forms) are left out.
    """
    found: set[str] = set()
    shown = effective_answers(protocol, answers, presumed_child)
    for question in protocol.questions:
        answer = shown.get(question.id)
        if answer is None or not answer.is_answered:
            continue
        for value in answer.selected():
            found.update(question.indicates.get(str(value), ()))
    return _applicable(protocol, found, presumed_child, forms)


def _applicable(
    protocol: Protocol,
    indicator_ids: Iterable[str],
    presumed_child: bool,
    forms: Collection[ExploitationForm] | None,
) -> tuple[str, ...]:
    wanted = set(indicator_ids)
    for indicator_id in wanted:
        if not protocol.has_indicator(indicator_id):
            raise UnknownIndicator(indicator_id)
    lists = applicable_lists(presumed_child, frozenset(forms or ()))
    return tuple(i.id for i in protocol.indicators if i.id in wanted and i.lists & lists)


def assess(
    protocol: Protocol,
    answers: Mapping[str, Answer],
    *,
    presumed_child: bool,
    forms: Collection[ExploitationForm] | None = None,
) -> IndicatorAssessment:
    """Suggest an outcome from the answers (see ``assess_indicators``)."""
    found = indicators_from_answers(protocol, answers, presumed_child=presumed_child, forms=forms)
    return assess_indicators(protocol, found, presumed_child=presumed_child, forms=forms)


def assess_indicators(
    protocol: Protocol,
    indicator_ids: Iterable[str],
    *,
    presumed_child: bool,
    forms: Collection[ExploitationForm] | None = None,
) -> IndicatorAssessment:
    """Apply the decision rule to a set of indicators.

    A dimension is positive when any threshold clause is met. An adult is a potential victim
    when every group in ``adult_requires`` has a positive dimension; a child when every group in
    ``child_requires`` does (never the means). A child with any indicator but the rule not met
    is "child at risk"; otherwise "indicators not met".
    """
    counted = _applicable(protocol, indicator_ids, presumed_child, forms)
    rule = protocol.decision_rule
    dimensions = tuple(_dimension(protocol, d, counted) for d in Dimension)
    positive = {d.dimension for d in dimensions if d.positive}
    required = rule.child_requires if presumed_child else rule.adult_requires
    met = tuple(g for g in required if positive.intersection(rule.group(g).dimensions))
    missing = tuple(g for g in required if g not in met)
    if not missing:
        outcome = Outcome.POTENTIAL_VICTIM
    elif presumed_child and counted:
        outcome = Outcome.CHILD_AT_RISK
    else:
        outcome = Outcome.INDICATORS_NOT_MET
    assessment = IndicatorAssessment(
        protocol_id=protocol.id,
        protocol_version=protocol.version,
        protocol_hash=protocol.content_hash,
        presumed_child=presumed_child,
        forms=frozenset(forms or ExploitationForm),
        indicator_ids=counted,
        dimensions=dimensions,
        groups_met=met,
        groups_missing=missing,
        suggested_outcome=outcome,
        rule_text=MappingProxyType({}),
    )
    texts = {lang: _outcome_line(assessment, protocol, lang) for lang in protocol.languages}
    return replace(assessment, rule_text=MappingProxyType(texts))


def _dimension(
    protocol: Protocol, dimension: Dimension, counted: tuple[str, ...]
) -> DimensionResult:
    indicators = [
        protocol.indicator(i) for i in counted if protocol.indicator(i).dimension is dimension
    ]
    counts = {s: sum(1 for i in indicators if i.strength is s) for s in Strength}
    clause = next((c for c in protocol.decision_rule.thresholds if c.met_by(counts)), None)
    result = DimensionResult(
        dimension=dimension,
        positive=clause is not None,
        strong=counts[Strength.STRONG],
        medium=counts[Strength.MEDIUM],
        weak=counts[Strength.WEAK],
        indicator_ids=tuple(i.id for i in indicators),
        clause=clause,
        rule_text=MappingProxyType({}),
    )
    texts = {lang: _dimension_line(result, protocol, lang) for lang in protocol.languages}
    return replace(result, rule_text=MappingProxyType(texts))


# --- Explanations ----------------------------------------------------------------------------


def explain(assessment: IndicatorAssessment, protocol: Protocol, lang: str) -> list[str]:
    """The suggestion and the rule behind it, as lines in ``lang`` (English where missing):
    one line per dimension, the outcome, the thresholds, and a reminder that people decide.
    """
    lines = [_dimension_line(d, protocol, lang) for d in assessment.dimensions]
    lines.append(_outcome_line(assessment, protocol, lang))
    lines.append(_thresholds_line(protocol, lang))
    lines.append(text(protocol, lang, "rule.people_decide"))
    return lines


def _count(protocol: Protocol, lang: str, n: int, strengths: Iterable[Strength]) -> str:
    number = "one" if n == 1 else "other"
    joiner = f" {text(protocol, lang, 'rule.or')} "
    words = joiner.join(text(protocol, lang, f"strength.{s}.{number}") for s in strengths)
    return text(protocol, lang, "rule.count").format(n=n, strength=words)


def _dimension_line(result: DimensionResult, protocol: Protocol, lang: str) -> str:
    name = text(protocol, lang, f"dimension.{result.dimension}")
    if not result.indicator_ids:
        return text(protocol, lang, "rule.dimension.none").format(dimension=name)
    counts = " + ".join(
        _count(protocol, lang, result.count(s), (s,)) for s in Strength if result.count(s)
    )
    names = "; ".join(text(protocol, lang, f"indicator.{i}") for i in result.indicator_ids)
    key = "rule.dimension.positive" if result.positive else "rule.dimension.not_positive"
    return text(protocol, lang, key).format(dimension=name, counts=counts, indicators=names)


def _group_names(protocol: Protocol, lang: str, group_ids: Iterable[str]) -> str:
    return "; ".join(text(protocol, lang, protocol.decision_rule.group(g).text) for g in group_ids)


def _outcome_line(assessment: IndicatorAssessment, protocol: Protocol, lang: str) -> str:
    who = "child" if assessment.presumed_child else "adult"
    outcome = assessment.suggested_outcome
    if outcome is Outcome.POTENTIAL_VICTIM:
        groups = _group_names(protocol, lang, assessment.groups_met)
        return text(protocol, lang, f"rule.outcome.potential_victim.{who}").format(groups=groups)
    missing = _group_names(protocol, lang, assessment.groups_missing)
    if outcome is Outcome.CHILD_AT_RISK:
        return text(protocol, lang, "rule.outcome.child_at_risk").format(missing=missing)
    rule = protocol.decision_rule
    required = _group_names(
        protocol, lang, rule.child_requires if assessment.presumed_child else rule.adult_requires
    )
    return text(protocol, lang, f"rule.outcome.indicators_not_met.{who}").format(
        required=required, missing=missing
    )


def _thresholds_line(protocol: Protocol, lang: str) -> str:
    order = list(Strength)
    clauses = [
        " + ".join(
            _count(protocol, lang, n, sorted(strengths, key=order.index))
            for strengths, n in clause.requirements
        )
        for clause in protocol.decision_rule.thresholds
    ]
    joiner = f"; {text(protocol, lang, 'rule.or')} "
    return text(protocol, lang, "rule.thresholds").format(clauses=joiner.join(clauses))
