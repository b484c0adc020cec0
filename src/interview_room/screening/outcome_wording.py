"""The decision rule in words: one line per dimension and per sign, the sentence explaining the
suggested outcome (one wording per path of the rule), the thresholds and the lists used, in any
of the protocol's languages (English where a text is missing)."""

from __future__ import annotations

from collections.abc import Iterable

from interview_room.screening.decision_rule import PAUSED_TEXT
from interview_room.screening.indicator_assessment import (
    DimensionResult,
    IndicatorAssessment,
    SignResult,
)
from interview_room.screening.protocol import (
    Dimension,
    IndicatorList,
    Outcome,
    Protocol,
    Strength,
    applicable_lists,
    text,
)


def explain(assessment: IndicatorAssessment, protocol: Protocol, lang: str) -> list[str]:
    """The suggestion and the rule behind it, as lines in ``lang`` (English where missing):
    one line per dimension, one per sign of the before-exploitation rule (adults), the outcome,
    the thresholds (and the indicators sufficient on their own), the lists used (when the
    protocol records the form of exploitation), and a reminder that people decide.
    """
    lines = [dimension_line(d, protocol, lang) for d in assessment.dimensions]
    lines += [sign_line(s, protocol, lang) for s in assessment.signs]
    lines.append(outcome_line(assessment, protocol, lang))
    lines.append(_thresholds_line(protocol, lang))
    # Only when such an indicator was counted (a list of every one would contradict the
    # outcome on a case without any).
    sufficient = [i for i in assessment.indicator_ids if protocol.indicator(i).sufficient]
    if sufficient and not assessment.presumed_child:
        names = "; ".join(text(protocol, lang, f"indicator.{i}") for i in sufficient)
        lines.append(text(protocol, lang, "rule.sufficient").format(indicators=names))
    if protocol.exploitation_forms is not None:
        # The lists of the form recorded, not every list counted: a kitchen worker's referral
        # must not say "sexual exploitation" (fifth review, finding 9).
        recorded = applicable_lists(
            assessment.presumed_child, protocol.list_families(assessment.exploitation_forms)
        )
        names = "; ".join(
            text(protocol, lang, f"list.{lst}") for lst in IndicatorList if lst in recorded
        )
        lines.append(text(protocol, lang, "rule.lists").format(lists=names))
        if protocol.decision_rule.both_list_families:
            lines.append(text(protocol, lang, "rule.lists.strongest_grade"))
    lines.append(text(protocol, lang, "rule.people_decide"))
    return lines


def _count(protocol: Protocol, lang: str, n: int, strengths: Iterable[Strength]) -> str:
    number = "one" if n == 1 else "other"
    joiner = f" {text(protocol, lang, 'rule.or')} "
    words = joiner.join(text(protocol, lang, f"strength.{s}.{number}") for s in strengths)
    return text(protocol, lang, "rule.count").format(n=n, strength=words)


def dimension_line(result: DimensionResult, protocol: Protocol, lang: str) -> str:
    name = text(protocol, lang, f"dimension.{result.dimension}")
    counts = (result.strong, result.medium, result.weak)
    key = "rule.dimension.positive_context_only" if result.context_only else None
    return _counted_line(
        protocol, lang, name, result.positive, counts, result.indicator_ids, positive_key=key
    )


def sign_line(result: SignResult, protocol: Protocol, lang: str) -> str:
    name = text(protocol, lang, f"rule.sign.{result.sign}")
    counts = (result.strong, result.medium, result.weak)
    return _counted_line(protocol, lang, name, result.positive, counts, result.indicator_ids)


def _counted_line(
    protocol: Protocol,
    lang: str,
    name: str,
    positive: bool,
    counts: tuple[int, int, int],
    indicator_ids: tuple[str, ...],
    positive_key: str | None = None,
) -> str:
    if not indicator_ids:
        return text(protocol, lang, "rule.dimension.none").format(dimension=name)
    by_strength = dict(zip(Strength, counts, strict=True))
    joined = " + ".join(
        _count(protocol, lang, by_strength[s], (s,)) for s in Strength if by_strength[s]
    )
    names = "; ".join(text(protocol, lang, f"indicator.{i}") for i in indicator_ids)
    key = positive_key or ("rule.dimension.positive" if positive else "rule.dimension.not_positive")
    return text(protocol, lang, key).format(dimension=name, counts=joined, indicators=names)


def _group_names(protocol: Protocol, lang: str, group_ids: Iterable[str]) -> str:
    return "; ".join(text(protocol, lang, protocol.decision_rule.group(g).text) for g in group_ids)


def _indicator_names(protocol: Protocol, lang: str, indicator_ids: Iterable[str]) -> str:
    names = "; ".join(text(protocol, lang, f"indicator.{i}") for i in indicator_ids)
    return names or text(protocol, lang, "rule.none")


def outcome_line(assessment: IndicatorAssessment, protocol: Protocol, lang: str) -> str:
    """The sentence explaining the suggested outcome: the path's own wording, else the rule's."""
    for wording in (_child_line, _adult_line, _not_determined_line, _at_risk_line):
        line = wording(assessment, protocol, lang)
        if line is not None:
            return line
    return _rule_line(assessment, protocol, lang)


def _child_line(assessment: IndicatorAssessment, protocol: Protocol, lang: str) -> str | None:
    match assessment.path:
        case "child_any_indicator" if assessment.suggested_outcome is Outcome.POTENTIAL_VICTIM:
            # Any indicative answer (the Albanian rule).
            key = "rule.outcome.potential_victim.child_any_indicator"
            missing = _group_names(protocol, lang, assessment.groups_missing)
            return text(protocol, lang, key).format(missing=missing)
        case "child_only_context" if protocol.decision_rule.child_when_only_context is not None:
            context = _indicator_names(protocol, lang, assessment.indicator_ids)
            key = "rule.outcome.child_at_risk.context"
            return text(protocol, lang, key).format(indicators=context)
    return None


def _adult_line(assessment: IndicatorAssessment, protocol: Protocol, lang: str) -> str | None:
    rule = protocol.decision_rule
    match assessment.path:
        case "adult_ilo_combination":
            groups = _group_names(protocol, lang, rule.adult_ilo_combination or ())
            return text(protocol, lang, "rule.outcome.potential_victim.adult").format(groups=groups)
        case "adult_in_itself":
            in_itself = _indicator_names(
                protocol,
                lang,
                (i for i in assessment.indicator_ids if protocol.indicator(i).sufficient),
            )
            if rule.adult_in_itself_one_indicator_in:
                means = _indicator_names(protocol, lang, assessment.means_indicator_ids)
            else:
                means = _group_names(protocol, lang, assessment.groups_met)
            return text(protocol, lang, "rule.outcome.potential_victim.adult_in_itself").format(
                indicators=in_itself, means=means
            )
        case "adult_strong_means":
            exploited = _indicator_names(
                protocol, lang, assessment.dimension(Dimension.EXPLOITATION).indicator_ids
            )
            means = _indicator_names(protocol, lang, assessment.means_indicator_ids)
            key = "rule.outcome.potential_victim.adult_strong_means"
            return text(protocol, lang, key).format(indicators=exploited, means=means)
        case "adult_two_strong_means":
            exploited = _indicator_names(
                protocol, lang, assessment.dimension(Dimension.EXPLOITATION).indicator_ids
            )
            means = _indicator_names(protocol, lang, assessment.means_indicator_ids)
            key = "rule.outcome.potential_victim.adult_two_strong_means"
            return text(protocol, lang, key).format(indicators=exploited, means=means)
    return None


def _not_determined_line(
    assessment: IndicatorAssessment, protocol: Protocol, lang: str
) -> str | None:
    """The paths of the refusal and declined rules."""
    match assessment.path:
        case "not_determined_declined":
            key = "rule.outcome.not_determined.declined"
            return text(protocol, lang, key).format(
                n=len(assessment.declined),
                shown=assessment.declined_of,
                observations=_recorded(protocol, lang, assessment.observations),
            )
        case "not_determined_not_heard_apart":
            key = "rule.outcome.not_determined.not_heard_apart"
            return text(protocol, lang, key).format(
                observation=_recorded(protocol, lang, assessment.observations)
            )
        case "not_determined_no_common_language":
            key = "rule.outcome.not_determined.no_common_language"
            return text(protocol, lang, key).format(
                observations=_recorded(protocol, lang, assessment.observations)
            )
        case "not_determined_paused":
            return text(protocol, lang, PAUSED_TEXT).format(
                reason=text(protocol, lang, assessment.paused_by),
                observations=_recorded(protocol, lang, assessment.observations),
            )
        case "not_determined_refused":
            key = "rule.outcome.not_determined.refused"
            return text(protocol, lang, key).format(
                observations=_recorded(protocol, lang, assessment.observations),
                by=text(protocol, lang, assessment.refused_by or "rule.refused_by.person"),
            )
        case "adult_exploitation_declined" if not assessment.recruitment_indicator_ids:
            means = _indicator_names(protocol, lang, assessment.means_indicator_ids)
            key = "rule.outcome.potential_victim.adult_exploitation_declined.recruitment_declined"
            return text(protocol, lang, key).format(
                means=means,
                n=len(assessment.declined),
                recruitment=len(assessment.recruitment_declined),
            )
        case "adult_exploitation_declined":
            means = _indicator_names(protocol, lang, assessment.means_indicator_ids)
            recruitment = _indicator_names(protocol, lang, assessment.recruitment_indicator_ids)
            key = "rule.outcome.potential_victim.adult_exploitation_declined"
            return text(protocol, lang, key).format(
                means=means, recruitment=recruitment, n=len(assessment.declined)
            )
    return None


def _at_risk_line(assessment: IndicatorAssessment, protocol: Protocol, lang: str) -> str | None:
    """The paths of the before-exploitation rule."""
    if assessment.path not in ("at_risk_observed", "at_risk_declined", "at_risk"):
        return None
    signs = "; ".join(
        text(protocol, lang, f"rule.sign.{s.sign}") for s in assessment.signs if s.positive
    )
    if assessment.path == "at_risk_observed":
        key = "rule.outcome.potential_victim_at_risk.observed"
        return text(protocol, lang, key).format(
            signs=signs, observations=_recorded(protocol, lang, assessment.observations)
        )
    if assessment.path == "at_risk_declined":
        key = "rule.outcome.potential_victim_at_risk.declined"
        return text(protocol, lang, key).format(signs=signs, n=len(assessment.declined))
    recruitment = _indicator_names(protocol, lang, assessment.means_indicator_ids)
    missing = _group_names(protocol, lang, assessment.groups_missing)
    return text(protocol, lang, "rule.outcome.potential_victim_at_risk").format(
        missing=missing, signs=signs, recruitment=recruitment
    )


def _rule_line(assessment: IndicatorAssessment, protocol: Protocol, lang: str) -> str:
    """The outcome by the groups of the rule met and missing (no path of its own)."""
    who = "child" if assessment.presumed_child else "adult"
    rule = protocol.decision_rule
    missing = _group_names(protocol, lang, assessment.groups_missing)
    outcome = assessment.suggested_outcome
    if outcome is Outcome.POTENTIAL_VICTIM and not assessment.groups_missing:
        groups = _group_names(protocol, lang, assessment.groups_met)
        return text(protocol, lang, f"rule.outcome.potential_victim.{who}").format(groups=groups)
    if outcome is Outcome.CHILD_AT_RISK:
        return text(protocol, lang, "rule.outcome.child_at_risk").format(missing=missing)
    if outcome is Outcome.POTENTIAL_VICTIM:
        # A child under the Albanian rule for context alone (child_when_only_context unset).
        key = "rule.outcome.potential_victim.child_any_indicator"
        return text(protocol, lang, key).format(missing=missing)
    required = _group_names(
        protocol, lang, rule.child_requires if assessment.presumed_child else rule.adult_requires
    )
    return text(protocol, lang, f"rule.outcome.indicators_not_met.{who}").format(
        required=required, missing=missing
    )


def _recorded(protocol: Protocol, lang: str, observations: Iterable[tuple[str, str]]) -> str:
    """ "Label: option; …" for observations recorded, or the word for none."""
    recorded = "; ".join(
        f"{text(protocol, lang, protocol.question(q).label)}: "
        f"{text(protocol, lang, protocol.question(q).option_text(option))}"
        for q, option in observations
    )
    return recorded or text(protocol, lang, "rule.none")


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
