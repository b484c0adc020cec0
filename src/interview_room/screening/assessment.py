"""The decision rule: from answers to indicators, dimensions and a suggested outcome.

The software suggests; the officer and the social worker decide. Every suggestion carries the
rule that produced it, rendered in each of the protocol's languages, for the screen and the
record. Thresholds and the adult/child rules come from ``protocol.json`` (``decision_rule``);
the form(s) of exploitation recorded in the interview choose the ILO lists that apply.

The rule's parts live apart: the answers read (``answered_indicators``), the counting
(``rule_counts``), the before-exploitation paths (``before_exploitation``), the refusal and
declined rules (``declined_rules``), the words (``outcome_wording``) and the result
(``indicator_assessment``). This module applies them in order:

- every group in ``adult_requires`` / ``child_requires`` met ⇒ *potential victim* (named
  the ILO combination when ``adult_ilo_combination`` is met too);
- an adult with an indicator that is exploitation in itself: every group in
  ``adult_requires_in_itself`` met, or one counted indicator (not context) of the groups in
  ``adult_in_itself_one_indicator_in`` ⇒ *potential victim*;
- an adult with exploitation positive and one counted indicator (not context) graded
  strong in the groups of ``adult_exploitation_one_strong_in`` ⇒ *potential victim*;
- an adult who declined more than half of the ``adult_exploitation_declined`` questions
  shown, with a dimension of its ``strong_in`` groups met and a counted strong indicator
  (not context) in it, and one counted indicator (not context) of its
  ``one_indicator_in`` groups, or more than half of its ``or_declined`` questions shown
  declined too ⇒ *potential victim*;
- an adult with one counted exploitation indicator (not context) and two counted strong
  indicators (not context) in one dimension of the groups of ``adult_two_strong_means_in``
  ⇒ *potential victim*;
- an adult meeting any path of ``before_exploitation`` ⇒ *potential victim at risk*: the
  path's groups met by indicators its signs do not count (independent evidence), or, with
  ``all_declined``, none of those questions answered indicatively and at least half
  declined (``declined``/``answered``: question ids; ``indicative``: the answered ones
  whose answer pointed to an indicator, None meaning every answered one: an answer that
  indicates nothing, such as a coached "my own plan", does not undo the path) and, with
  the path's ``only_when``, that condition holding (the person heard apart), or, with
  ``observed``, at least so many of those observations in ``indicative`` (``observed``:
  the (question id, option) recorded, printed);
- a child with any counted indicator ⇒ ``child_when_any_indicator``; with context
  indicators only ⇒ ``child_when_only_context`` (when set);
- otherwise *indicators not met*, or *not determined* when the person was never heard apart
  from the companion (``when_not_heard_apart``) or most questions were declined
  (``when_mostly_declined``).

``recorded.paused``: the case questions waited (an interpreter the person knows, the adult
recorded as possibly involved before the Child Protection Unit arrives): *not determined*,
naming why, instead of *indicators not met*, a refusal or a declining.

``recorded.no_common_language``: whatever the counts, and before a refusal, *not determined –
no common language* (nothing said or agreed was understood), printing what the officers saw.

``recorded.interview_refused`` (the observations recorded, as (question id, option)): the
interview was refused, so whatever the counts the suggestion is *not determined* (the case was
not asked; "not met" would read as "screened and cleared"), naming who refused
(``recorded.refused_by``); the figures are still computed and printed.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
from dataclasses import replace
from types import MappingProxyType

from interview_room.screening.answered_indicators import (
    applicable,
    declined_questions,
    indicative_questions,
    indicators_from_answers,
    kept_for_one_indicator,
    list_families,
    lists_for,
    recorded_forms,
)
from interview_room.screening.answers import Answer
from interview_room.screening.before_exploitation import at_risk_path, observed_answers
from interview_room.screening.declined_rules import (
    OfficersRecord,
    exploitation_declined_path,
    not_determined,
)
from interview_room.screening.flow import effective_answers
from interview_room.screening.indicator_assessment import (
    DimensionResult,
    IndicatorAssessment,
    PathTaken,
    RulePath,
    SignResult,
)
from interview_room.screening.outcome_wording import explain, outcome_line
from interview_room.screening.protocol import AtRiskPath, Dimension, Outcome, Protocol, Strength
from interview_room.screening.rule_counts import CountedIndicators

__all__ = [
    "DimensionResult",
    "IndicatorAssessment",
    "RulePath",
    "SignResult",
    "assess",
    "assess_indicators",
    "declined_questions",
    "explain",
    "indicative_questions",
    "indicators_from_answers",
    "recorded_forms",
]


def assess(
    protocol: Protocol,
    answers: Mapping[str, Answer],
    *,
    presumed_child: bool,
    forms: Collection[str] | None = None,
) -> IndicatorAssessment:
    """Suggest an outcome from the answers (see ``assess_indicators``). ``forms``: the form(s)
    of exploitation; None means those recorded in ``answers`` (the protocol's forms question)."""
    shown = effective_answers(protocol, answers, presumed_child)
    if forms is None:
        forms = recorded_forms(protocol, shown)
    found = indicators_from_answers(protocol, answers, presumed_child=presumed_child, forms=forms)
    declined, answered = declined_questions(protocol, answers, presumed_child=presumed_child)
    return assess_indicators(
        protocol,
        found,
        presumed_child=presumed_child,
        forms=forms,
        declined=declined,
        answered=answered,
        indicative=indicative_questions(protocol, answers, presumed_child=presumed_child),
        recorded=OfficersRecord.of(protocol, answers, shown),
        observed=observed_answers(protocol, shown),
        kept_aside=kept_for_one_indicator(
            protocol, answers, presumed_child=presumed_child, forms=forms
        ),
    )


def assess_indicators(
    protocol: Protocol,
    indicator_ids: Iterable[str],
    *,
    presumed_child: bool,
    forms: Collection[str] | None = None,
    declined: Collection[str] = (),
    answered: Collection[str] = (),
    indicative: Collection[str] | None = None,
    recorded: OfficersRecord | None = None,
    observed: tuple[tuple[str, str], ...] = (),
    kept_aside: Collection[str] = (),
) -> IndicatorAssessment:
    """Apply the decision rule to a set of indicators, in the order the module describes.

    ``forms`` are forms of exploitation (the protocol's options, or "labour"/"sexual"); they
    choose the ILO lists, both families when none is known or when the rule counts
    ``both_list_families``. A dimension is positive when any threshold clause is met, each
    indicator counted at its strength on the lists that apply; a dimension meets a group
    only when it is positive without its ``context`` indicators. ``kept_aside``: replaced
    indicators a path asking for one indicator still sees (``kept_for_one_indicator``).
    """
    lists = lists_for(protocol, presumed_child, forms)
    counts = CountedIndicators.of(
        protocol,
        applicable(protocol, indicator_ids, lists),
        lists,
        applicable(protocol, kept_aside, lists),
    )
    rule = protocol.decision_rule
    required = rule.child_requires if presumed_child else rule.adult_requires
    met = tuple(g for g in required if counts.group_met(g))
    missing = tuple(g for g in required if g not in met)
    before = rule.before_exploitation
    signs = counts.signs(before) if before is not None and not presumed_child else ()
    recorded = recorded or OfficersRecord()
    taken = _path(
        counts,
        presumed_child,
        missing,
        signs,
        declined=declined,
        answered=answered,
        indicative=indicative,
        observed=observed,
        closed=recorded.closed_paths,
    )
    taken = not_determined(
        taken or PathTaken(Outcome.INDICATORS_NOT_MET, "not_met"),
        protocol,
        declined,
        answered,
        recorded,
    )
    if taken.groups_met is not None:
        met, missing = taken.groups_met, ()
    return _assessment(protocol, counts, taken, presumed_child, forms, (met, missing), signs)


def _assessment(
    protocol: Protocol,
    counts: CountedIndicators,
    taken: PathTaken,
    presumed_child: bool,
    forms: Collection[str] | None,
    groups: tuple[tuple[str, ...], tuple[str, ...]],
    signs: tuple[SignResult, ...],
) -> IndicatorAssessment:
    """The result, with the outcome explained in each of the protocol's languages."""
    met, missing = groups
    assessment = IndicatorAssessment(
        protocol_id=protocol.id,
        protocol_version=protocol.version,
        protocol_hash=protocol.content_hash,
        presumed_child=presumed_child,
        forms=list_families(protocol, forms),
        exploitation_forms=tuple(forms or ()),
        lists=counts.lists,
        indicator_ids=counts.counted,
        dimensions=counts.dimensions,
        groups_met=met,
        groups_missing=missing,
        signs=signs,
        suggested_outcome=taken.outcome,
        rule_text=MappingProxyType({}),
        path=taken.path,
        means_indicator_ids=taken.means,
        declined=taken.declined,
        recruitment_indicator_ids=taken.recruitment_indicator_ids,
        recruitment_declined=taken.recruitment_declined,
        declined_of=taken.declined_of,
        observations=taken.observations,
        refused_by=taken.refused_by,
        paused_by=taken.paused_by,
    )
    texts = {lang: outcome_line(assessment, protocol, lang) for lang in protocol.languages}
    return replace(assessment, rule_text=MappingProxyType(texts))


def _path(
    counts: CountedIndicators,
    presumed_child: bool,
    missing: tuple[str, ...],
    signs: tuple[SignResult, ...],
    *,
    declined: Collection[str],
    answered: Collection[str],
    indicative: Collection[str] | None,
    observed: tuple[tuple[str, str], ...],
    closed: Collection[AtRiskPath],
) -> PathTaken | None:
    """The first path of the rule met, in the module's order (before the refusal and
    declined rules' *not determined*); None when none is. ``closed``: at-risk paths whose
    ``only_when`` does not hold."""
    if not missing:
        return _full_rule(counts, presumed_child)
    if presumed_child:
        return _child_path(counts)
    before = counts.rule.before_exploitation
    taken = _adult_path(counts, declined, answered)
    if taken is None and before is not None:
        taken = at_risk_path(
            counts,
            before,
            signs,
            declined=declined,
            answered=answered,
            indicative=indicative,
            observed=observed,
            closed=closed,
        )
    return taken


def _full_rule(counts: CountedIndicators, presumed_child: bool) -> PathTaken:
    """Every group the person's rule requires is met."""
    combination = counts.rule.adult_ilo_combination
    path: RulePath = "child" if presumed_child else "adult"
    if not presumed_child and combination and all(counts.group_met(g) for g in combination):
        path = "adult_ilo_combination"
    return PathTaken(Outcome.POTENTIAL_VICTIM, path)


def _child_path(counts: CountedIndicators) -> PathTaken | None:
    """A child with indicators but the child rule not met."""
    rule = counts.rule
    if any(not counts.protocol.indicator(i).context for i in counts.counted):
        return PathTaken(rule.child_when_any_indicator, "child_any_indicator")
    if counts.counted:
        outcome = rule.child_when_only_context or rule.child_when_any_indicator
        return PathTaken(outcome, "child_only_context")
    return None


def _adult_path(
    counts: CountedIndicators, declined: Collection[str], answered: Collection[str]
) -> PathTaken | None:
    """An adult's paths to *potential victim* beside the full rule, in the rule's order."""
    rule = counts.rule
    if (
        counts.in_itself
        and rule.adult_requires_in_itself is not None
        and all(counts.group_met(g) for g in rule.adult_requires_in_itself)
    ):
        groups = rule.adult_requires_in_itself
        return PathTaken(Outcome.POTENTIAL_VICTIM, "adult_in_itself", groups_met=groups)
    if (
        counts.in_itself
        and rule.adult_in_itself_one_indicator_in
        and (means := counts.one_indicator_of(rule.adult_in_itself_one_indicator_in))
    ):
        return PathTaken(Outcome.POTENTIAL_VICTIM, "adult_in_itself", means=means)
    if (
        rule.adult_exploitation_one_strong_in
        and counts.dimension(Dimension.EXPLOITATION).counts_for_the_rule
        and (
            means := tuple(
                i
                for i in counts.indicators_of(rule.adult_exploitation_one_strong_in)
                if counts.protocol.indicator(i).strength_for(counts.lists) is Strength.STRONG
            )
        )
    ):
        return PathTaken(Outcome.POTENTIAL_VICTIM, "adult_strong_means", means=means)
    # Most of the work declined: that path's wording offers the second conversation.
    if (declined_path := exploitation_declined_path(counts, declined, answered)) is not None:
        return declined_path
    if (
        rule.adult_two_strong_means_in
        and any(
            not counts.protocol.indicator(i).context
            for i in counts.dimension(Dimension.EXPLOITATION).indicator_ids
        )
        and (means := counts.two_strong_in(rule.adult_two_strong_means_in))
    ):
        # Work done while the papers are kept and the person confined is exacted under the
        # menace of a penalty: the means show the involuntariness (seventh review, finding 1).
        return PathTaken(Outcome.POTENTIAL_VICTIM, "adult_two_strong_means", means=means)
    return None
