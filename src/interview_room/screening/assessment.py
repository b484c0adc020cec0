"""The decision rule: from answers to indicators, dimensions and a suggested outcome.

The software suggests; the officer and the social worker decide. Every suggestion carries the
rule that produced it, rendered in each of the protocol's languages, for the screen and the
record. Thresholds and the adult/child rules come from ``protocol.json`` (``decision_rule``);
the form(s) of exploitation recorded in the interview choose the ILO lists that apply.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Mapping
from dataclasses import dataclass, field, replace
from types import MappingProxyType
from typing import Literal

from interview_room.screening.answers import Answer, AnswerStatus
from interview_room.screening.conditions import comparisons, evaluate
from interview_room.screening.errors import UnknownIndicator
from interview_room.screening.flow import effective_answers
from interview_room.screening.protocol import (
    AtRiskPath,
    BeforeExploitationRule,
    ConsentScope,
    DecisionRule,
    Dimension,
    ExploitationForm,
    Indicator,
    IndicatorList,
    Outcome,
    Protocol,
    RefusalRule,
    Sign,
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
    """The first threshold clause met; None when the dimension is not positive, or positive
    only through an indicator that is sufficient on its own."""
    rule_text: Mapping[str, str] = field(hash=False, compare=False)
    """Language → one line, e.g. "Deceptive recruitment: positive: 1 strong + 1 medium (…)"."""
    context_only: bool = False
    """Positive, but not without its ``context`` indicators (circumstances, nothing done to the
    person): it then meets no group of the rule."""

    @property
    def counts_for_the_rule(self) -> bool:
        """Positive on what was done to the person: context never counts towards a threshold
        (third practitioner's review, finding 2); it is still printed."""
        return self.positive and not self.context_only

    def count(self, strength: Strength) -> int:
        match strength:
            case Strength.STRONG:
                return self.strong
            case Strength.MEDIUM:
                return self.medium
            case Strength.WEAK:
                return self.weak


@dataclass(frozen=True)
class SignResult:
    """One sign of the before-exploitation rule (e.g. control now), counted like a dimension."""

    sign: str
    positive: bool
    strong: int
    medium: int
    weak: int
    indicator_ids: tuple[str, ...]
    rule_text: Mapping[str, str] = field(hash=False, compare=False)
    """Language → one line, e.g. "Control now – positive: 2 medium (…)"."""
    positive_at_ilo_grades: bool = False
    """Positive without the sign's own ``grades`` (each indicator at its ILO grade)."""


RulePath = Literal[
    "adult",
    "adult_exploitation_declined",
    "adult_ilo_combination",
    "adult_in_itself",
    "adult_strong_means",
    "at_risk",
    "at_risk_declined",
    "at_risk_observed",
    "child",
    "child_any_indicator",
    "child_only_context",
    "not_determined_refused",
    "not_met",
]


@dataclass(frozen=True)
class IndicatorAssessment:
    """What the rule suggests, and why. Identifies the protocol version it was computed with."""

    protocol_id: str
    protocol_version: str
    protocol_hash: str
    presumed_child: bool
    forms: frozenset[ExploitationForm]
    """ILO list families considered; both when the form was not known."""
    exploitation_forms: tuple[str, ...]
    """The form(s) of exploitation as recorded (option ids), empty when not known."""
    lists: frozenset[IndicatorList]
    """The ILO lists that applied (adult or child, and the families above)."""
    indicator_ids: tuple[str, ...]
    """Every counted indicator, in protocol order."""
    dimensions: tuple[DimensionResult, ...]
    """All six dimensions, in the usual order."""
    groups_met: tuple[str, ...]
    groups_missing: tuple[str, ...]
    signs: tuple[SignResult, ...]
    """The before-exploitation rule's signs (adults only; empty without the rule)."""
    suggested_outcome: Outcome
    rule_text: Mapping[str, str] = field(hash=False, compare=False)
    """Language → the sentence explaining the suggested outcome."""
    path: RulePath = field(default="not_met")
    """Which part of the rule gave the suggestion (the explanation says it in words)."""
    means_indicator_ids: tuple[str, ...] = ()
    """Path ``adult_in_itself``: the counted means indicators (not context) beside the form of
    exploitation in itself. Path ``adult_strong_means``: the strong means indicators. Path
    ``at_risk``: the counted recruitment indicators (not context)."""
    declined: tuple[str, ...] = ()
    """Paths ``at_risk_declined`` and ``adult_exploitation_declined``: the path's questions the
    person declined."""
    recruitment_indicator_ids: tuple[str, ...] = ()
    """Path ``adult_exploitation_declined``: the counted recruitment indicators (not context)."""
    recruitment_declined: tuple[str, ...] = ()
    """Path ``adult_exploitation_declined`` without a recruitment indicator: the recruitment
    questions (``or_declined``) the person declined, more than half of those shown."""
    observations: tuple[tuple[str, str], ...] = ()
    """Path ``not_determined_refused``: (question id, option) the officers recorded among the
    rule's ``when_interview_refused`` observations. Path ``at_risk_observed``: the path's
    observations recorded with an answer that counts."""

    def dimension(self, dimension: Dimension) -> DimensionResult:
        return next(d for d in self.dimensions if d.dimension is dimension)

    @property
    def positive_dimensions(self) -> frozenset[Dimension]:
        return frozenset(d.dimension for d in self.dimensions if d.positive)

    @property
    def positive_signs(self) -> frozenset[str]:
        return frozenset(s.sign for s in self.signs if s.positive)


def recorded_forms(protocol: Protocol, answers: Mapping[str, Answer]) -> tuple[str, ...]:
    """The form(s) of exploitation answered to the protocol's forms question (empty when the
    protocol has none, or it was not answered). Only answers that count are read."""
    rule = protocol.exploitation_forms
    if rule is None:
        return ()
    answer = answers.get(rule.question)
    if answer is None or not answer.is_answered:
        return ()
    return tuple(str(value) for value in answer.selected())


def indicators_from_answers(
    protocol: Protocol,
    answers: Mapping[str, Answer],
    *,
    presumed_child: bool,
    forms: Collection[str] | None = None,
) -> tuple[str, ...]:
    """Indicator ids the answers point to, in protocol order.

    Only answered questions that are currently shown count; skipped and prefers-not-to-answer
    never do. Indicators outside the lists applying to the person (adult or child, and the
    form(s) of exploitation: ``forms`` or, when None, those recorded in ``answers``) are left
    out.
    """
    found: set[str] = set()
    shown = effective_answers(protocol, answers, presumed_child)
    if forms is None:
        forms = recorded_forms(protocol, shown)
    for question in protocol.questions:
        answer = shown.get(question.id)
        if answer is None or not answer.is_answered:
            continue
        if question.indicates_unless is not None and evaluate(question.indicates_unless, shown):
            continue
        for value in answer.selected():
            found.update(question.indicates.get(str(value), ()))
    lists = _lists(protocol, presumed_child, forms)
    # Indicators read from a combination of answers; each replaces what it tells more fully.
    combined = [i for i in protocol.indicators if i.when is not None and evaluate(i.when, shown)]
    found.update(i.id for i in combined)
    found.difference_update(o for i in combined if i.lists & lists for o in i.instead_of)
    return _applicable(protocol, found, lists)


def indicative_questions(
    protocol: Protocol, answers: Mapping[str, Answer], *, presumed_child: bool
) -> frozenset[str]:
    """Shown questions whose answer points to an indicator on the lists applying to the person
    (on its own, or in a combination of answers that counts)."""
    shown = effective_answers(protocol, answers, presumed_child)
    lists = _lists(protocol, presumed_child, recorded_forms(protocol, shown))
    found: set[str] = set()
    for question in protocol.questions:
        answer = shown.get(question.id)
        if answer is None or not answer.is_answered:
            continue
        if question.indicates_unless is not None and evaluate(question.indicates_unless, shown):
            continue
        pointed = {i for value in answer.selected() for i in question.indicates.get(str(value), ())}
        if any(protocol.indicator(i).lists & lists for i in pointed):
            found.add(question.id)
    for indicator in protocol.indicators:
        if (
            indicator.when is not None
            and indicator.lists & lists
            and evaluate(indicator.when, shown)
        ):
            found.update(
                c.question_id for c in comparisons(indicator.when) if c.question_id in shown
            )
    return frozenset(found)


def declined_questions(
    protocol: Protocol, answers: Mapping[str, Answer], *, presumed_child: bool
) -> tuple[frozenset[str], frozenset[str]]:
    """(declined, answered): shown questions the person prefers not to answer, and shown
    questions answered."""
    shown = effective_answers(protocol, answers, presumed_child)
    declined = frozenset(
        q for q, a in shown.items() if a.status is AnswerStatus.PREFERS_NOT_TO_ANSWER
    )
    return declined, frozenset(q for q, a in shown.items() if a.is_answered)


def _families(protocol: Protocol, forms: Collection[str] | None) -> frozenset[ExploitationForm]:
    # With ``both_list_families`` the recorded form is for the referral and the statistics only.
    if protocol.decision_rule.both_list_families:
        return frozenset(ExploitationForm)
    return protocol.list_families(forms)


def _lists(
    protocol: Protocol, presumed_child: bool, forms: Collection[str] | None
) -> frozenset[IndicatorList]:
    return applicable_lists(presumed_child, _families(protocol, forms))


def _applicable(
    protocol: Protocol, indicator_ids: Iterable[str], lists: frozenset[IndicatorList]
) -> tuple[str, ...]:
    wanted = set(indicator_ids)
    for indicator_id in wanted:
        if not protocol.has_indicator(indicator_id):
            raise UnknownIndicator(indicator_id)
    return tuple(i.id for i in protocol.indicators if i.id in wanted and i.lists & lists)


def assess(
    protocol: Protocol,
    answers: Mapping[str, Answer],
    *,
    presumed_child: bool,
    forms: Collection[str] | None = None,
) -> IndicatorAssessment:
    """Suggest an outcome from the answers (see ``assess_indicators``). ``forms``: the form(s)
    of exploitation; None means those recorded in ``answers`` (the protocol's forms question)."""
    if forms is None:
        forms = recorded_forms(protocol, effective_answers(protocol, answers, presumed_child))
    found = indicators_from_answers(protocol, answers, presumed_child=presumed_child, forms=forms)
    declined, answered = declined_questions(protocol, answers, presumed_child=presumed_child)
    refusal = protocol.decision_rule.when_interview_refused
    observations: tuple[tuple[str, str], ...] | None = None
    shown = effective_answers(protocol, answers, presumed_child)
    if refusal is not None and _interview_refused(protocol, refusal, answers, shown):
        observations = tuple(
            (question_id, str(value))
            for question_id in refusal.observations
            if (answer := shown.get(question_id)) is not None and answer.is_answered
            for value in answer.selected()
        )
    return assess_indicators(
        protocol,
        found,
        presumed_child=presumed_child,
        forms=forms,
        declined=declined,
        answered=answered,
        indicative=indicative_questions(protocol, answers, presumed_child=presumed_child),
        interview_refused=observations,
        observed=_observed_answers(protocol, shown),
    )


def _interview_refused(
    protocol: Protocol,
    refusal: RefusalRule,
    answers: Mapping[str, Answer],
    shown: Mapping[str, Answer],
) -> bool:
    """The interview consent is not "yes", or another refusal of the rule (a guardian's "no",
    a child's "does not agree", on the answers shown to the person) was recorded: the same
    refusals that end the interview."""
    answer = answers.get(protocol.consent_question(ConsentScope.INTERVIEW).id)
    if answer is None or not answer.is_answered or answer.value != "yes":
        return True
    return refusal.also_when is not None and evaluate(refusal.also_when, shown)


def _observed_answers(
    protocol: Protocol, shown: Mapping[str, Answer]
) -> tuple[tuple[str, str], ...]:
    """(question id, option) of the answered observations named by an at-risk path's
    ``observed``, in the path's order."""
    before = protocol.decision_rule.before_exploitation
    wanted = [q for p in before.paths if p.observed for q in p.observed.of] if before else []
    return tuple(
        (question_id, str(value))
        for question_id in dict.fromkeys(wanted)
        if (answer := shown.get(question_id)) is not None and answer.is_answered
        for value in answer.selected()
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
    interview_refused: tuple[tuple[str, str], ...] | None = None,
    observed: tuple[tuple[str, str], ...] = (),
) -> IndicatorAssessment:
    """Apply the decision rule to a set of indicators.

    ``forms`` are forms of exploitation (the protocol's options, or "labour"/"sexual"); they
    choose the ILO lists, both families when none is known or when the rule counts
    ``both_list_families``. A dimension is positive when any threshold clause is met, each
    indicator counted at its strength on the lists that apply; a dimension meets a group
    only when it is positive without its ``context`` indicators. In order:

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
    - an adult meeting any path of ``before_exploitation`` ⇒ *potential victim at risk*: the
      path's groups met by indicators its signs do not count (independent evidence), or, with
      ``all_declined``, none of those questions answered indicatively and at least half
      declined (``declined``/``answered``: question ids; ``indicative``: the answered ones
      whose answer pointed to an indicator, None meaning every answered one: an answer that
      indicates nothing, such as a coached "my own plan", does not undo the path), or, with
      ``observed``, at least so many of those observations in ``indicative`` (``observed``:
      the (question id, option) recorded, printed);
    - a child with any counted indicator ⇒ ``child_when_any_indicator``; with context
      indicators only ⇒ ``child_when_only_context`` (when set);
    - otherwise *indicators not met*.

    ``interview_refused`` (the observations recorded, as (question id, option)): the interview
    was refused, so whatever the counts the suggestion is *not determined* (nothing was asked;
    "not met" would read as "screened and cleared"); the figures are still computed and printed.
    """
    lists = _lists(protocol, presumed_child, forms)
    counted = _applicable(protocol, indicator_ids, lists)
    rule = protocol.decision_rule
    dimensions = tuple(_dimension(protocol, d, counted, lists) for d in Dimension)
    counting = {d.dimension for d in dimensions if d.counts_for_the_rule}

    def group_met(group_id: str) -> bool:
        return bool(counting.intersection(rule.group(group_id).dimensions))

    def group_met_without(group_id: str, leave_out: Collection[str]) -> bool:
        rest = tuple(i for i in counted if i not in leave_out)
        return any(
            _dimension(protocol, d, rest, lists).counts_for_the_rule
            for d in rule.group(group_id).dimensions
        )

    def indicators_of(group_ids: Iterable[str], leave_out: Collection[str] = ()) -> tuple[str, ...]:
        wanted = {d for g in group_ids for d in rule.group(g).dimensions}
        return tuple(
            i
            for i in counted
            if protocol.indicator(i).dimension in wanted
            and not protocol.indicator(i).context
            and i not in leave_out
        )

    required = rule.child_requires if presumed_child else rule.adult_requires
    met = tuple(g for g in required if group_met(g))
    missing = tuple(g for g in required if g not in met)
    before = rule.before_exploitation
    signs: tuple[SignResult, ...] = ()
    if before is not None and not presumed_child:
        signs = tuple(_sign(protocol, sign, counted, lists) for sign in before.signs)
    positive_signs = {s.sign for s in signs if s.positive}
    ilo_positive_signs = {s.sign for s in signs if s.positive_at_ilo_grades}
    in_itself = any(protocol.indicator(i).sufficient for i in counted)
    path: RulePath = "not_met"
    means: tuple[str, ...] = ()
    declined_in_path: tuple[str, ...] = ()
    recruitment_ids: tuple[str, ...] = ()
    recruitment_declined: tuple[str, ...] = ()
    seen: tuple[tuple[str, str], ...] = ()
    exploitation_declined = rule.adult_exploitation_declined
    exploitation = next(d for d in dimensions if d.dimension is Dimension.EXPLOITATION)
    outcome = Outcome.INDICATORS_NOT_MET
    if not missing:
        outcome = Outcome.POTENTIAL_VICTIM
        path = "child" if presumed_child else "adult"
        combination = rule.adult_ilo_combination
        if not presumed_child and combination and all(group_met(g) for g in combination):
            path = "adult_ilo_combination"
    elif presumed_child:
        if any(not protocol.indicator(i).context for i in counted):
            outcome, path = rule.child_when_any_indicator, "child_any_indicator"
        elif counted:
            outcome = rule.child_when_only_context or rule.child_when_any_indicator
            path = "child_only_context"
    elif (
        in_itself
        and rule.adult_requires_in_itself is not None
        and all(group_met(g) for g in rule.adult_requires_in_itself)
    ):
        outcome, path = Outcome.POTENTIAL_VICTIM, "adult_in_itself"
        met = rule.adult_requires_in_itself
        missing = ()
    elif (
        in_itself
        and rule.adult_in_itself_one_indicator_in
        and (means := indicators_of(rule.adult_in_itself_one_indicator_in))
    ):
        outcome, path = Outcome.POTENTIAL_VICTIM, "adult_in_itself"
    elif (
        rule.adult_exploitation_one_strong_in
        and exploitation.counts_for_the_rule
        and (
            means := tuple(
                i
                for i in indicators_of(rule.adult_exploitation_one_strong_in)
                if protocol.indicator(i).strength_for(lists) is Strength.STRONG
            )
        )
    ):
        outcome, path = Outcome.POTENTIAL_VICTIM, "adult_strong_means"
    elif (
        exploitation_declined is not None
        and (
            means := _strong_in_counting(
                protocol, dimensions, rule, exploitation_declined.strong_in, lists
            )
        )
        and (
            (recruitment_ids := indicators_of(exploitation_declined.one_indicator_in))
            # Declining the recruitment questions too must not lower the result (fourth
            # review, finding 3).
            or (
                recruitment_declined := _mostly_declined(
                    exploitation_declined.or_declined, declined, answered
                )
            )
        )
        and (
            declined_in_path := _mostly_declined(
                exploitation_declined.questions, declined, answered
            )
        )
    ):
        # Exploitation not recorded because the person used the right not to say (third
        # review, finding 3): strong coercion at destination after a recruitment indicator.
        outcome, path = Outcome.POTENTIAL_VICTIM, "adult_exploitation_declined"
    elif before is not None:
        counted_as_answered = answered if indicative is None else indicative
        for at_risk in before.all_paths:
            if at_risk.observed is not None:
                # The officers' own observations: a story coached answer by answer does not
                # hide the control they saw (fourth review, finding 7).
                observed_ids = {q for q in at_risk.observed.of if q in (indicative or ())}
                if (
                    all(s in positive_signs for s in at_risk.signs)
                    and len(observed_ids) >= at_risk.observed.at_least
                ):
                    outcome, path = Outcome.POTENTIAL_VICTIM_AT_RISK, "at_risk_observed"
                    seen = tuple(o for o in observed if o[0] in observed_ids)
                    break
                continue
            if at_risk.all_declined:
                shown = [
                    q for q in at_risk.all_declined if q in declined or q in counted_as_answered
                ]
                refused = tuple(q for q in shown if q in declined)
                if (
                    all(s in positive_signs for s in at_risk.signs)
                    and len(refused) == len(shown)
                    and 2 * len(refused) >= len(at_risk.all_declined)
                ):
                    outcome, path = Outcome.POTENTIAL_VICTIM_AT_RISK, "at_risk_declined"
                    declined_in_path = refused
                    break
                continue
            # One recruitment indicator beside the signs is enough only for signs positive at
            # the ILO grades; a sign's local grade needs a whole recruitment group beside it.
            wanted = ilo_positive_signs if at_risk.one_indicator_in else positive_signs
            if _path_met(at_risk, wanted, group_met_without, before, indicators_of):
                outcome, path = Outcome.POTENTIAL_VICTIM_AT_RISK, "at_risk"
                means = indicators_of((*at_risk.groups, *at_risk.one_indicator_in))
                break
    if interview_refused is not None:
        outcome, path = Outcome.NOT_DETERMINED, "not_determined_refused"
    # What a path that was tried but not taken may have gathered is not this path's evidence.
    if path not in ("adult_exploitation_declined", "at_risk_declined"):
        declined_in_path = ()
    if path != "adult_exploitation_declined":
        recruitment_ids = recruitment_declined = ()
    if path not in (
        "adult_in_itself",
        "adult_strong_means",
        "adult_exploitation_declined",
        "at_risk",
    ):
        means = ()
    assessment = IndicatorAssessment(
        protocol_id=protocol.id,
        protocol_version=protocol.version,
        protocol_hash=protocol.content_hash,
        presumed_child=presumed_child,
        forms=_families(protocol, forms),
        exploitation_forms=tuple(forms or ()),
        lists=lists,
        indicator_ids=counted,
        dimensions=dimensions,
        groups_met=met,
        groups_missing=missing,
        signs=signs,
        suggested_outcome=outcome,
        rule_text=MappingProxyType({}),
        path=path,
        means_indicator_ids=means,
        declined=declined_in_path,
        recruitment_indicator_ids=recruitment_ids,
        recruitment_declined=recruitment_declined,
        observations=interview_refused if interview_refused is not None else seen,
    )
    texts = {lang: _outcome_line(assessment, protocol, lang) for lang in protocol.languages}
    return replace(assessment, rule_text=MappingProxyType(texts))


def _strong_in_counting(
    protocol: Protocol,
    dimensions: tuple[DimensionResult, ...],
    rule: DecisionRule,
    group_ids: Iterable[str],
    lists: frozenset[IndicatorList],
) -> tuple[str, ...]:
    """Counted strong indicators (not context) of the groups' dimensions that count."""
    wanted = {d for g in group_ids for d in rule.group(g).dimensions}
    return tuple(
        i
        for d in dimensions
        if d.dimension in wanted and d.counts_for_the_rule
        for i in d.indicator_ids
        if not protocol.indicator(i).context
        and protocol.indicator(i).strength_for(lists) is Strength.STRONG
    )


def _mostly_declined(
    questions: Iterable[str], declined: Collection[str], answered: Collection[str]
) -> tuple[str, ...]:
    """The questions declined, when more than half of those shown were; else empty."""
    shown = [q for q in questions if q in declined or q in answered]
    refused = tuple(q for q in shown if q in declined)
    return refused if 2 * len(refused) > len(shown) else ()


def _path_met(
    at_risk: AtRiskPath,
    positive_signs: Collection[str],
    group_met_without: Callable[[str, Collection[str]], bool],
    before: BeforeExploitationRule,
    indicators_of: Callable[[Iterable[str], Collection[str]], tuple[str, ...]],
) -> bool:
    if not all(s in positive_signs for s in at_risk.signs):
        return False
    # Evidence beside the signs: the groups must be met, and the indicator found, without what
    # the path's signs already count (one answer is never counted twice).
    in_signs = {i for s in before.signs if s.id in at_risk.signs for i in s.indicators}
    if not all(group_met_without(g, in_signs) for g in at_risk.groups):
        return False
    if at_risk.one_indicator_in:
        return bool(indicators_of(at_risk.one_indicator_in, in_signs))
    return True


def _counts(
    indicators: Iterable[Indicator], lists: frozenset[IndicatorList]
) -> dict[Strength, int]:
    strengths = [i.strength_for(lists) for i in indicators]
    return {s: strengths.count(s) for s in Strength}


def _sign(
    protocol: Protocol, sign: Sign, counted: tuple[str, ...], lists: frozenset[IndicatorList]
) -> SignResult:
    indicators = [protocol.indicator(i) for i in counted if i in sign.indicators]
    strengths = [sign.grades.get(i.id) or i.strength_for(lists) for i in indicators]
    counts = {s: strengths.count(s) for s in Strength}
    ilo_counts = _counts(indicators, lists)
    result = SignResult(
        sign=sign.id,
        positive=any(c.met_by(counts) for c in sign.thresholds),
        positive_at_ilo_grades=any(c.met_by(ilo_counts) for c in sign.thresholds),
        strong=counts[Strength.STRONG],
        medium=counts[Strength.MEDIUM],
        weak=counts[Strength.WEAK],
        indicator_ids=tuple(i.id for i in indicators),
        rule_text=MappingProxyType({}),
    )
    texts = {lang: _sign_line(result, protocol, lang) for lang in protocol.languages}
    return replace(result, rule_text=MappingProxyType(texts))


def _dimension(
    protocol: Protocol,
    dimension: Dimension,
    counted: tuple[str, ...],
    lists: frozenset[IndicatorList],
) -> DimensionResult:
    indicators = [
        protocol.indicator(i) for i in counted if protocol.indicator(i).dimension is dimension
    ]
    counts = _counts(indicators, lists)
    thresholds = protocol.decision_rule.thresholds
    clause = next((c for c in thresholds if c.met_by(counts)), None)
    positive = clause is not None or any(i.sufficient for i in indicators)
    # Whether it stays positive without the circumstances (context): only then does it count.
    done_to_the_person = [i for i in indicators if not i.context]
    own_counts = _counts(done_to_the_person, lists)
    positive_without_context = any(c.met_by(own_counts) for c in thresholds) or any(
        i.sufficient for i in done_to_the_person
    )
    result = DimensionResult(
        dimension=dimension,
        positive=positive,
        context_only=positive and not positive_without_context,
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
    one line per dimension, one per sign of the before-exploitation rule (adults), the outcome,
    the thresholds (and the indicators sufficient on their own), the lists used (when the
    protocol records the form of exploitation), and a reminder that people decide.
    """
    lines = [_dimension_line(d, protocol, lang) for d in assessment.dimensions]
    lines += [_sign_line(s, protocol, lang) for s in assessment.signs]
    lines.append(_outcome_line(assessment, protocol, lang))
    lines.append(_thresholds_line(protocol, lang))
    # Only when such an indicator was counted (a list of every one would contradict the
    # outcome on a case without any).
    sufficient = [i for i in assessment.indicator_ids if protocol.indicator(i).sufficient]
    if sufficient and not assessment.presumed_child:
        names = "; ".join(text(protocol, lang, f"indicator.{i}") for i in sufficient)
        lines.append(text(protocol, lang, "rule.sufficient").format(indicators=names))
    if protocol.exploitation_forms is not None:
        names = "; ".join(
            text(protocol, lang, f"list.{lst}") for lst in IndicatorList if lst in assessment.lists
        )
        lines.append(text(protocol, lang, "rule.lists").format(lists=names))
    lines.append(text(protocol, lang, "rule.people_decide"))
    return lines


def _count(protocol: Protocol, lang: str, n: int, strengths: Iterable[Strength]) -> str:
    number = "one" if n == 1 else "other"
    joiner = f" {text(protocol, lang, 'rule.or')} "
    words = joiner.join(text(protocol, lang, f"strength.{s}.{number}") for s in strengths)
    return text(protocol, lang, "rule.count").format(n=n, strength=words)


def _dimension_line(result: DimensionResult, protocol: Protocol, lang: str) -> str:
    name = text(protocol, lang, f"dimension.{result.dimension}")
    counts = (result.strong, result.medium, result.weak)
    key = "rule.dimension.positive_context_only" if result.context_only else None
    return _counted_line(
        protocol, lang, name, result.positive, counts, result.indicator_ids, positive_key=key
    )


def _sign_line(result: SignResult, protocol: Protocol, lang: str) -> str:
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


def _outcome_line(assessment: IndicatorAssessment, protocol: Protocol, lang: str) -> str:
    who = "child" if assessment.presumed_child else "adult"
    rule = protocol.decision_rule
    missing = _group_names(protocol, lang, assessment.groups_missing)
    match assessment.path:
        case "child_any_indicator" if assessment.suggested_outcome is Outcome.POTENTIAL_VICTIM:
            # Any indicative answer (the Albanian rule).
            key = "rule.outcome.potential_victim.child_any_indicator"
            return text(protocol, lang, key).format(missing=missing)
        case "child_only_context" if rule.child_when_only_context is not None:
            context = _indicator_names(protocol, lang, assessment.indicator_ids)
            key = "rule.outcome.child_at_risk.context"
            return text(protocol, lang, key).format(indicators=context)
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
        case "not_determined_refused":
            key = "rule.outcome.not_determined.refused"
            return text(protocol, lang, key).format(
                observations=_recorded(protocol, lang, assessment.observations)
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
        case "at_risk_observed":
            signs = "; ".join(
                text(protocol, lang, f"rule.sign.{s.sign}") for s in assessment.signs if s.positive
            )
            key = "rule.outcome.potential_victim_at_risk.observed"
            return text(protocol, lang, key).format(
                signs=signs, observations=_recorded(protocol, lang, assessment.observations)
            )
        case "at_risk_declined":
            signs = "; ".join(
                text(protocol, lang, f"rule.sign.{s.sign}") for s in assessment.signs if s.positive
            )
            key = "rule.outcome.potential_victim_at_risk.declined"
            return text(protocol, lang, key).format(signs=signs, n=len(assessment.declined))
        case "at_risk":
            signs = "; ".join(
                text(protocol, lang, f"rule.sign.{s.sign}") for s in assessment.signs if s.positive
            )
            recruitment = _indicator_names(protocol, lang, assessment.means_indicator_ids)
            return text(protocol, lang, "rule.outcome.potential_victim_at_risk").format(
                missing=missing, signs=signs, recruitment=recruitment
            )
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
