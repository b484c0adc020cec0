"""What the decision rule suggests, and why: the figures of each dimension and each sign, the
path of the rule that gave the suggestion and the evidence that path names."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Literal

from interview_room.screening.protocol import (
    Dimension,
    ExploitationForm,
    IndicatorList,
    Outcome,
    Strength,
    ThresholdClause,
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
    "adult_two_strong_means",
    "at_risk",
    "at_risk_declined",
    "at_risk_observed",
    "child",
    "child_any_indicator",
    "child_only_context",
    "not_determined_declined",
    "not_determined_no_common_language",
    "not_determined_not_heard_apart",
    "not_determined_paused",
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
    exploitation in itself. Paths ``adult_strong_means`` and ``adult_two_strong_means``: the
    strong means indicators. Path
    ``at_risk``: the counted recruitment indicators (not context)."""
    declined: tuple[str, ...] = ()
    """Paths ``at_risk_declined`` and ``adult_exploitation_declined``: the path's questions the
    person declined."""
    recruitment_indicator_ids: tuple[str, ...] = ()
    """Path ``adult_exploitation_declined``: the counted recruitment indicators (not context)."""
    recruitment_declined: tuple[str, ...] = ()
    """Path ``adult_exploitation_declined`` without a recruitment indicator: the recruitment
    questions (``or_declined``) the person declined, more than half of those shown."""
    declined_of: int = 0
    """Path ``not_determined_declined``: how many of the rule's questions were shown (declined
    or answered); ``declined`` names those declined."""
    observations: tuple[tuple[str, str], ...] = ()
    """Path ``not_determined_refused``: (question id, option) the officers recorded among the
    rule's ``when_interview_refused`` observations. Path ``at_risk_observed``: the path's
    observations recorded with an answer that counts. Path ``not_determined_declined``: the
    ``when_mostly_declined`` observations recorded (not "no" or "none"). Path
    ``not_determined_not_heard_apart``: the ``when_not_heard_apart`` observation recorded.
    Path ``not_determined_paused``: the pause's observations recorded (not "no" or "none")."""
    refused_by: str = ""
    """Path ``not_determined_refused``: the text id naming who refused."""
    paused_by: str = ""
    """Path ``not_determined_paused``: the text id naming why the case questions waited."""

    def dimension(self, dimension: Dimension) -> DimensionResult:
        return next(d for d in self.dimensions if d.dimension is dimension)

    @property
    def positive_dimensions(self) -> frozenset[Dimension]:
        return frozenset(d.dimension for d in self.dimensions if d.positive)

    @property
    def positive_signs(self) -> frozenset[str]:
        return frozenset(s.sign for s in self.signs if s.positive)


@dataclass(frozen=True)
class PathTaken:
    """The part of the rule that gave the suggestion, with the evidence it names (the fields of
    :class:`IndicatorAssessment` of the same names; empty where the path names none)."""

    outcome: Outcome
    path: RulePath
    means: tuple[str, ...] = ()
    declined: tuple[str, ...] = ()
    recruitment_indicator_ids: tuple[str, ...] = ()
    recruitment_declined: tuple[str, ...] = ()
    declined_of: int = 0
    observations: tuple[tuple[str, str], ...] = ()
    refused_by: str = ""
    paused_by: str = ""
    groups_met: tuple[str, ...] | None = None
    """The groups this path met in place of the usual ones (then none is missing); None: the
    usual groups (``adult_requires`` / ``child_requires``)."""
