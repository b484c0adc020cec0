"""The rules for what the person refused or declined: an interview refused is *not determined*
(``when_interview_refused``, naming who refused); exploitation declined after strong coercion
and recruitment is a *potential victim* (``adult_with_exploitation_declined``); never heard
apart from the companion is *not determined* (``when_not_heard_apart``), and so are most
questions declined (``when_mostly_declined``, printing what the officers saw), no common
language (``when_no_common_language``, whatever the counts) and the case questions waiting
(``when_case_questions_paused``): never "screened and cleared"."""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass

from interview_room.screening.answers import Answer
from interview_room.screening.conditions import evaluate
from interview_room.screening.decision_rule import REFUSED_BY_THE_PERSON, AtRiskPath
from interview_room.screening.indicator_assessment import PathTaken
from interview_room.screening.protocol import ConsentScope, Outcome, Protocol
from interview_room.screening.protocol_terms import TextId
from interview_room.screening.rule_counts import CountedIndicators

Recorded = tuple[tuple[str, str], ...]
"""(question id, option) of observations recorded, in the rule's order."""


@dataclass(frozen=True)
class OfficersRecord:
    """What the refusal and declined rules read beside the counts: the refusal (None: the
    interview was not refused) with its observations and who refused, the observation that
    says the person was never heard apart (empty: heard apart, or the rule has no such
    field), the observations printed on the mostly-declined line, and the at-risk paths whose
    ``only_when`` does not hold on the answers shown (a caller without answers closes none)."""

    interview_refused: Recorded | None = None
    refused_by: TextId = REFUSED_BY_THE_PERSON
    not_heard_apart: Recorded = ()
    declined_observations: Recorded = ()
    closed_paths: frozenset[AtRiskPath] = frozenset()
    no_common_language: Recorded | None = None
    """None: a common language (or the rule has no such field); else the observations
    recorded that the line prints."""
    paused: tuple[TextId, Recorded] | None = None
    """None: the case questions did not wait; else why (the text id) and the observations
    recorded that the line prints (eighth review, finding 2)."""

    @classmethod
    def of(
        cls, protocol: Protocol, answers: Mapping[str, Answer], shown: Mapping[str, Answer]
    ) -> OfficersRecord:
        rule = protocol.decision_rule
        apart = rule.when_not_heard_apart
        mostly = rule.when_mostly_declined
        paths = rule.before_exploitation.paths if rule.before_exploitation else ()
        return cls(
            interview_refused=refusal_observations(protocol, answers, shown),
            refused_by=refused_by(protocol, shown),
            not_heard_apart=tuple(
                (q, v)
                for q, v in _recorded(shown, (apart.question,) if apart else ())
                if apart is not None and v in apart.values
            ),
            declined_observations=tuple(
                (q, v)
                for q, v in _recorded(shown, mostly.observations if mostly else ())
                if v not in ("no", "none")
            ),
            closed_paths=frozenset(
                p for p in paths if p.only_when is not None and not evaluate(p.only_when, shown)
            ),
            no_common_language=_no_common_language(protocol, shown),
            paused=_paused(protocol, shown),
        )


def _no_common_language(protocol: Protocol, shown: Mapping[str, Answer]) -> Recorded | None:
    rule = protocol.decision_rule.when_no_common_language
    if rule is None or not any(v in rule.values for _, v in _recorded(shown, (rule.question,))):
        return None
    return tuple((q, v) for q, v in _recorded(shown, rule.observations) if v not in ("no", "none"))


def _paused(protocol: Protocol, shown: Mapping[str, Answer]) -> tuple[TextId, Recorded] | None:
    for entry in protocol.decision_rule.when_case_questions_paused:
        if evaluate(entry.when, shown):
            seen = _recorded(shown, entry.observations)
            return entry.text, tuple((q, v) for q, v in seen if v not in ("no", "none"))
    return None


def _recorded(shown: Mapping[str, Answer], question_ids: Iterable[str]) -> Recorded:
    return tuple(
        (question_id, str(value))
        for question_id in question_ids
        if (answer := shown.get(question_id)) is not None and answer.is_answered
        for value in answer.selected()
    )


def refused_by(protocol: Protocol, shown: Mapping[str, Answer]) -> TextId:
    """Who refused the interview: the first ``refused_by`` entry that holds on the answers
    shown (a child's guardian, the Unit worker, the child), else the person."""
    refusal = protocol.decision_rule.when_interview_refused
    for entry in refusal.refused_by if refusal else ():
        if evaluate(entry.when, shown):
            return entry.text
    return REFUSED_BY_THE_PERSON


def refusal_observations(
    protocol: Protocol, answers: Mapping[str, Answer], shown: Mapping[str, Answer]
) -> tuple[tuple[str, str], ...] | None:
    """When the rule has ``when_interview_refused`` and the interview was refused: the
    (question id, option) of its observations recorded; else None."""
    refusal = protocol.decision_rule.when_interview_refused
    if refusal is None or not _interview_refused(protocol, answers, shown):
        return None
    return _recorded(shown, refusal.observations)


def _interview_refused(
    protocol: Protocol, answers: Mapping[str, Answer], shown: Mapping[str, Answer]
) -> bool:
    """The interview consent is not "yes", or another refusal of the rule (a guardian's "no",
    a child's "does not agree", on the answers shown to the person) was recorded: the same
    refusals that end the interview."""
    refusal = protocol.decision_rule.when_interview_refused
    answer = answers.get(protocol.consent_question(ConsentScope.INTERVIEW).id)
    if answer is None or not answer.is_answered or answer.value != "yes":
        return True
    return (
        refusal is not None and refusal.also_when is not None and evaluate(refusal.also_when, shown)
    )


def exploitation_declined_path(
    counts: CountedIndicators, declined: Collection[str], answered: Collection[str]
) -> PathTaken | None:
    """Exploitation not recorded because the person used the right not to say (third review,
    finding 3): strong coercion at destination after a recruitment indicator, with more than
    half of the rule's questions shown declined."""
    rule = counts.rule.adult_exploitation_declined
    if rule is None:
        return None
    means = counts.strong_in_counting(rule.strong_in)
    if not means:
        return None
    recruitment_ids = counts.one_indicator_of(rule.one_indicator_in)
    # Declining the recruitment questions too must not lower the result (fourth review,
    # finding 3).
    recruitment_declined = (
        () if recruitment_ids else mostly_declined(rule.or_declined, declined, answered)
    )
    if not recruitment_ids and not recruitment_declined:
        return None
    declined_in_path = mostly_declined(rule.questions, declined, answered)
    if not declined_in_path:
        return None
    return PathTaken(
        Outcome.POTENTIAL_VICTIM,
        "adult_exploitation_declined",
        means=means,
        declined=declined_in_path,
        recruitment_indicator_ids=recruitment_ids,
        recruitment_declined=recruitment_declined,
    )


def not_determined(
    taken: PathTaken,
    protocol: Protocol,
    declined: Collection[str],
    answered: Collection[str],
    recorded: OfficersRecord,
) -> PathTaken:
    """``taken``, unless nothing was met and the person was never heard apart from the
    companion (answers given in front of them clear no one, sixth review, finding 4) or most
    questions were declined (too little information: the right not to answer is not
    "screened and cleared", fifth review, finding 6), or the interview was refused (the
    figures are still computed and printed), or the case questions waited (eighth review,
    finding 2: instead of "not met", a refusal or a declining), or there was no common
    language (seventh review, finding 8: whatever the counts, and before a refusal)."""
    if taken.outcome is Outcome.INDICATORS_NOT_MET:
        refused, shown = mostly_declined_questions(protocol, declined, answered)
        if recorded.not_heard_apart:
            taken = PathTaken(
                Outcome.NOT_DETERMINED,
                "not_determined_not_heard_apart",
                observations=recorded.not_heard_apart,
                groups_met=taken.groups_met,
            )
        elif refused:
            taken = PathTaken(
                Outcome.NOT_DETERMINED,
                "not_determined_declined",
                declined=refused,
                declined_of=shown,
                observations=recorded.declined_observations,
                groups_met=taken.groups_met,
            )
    if recorded.interview_refused is not None:
        taken = PathTaken(
            Outcome.NOT_DETERMINED,
            "not_determined_refused",
            observations=recorded.interview_refused,
            refused_by=recorded.refused_by,
            groups_met=taken.groups_met,
        )
    if recorded.paused is not None and taken.outcome in _NOT_MET_OR_NOT_ASKED:
        # The case questions waited: what was not asked clears no one, and a refusal or a
        # declining given while they waited is not the reason (eighth review, finding 2).
        reason, observations = recorded.paused
        taken = PathTaken(
            Outcome.NOT_DETERMINED,
            "not_determined_paused",
            observations=observations,
            paused_by=reason,
            groups_met=taken.groups_met,
        )
    if recorded.no_common_language is not None:
        # Before any refusal too: a refusal not understood is no more an answer than a yes.
        taken = PathTaken(
            Outcome.NOT_DETERMINED,
            "not_determined_no_common_language",
            observations=recorded.no_common_language,
            groups_met=taken.groups_met,
        )
    return taken


_NOT_MET_OR_NOT_ASKED = frozenset({Outcome.INDICATORS_NOT_MET, Outcome.NOT_DETERMINED})


def mostly_declined(
    questions: Iterable[str], declined: Collection[str], answered: Collection[str]
) -> tuple[str, ...]:
    """The questions declined, when more than half of those shown were; else empty."""
    shown = [q for q in questions if q in declined or q in answered]
    refused = tuple(q for q in shown if q in declined)
    return refused if 2 * len(refused) > len(shown) else ()


def mostly_declined_questions(
    protocol: Protocol, declined: Collection[str], answered: Collection[str]
) -> tuple[tuple[str, ...], int]:
    """(the questions declined, the number shown) under ``when_mostly_declined`` when at least
    its share of those shown (declined or answered; observations left out) were declined;
    else ((), 0)."""
    rule = protocol.decision_rule.when_mostly_declined
    if rule is None:
        return (), 0
    asked = [
        q.id
        for section in protocol.sections
        if section.id in rule.sections
        for q in section.questions
        if not q.observation and (q.id in declined or q.id in answered)
    ]
    refused = tuple(q for q in asked if q in declined)
    if refused and 100 * len(refused) >= rule.at_least_percent * len(asked):
        return refused, len(asked)
    return (), 0
