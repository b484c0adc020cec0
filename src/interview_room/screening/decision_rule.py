"""The decision rule's fields as values (``decision_rule`` in ``protocol.json``): thresholds,
groups of dimensions, the before-exploitation rule with its signs and paths (``observed``,
``one_of``, ``not_counting``), and the rules for what the person refused or declined
(``or_declined``, ``also_when``, ``refused_by``, ``when_mostly_declined``,
``when_not_heard_apart``, ``when_no_common_language``, ``when_case_questions_paused``).
``validation_rule`` checks them
against the protocol; ``assessment`` applies them."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

from interview_room.screening.conditions import Condition
from interview_room.screening.protocol_terms import Dimension, Outcome, Strength, TextId


@dataclass(frozen=True)
class ThresholdClause:
    """Minimum counts that together make a dimension positive, e.g. 1 strong + 1 medium-or-weak.

    Each requirement is (strengths, minimum): indicators of any of those strengths count
    towards the minimum.
    """

    requirements: tuple[tuple[frozenset[Strength], int], ...]

    def met_by(self, counts: Mapping[Strength, int]) -> bool:
        return all(
            sum(counts.get(strength, 0) for strength in strengths) >= minimum
            for strengths, minimum in self.requirements
        )


@dataclass(frozen=True)
class RuleGroup:
    """A named set of dimensions; a group is met when any of its dimensions is positive."""

    id: str
    dimensions: tuple[Dimension, ...]

    @property
    def text(self) -> TextId:
        return TextId(f"rule.group.{self.id}")


@dataclass(frozen=True)
class Sign:
    """A named set of indicators with its own thresholds, read across dimensions (e.g. the
    signs of control now: documents held by a companion, a coached story, a debt)."""

    id: str
    indicators: tuple[str, ...]
    thresholds: tuple[ThresholdClause, ...]
    grades: Mapping[str, Strength] = field(default_factory=lambda: MappingProxyType({}), hash=False)
    """Where the sign grades an indicator otherwise than its dimension does (e.g. documents
    held by the companion: strong as control now). A local choice, never an ILO grade."""

    @property
    def text(self) -> TextId:
        return TextId(f"rule.sign.{self.id}")


@dataclass(frozen=True)
class AtRiskPath:
    """One way to *potential victim at risk*: every sign in ``signs`` positive, every group in
    ``groups`` met and, with ``one_indicator_in``, at least one counted indicator (not context,
    not among the path's signs) of those groups' dimensions."""

    signs: tuple[str, ...]
    groups: tuple[str, ...] = ()
    one_indicator_in: tuple[str, ...] = ()
    all_declined: tuple[str, ...] = ()
    """Questions that, wherever shown, were all declined (the person prefers not to answer;
    at least one shown): the path then needs no group (e.g. control now with the recruitment
    questions declined, rather than answered "no")."""
    observed: ObservedControl | None = None
    """The officers' own observations: at least so many of them indicating (on the person's
    lists, their ``indicates_unless`` applied): the path then needs no group, so a story
    coached answer by answer does not hide the control (fourth review, finding 7)."""
    not_counting: tuple[str, ...] = ()
    """Indicators that are never the path's ``one_indicator_in`` indicator: money taken or
    violence on the journey is the smuggling itself, not a sign of recruitment for
    exploitation (fifth review, finding 4)."""
    only_when: Condition | None = None
    """The path holds only when this condition holds on the answers shown (e.g. the person
    heard apart from any companion: declines given only in front of a companion cannot carry
    the all-declined path; fourth review, finding 4; sixth review, open point)."""


@dataclass(frozen=True)
class ObservedControl:
    """At least ``at_least`` of the observations ``of`` recorded with an answer that counts,
    and, with ``one_of``, at least one of those: a companion who talks and a nervous person are
    demeanour, common at any border; something done (papers kept, a companion who would not
    leave) must be among them (fifth review, finding 3)."""

    at_least: int
    of: tuple[str, ...]
    one_of: tuple[str, ...] = ()


@dataclass(frozen=True)
class BeforeExploitationRule:
    """For an adult who does not meet the full rule: any of ``paths`` met suggests *potential
    victim at risk* (intercepted before exploitation). ``requires`` (older form): every group
    met and any sign positive, i.e. one path per sign."""

    requires: tuple[str, ...]
    signs: tuple[Sign, ...]
    paths: tuple[AtRiskPath, ...] = ()

    @property
    def all_paths(self) -> tuple[AtRiskPath, ...]:
        older = (
            tuple(AtRiskPath((s.id,), self.requires) for s in self.signs) if self.requires else ()
        )
        return older + self.paths


@dataclass(frozen=True)
class ExploitationDeclinedRule:
    """For an adult whose exploitation could not be recorded because the person declined most
    of ``questions`` (more than half of those shown): a dimension of ``strong_in`` met with a
    counted strong indicator (not context), and one counted indicator (not context) of
    ``one_indicator_in``, suggest *potential victim* (third practitioner's review, finding 3)."""

    strong_in: tuple[str, ...]
    one_indicator_in: tuple[str, ...]
    questions: tuple[str, ...]
    or_declined: tuple[str, ...] = ()
    """More than half of these (shown) declined stands for the ``one_indicator_in`` indicator:
    declining the recruitment questions too must not lower the result (fourth review,
    finding 3)."""


@dataclass(frozen=True)
class RefusedBy:
    """Who refused, named on the refusal line (``rule.refused_by.<by>``) when ``when`` holds
    on the answers shown (e.g. the Child Protection Unit worker's "no" for a child)."""

    when: Condition
    by: str

    @property
    def text(self) -> TextId:
        return TextId(f"rule.refused_by.{self.by}")


REFUSED_BY_THE_PERSON = TextId("rule.refused_by.person")
"""Who refused when no ``refused_by`` entry holds: the person."""


@dataclass(frozen=True)
class RefusalRule:
    """When the interview consent is not "yes", the suggestion is *not determined – interview
    refused*, printing what the officers recorded in ``observations`` (e.g. a companion who
    controls the person, someone at the crossing now)."""

    observations: tuple[str, ...]
    also_when: Condition | None = None
    """Other refusals that end the interview (a guardian's "no", a child's "does not agree"),
    read on the answers shown to the person (fourth review, finding 6)."""
    refused_by: tuple[RefusedBy, ...] = ()
    """Who refused, the first that holds (else the person): for a child the line names the
    guardian, the Unit worker or the child (sixth review, finding 1)."""


@dataclass(frozen=True)
class NotHeardApartRule:
    """When the outcome would otherwise be *indicators not met* and the observation
    ``question`` was recorded with one of ``values`` (e.g. the companion would not leave the
    person alone), the suggestion is *not determined*: answers given only in front of the
    companion cannot clear the person (sixth review, finding 4; WHO 2003, principles 1, 7)."""

    question: str
    values: tuple[str, ...]

    @property
    def text(self) -> TextId:
        return TextId("rule.outcome.not_determined.not_heard_apart")


@dataclass(frozen=True)
class NoCommonLanguageRule:
    """When the observation ``question`` was recorded with one of ``values`` (no common
    language, no interpreter reachable), the suggestion is *not determined*, whatever the
    counts and before any refusal: nothing the person said or agreed to was understood
    (seventh review, finding 8; WHO 2003, principles 4 and 6). ``observations`` recorded
    (not "no" or "none") are printed on the line: what the officers saw still counts."""

    question: str
    values: tuple[str, ...]
    observations: tuple[str, ...] = ()

    @property
    def text(self) -> TextId:
        return TextId("rule.outcome.not_determined.no_common_language")


@dataclass(frozen=True)
class CaseQuestionsPaused:
    """When ``when`` holds on the answers shown (e.g. an interpreter the person knows, not
    replaced; the accompanying adult recorded as possibly involved before the Child
    Protection Unit arrives), the case questions waited: *not determined* instead of
    *indicators not met*, and instead of a refusal or a declining recorded while they waited
    (eighth review, finding 2). The line names the reason (``rule.paused_by.<reason>``) and
    prints ``observations`` recorded (not "no" or "none")."""

    reason: str
    when: Condition
    observations: tuple[str, ...] = ()

    @property
    def text(self) -> TextId:
        return TextId(f"rule.paused_by.{self.reason}")


PAUSED_TEXT = TextId("rule.outcome.not_determined.paused")
"""The line of a paused interview: the reason and the observations."""


@dataclass(frozen=True)
class MostlyDeclinedRule:
    """When no path of the rule is met and at least ``at_least_percent`` of the questions of
    ``sections`` shown to the person (observations left out) were declined, the suggestion is
    *not determined*: a person who used the right not to answer was not screened and cleared
    (WHO 2003, principle 6)."""

    sections: tuple[str, ...]
    at_least_percent: int
    observations: tuple[str, ...] = ()
    """Observations printed on the line when recorded (not "no" or "none"): what the
    officers saw still counts (sixth review, finding 6)."""


@dataclass(frozen=True)
class DecisionRule:
    """The suggestion rule, kept in protocol.json so the central office can change it."""

    thresholds: tuple[ThresholdClause, ...]
    groups: tuple[RuleGroup, ...]
    adult_requires: tuple[str, ...]
    child_requires: tuple[str, ...]
    child_when_any_indicator: Outcome = Outcome.CHILD_AT_RISK
    """What a child with any counted indicator but the child rule not met is suggested. The
    Albanian rule (any indicative answer) makes it ``potential_victim``."""
    before_exploitation: BeforeExploitationRule | None = None
    adult_requires_in_itself: tuple[str, ...] | None = None
    """For an adult with a counted indicator that is exploitation in itself (``sufficient``):
    the groups that then suffice (the means at destination need not be shown)."""
    adult_in_itself_one_indicator_in: tuple[str, ...] | None = None
    """For an adult with a counted ``sufficient`` indicator: one counted indicator (not
    context) of these groups' dimensions is then enough (format 2)."""
    adult_exploitation_one_strong_in: tuple[str, ...] | None = None
    """For an adult with exploitation positive: one counted indicator (not context) graded
    strong in these groups' dimensions is then a means enough (format 2; e.g. debt bondage at
    destination, a practice similar to slavery, 1956 Supplementary Convention art. 1(a))."""
    adult_two_strong_means_in: tuple[str, ...] | None = None
    """For an adult with at least one counted exploitation indicator (not context): a dimension
    of these groups with two counted strong indicators (not context) is then enough (format 2;
    e.g. unpaid work while the papers are kept and the person is confined: work exacted under
    the menace of a penalty, seventh review, finding 1)."""
    adult_exploitation_declined: ExploitationDeclinedRule | None = None
    when_interview_refused: RefusalRule | None = None
    """Format 2: suggest *not determined* when the interview was refused (else the rule runs
    on the observations alone, as in format 1)."""
    """For an adult who declined the questions about the exploitation (format 2)."""
    adult_ilo_combination: tuple[str, ...] | None = None
    """The ILO/EC combination (recruitment, exploitation, means at destination): not required,
    named in the explanation when met."""
    child_when_only_context: Outcome | None = None
    """What a child whose only counted indicators are ``context`` ones is suggested (None: as
    ``child_when_any_indicator``)."""
    both_list_families: bool = False
    """Count every indicator at its strongest grade over both list families (labour, sexual)
    of the person's age group, whatever form of exploitation is recorded: the form, recorded
    mid-interview, is for the referral and the statistics and must not flip the suggestion."""
    when_mostly_declined: MostlyDeclinedRule | None = None
    """Format 2: *not determined – too little information* instead of *indicators not met*
    when the person declined most of the questions (fifth review, finding 6)."""
    when_not_heard_apart: NotHeardApartRule | None = None
    """Format 2: *not determined* instead of *indicators not met* when the person could not
    be heard apart from the companion (sixth review, finding 4)."""
    when_no_common_language: NoCommonLanguageRule | None = None
    """Format 2: *not determined* whatever the counts when the person and the officers had no
    common language (seventh review, finding 8)."""
    when_case_questions_paused: tuple[CaseQuestionsPaused, ...] = ()
    """Format 2: *not determined*, never *indicators not met*, while the case questions wait
    (the first entry that holds; eighth review, finding 2)."""

    def group(self, group_id: str) -> RuleGroup:
        for group in self.groups:
            if group.id == group_id:
                return group
        raise KeyError(group_id)
