"""Counting for the decision rule: each dimension and each sign of the before-exploitation rule
at the grades of the lists that apply to the person, and the groups of the rule they meet."""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass, replace
from types import MappingProxyType

from interview_room.screening.indicator_assessment import DimensionResult, SignResult
from interview_room.screening.outcome_wording import dimension_line, sign_line
from interview_room.screening.protocol import (
    BeforeExploitationRule,
    DecisionRule,
    Dimension,
    Indicator,
    IndicatorList,
    Protocol,
    Sign,
    Strength,
)


@dataclass(frozen=True)
class CountedIndicators:
    """The indicators counted for one person (on ``lists``, in protocol order), their six
    dimensions, and the groups of the rule they meet."""

    protocol: Protocol
    counted: tuple[str, ...]
    lists: frozenset[IndicatorList]
    dimensions: tuple[DimensionResult, ...]
    kept_aside: tuple[str, ...] = ()
    """Replaced indicators a path asking for one indicator still sees (not counted in the
    dimensions or signs; ``instead_of_keeps_one_indicator``)."""

    @classmethod
    def of(
        cls,
        protocol: Protocol,
        counted: tuple[str, ...],
        lists: frozenset[IndicatorList],
        kept_aside: tuple[str, ...] = (),
    ) -> CountedIndicators:
        dimensions = tuple(count_dimension(protocol, d, counted, lists) for d in Dimension)
        return cls(protocol, counted, lists, dimensions, kept_aside)

    @property
    def rule(self) -> DecisionRule:
        return self.protocol.decision_rule

    @property
    def in_itself(self) -> bool:
        """An indicator that is a form of exploitation in itself was counted."""
        return any(self.protocol.indicator(i).sufficient for i in self.counted)

    def dimension(self, dimension: Dimension) -> DimensionResult:
        return next(d for d in self.dimensions if d.dimension is dimension)

    def group_met(self, group_id: str) -> bool:
        counting = {d.dimension for d in self.dimensions if d.counts_for_the_rule}
        return bool(counting.intersection(self.rule.group(group_id).dimensions))

    def group_met_without(self, group_id: str, leave_out: Collection[str]) -> bool:
        """The group met by the counted indicators other than ``leave_out``."""
        rest = tuple(i for i in self.counted if i not in leave_out)
        return any(
            count_dimension(self.protocol, d, rest, self.lists).counts_for_the_rule
            for d in self.rule.group(group_id).dimensions
        )

    def indicators_of(
        self, group_ids: Iterable[str], leave_out: Collection[str] = ()
    ) -> tuple[str, ...]:
        """Counted indicators (not context, not in ``leave_out``) of the groups' dimensions."""
        wanted = {d for g in group_ids for d in self.rule.group(g).dimensions}
        indicator = self.protocol.indicator
        return tuple(
            i
            for i in self.counted
            if indicator(i).dimension in wanted and not indicator(i).context and i not in leave_out
        )

    def one_indicator_of(
        self, group_ids: Iterable[str], leave_out: Collection[str] = ()
    ) -> tuple[str, ...]:
        """``indicators_of``, with the indicators kept aside for such paths (eighth review,
        finding 1: the debt owed to a recruiter is still a recruitment indicator)."""
        wanted = {d for g in group_ids for d in self.rule.group(g).dimensions}
        indicator = self.protocol.indicator
        kept = tuple(
            i
            for i in self.kept_aside
            if indicator(i).dimension in wanted and not indicator(i).context and i not in leave_out
        )
        return (*self.indicators_of(group_ids, leave_out), *kept)

    def strong_in_counting(self, group_ids: Iterable[str]) -> tuple[str, ...]:
        """Counted strong indicators (not context) of the groups' dimensions that count."""
        wanted = {d for g in group_ids for d in self.rule.group(g).dimensions}
        indicator = self.protocol.indicator
        return tuple(
            i
            for d in self.dimensions
            if d.dimension in wanted and d.counts_for_the_rule
            for i in d.indicator_ids
            if not indicator(i).context and indicator(i).strength_for(self.lists) is Strength.STRONG
        )

    def two_strong_in(self, group_ids: Iterable[str]) -> tuple[str, ...]:
        """The counted strong indicators (not context) of the first dimension of the groups
        with at least two of them (positive by the ILO's "2 strong"); else empty."""
        wanted = {d for g in group_ids for d in self.rule.group(g).dimensions}
        indicator = self.protocol.indicator
        for result in self.dimensions:
            strong = tuple(
                i
                for i in result.indicator_ids
                if not indicator(i).context
                and indicator(i).strength_for(self.lists) is Strength.STRONG
            )
            if result.dimension in wanted and len(strong) >= 2:
                return strong
        return ()

    def signs(self, before: BeforeExploitationRule) -> tuple[SignResult, ...]:
        return tuple(count_sign(self.protocol, s, self.counted, self.lists) for s in before.signs)


def counts(indicators: Iterable[Indicator], lists: frozenset[IndicatorList]) -> dict[Strength, int]:
    strengths = [i.strength_for(lists) for i in indicators]
    return {s: strengths.count(s) for s in Strength}


def count_sign(
    protocol: Protocol, sign: Sign, counted: tuple[str, ...], lists: frozenset[IndicatorList]
) -> SignResult:
    indicators = [protocol.indicator(i) for i in counted if i in sign.indicators]
    strengths = [sign.grades.get(i.id) or i.strength_for(lists) for i in indicators]
    by_strength = {s: strengths.count(s) for s in Strength}
    ilo_counts = counts(indicators, lists)
    result = SignResult(
        sign=sign.id,
        positive=any(c.met_by(by_strength) for c in sign.thresholds),
        positive_at_ilo_grades=any(c.met_by(ilo_counts) for c in sign.thresholds),
        strong=by_strength[Strength.STRONG],
        medium=by_strength[Strength.MEDIUM],
        weak=by_strength[Strength.WEAK],
        indicator_ids=tuple(i.id for i in indicators),
        rule_text=MappingProxyType({}),
    )
    texts = {lang: sign_line(result, protocol, lang) for lang in protocol.languages}
    return replace(result, rule_text=MappingProxyType(texts))


def count_dimension(
    protocol: Protocol,
    dimension: Dimension,
    counted: tuple[str, ...],
    lists: frozenset[IndicatorList],
) -> DimensionResult:
    indicators = [
        protocol.indicator(i) for i in counted if protocol.indicator(i).dimension is dimension
    ]
    by_strength = counts(indicators, lists)
    thresholds = protocol.decision_rule.thresholds
    clause = next((c for c in thresholds if c.met_by(by_strength)), None)
    positive = clause is not None or any(i.sufficient for i in indicators)
    # Whether it stays positive without the circumstances (context): only then does it count.
    done_to_the_person = [i for i in indicators if not i.context]
    own_counts = counts(done_to_the_person, lists)
    positive_without_context = any(c.met_by(own_counts) for c in thresholds) or any(
        i.sufficient for i in done_to_the_person
    )
    result = DimensionResult(
        dimension=dimension,
        positive=positive,
        context_only=positive and not positive_without_context,
        strong=by_strength[Strength.STRONG],
        medium=by_strength[Strength.MEDIUM],
        weak=by_strength[Strength.WEAK],
        indicator_ids=tuple(i.id for i in indicators),
        clause=clause,
        rule_text=MappingProxyType({}),
    )
    texts = {lang: dimension_line(result, protocol, lang) for lang in protocol.languages}
    return replace(result, rule_text=MappingProxyType(texts))
