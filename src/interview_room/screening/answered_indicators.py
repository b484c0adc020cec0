"""From answers to indicators: which answers count, the indicators they point to on the lists
that apply to the person (age group, form of exploitation), and the questions declined."""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping

from interview_room.screening.answers import Answer, AnswerStatus
from interview_room.screening.conditions import comparisons, evaluate
from interview_room.screening.errors import UnknownIndicator
from interview_room.screening.flow import effective_answers
from interview_room.screening.protocol import (
    ExploitationForm,
    IndicatorList,
    Protocol,
    applicable_lists,
)


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
    found, _kept, lists = _found(protocol, answers, presumed_child, forms)
    return applicable(protocol, found, lists)


def kept_for_one_indicator(
    protocol: Protocol,
    answers: Mapping[str, Answer],
    *,
    presumed_child: bool,
    forms: Collection[str] | None = None,
) -> tuple[str, ...]:
    """Indicators the answers point to that an indicator read from a combination replaced
    with ``instead_of_keeps_one_indicator``: out of the dimensions and signs, still seen by a
    path asking for one indicator of their group (eighth review, finding 1)."""
    _found_ids, kept, lists = _found(protocol, answers, presumed_child, forms)
    return applicable(protocol, kept, lists)


def _found(
    protocol: Protocol,
    answers: Mapping[str, Answer],
    presumed_child: bool,
    forms: Collection[str] | None,
) -> tuple[set[str], set[str], frozenset[IndicatorList]]:
    """(counted, kept aside, lists): see ``indicators_from_answers``."""
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
    lists = lists_for(protocol, presumed_child, forms)
    # Indicators read from a combination of answers; each replaces what it tells more fully.
    combined = [i for i in protocol.indicators if i.when is not None and evaluate(i.when, shown)]
    found.update(i.id for i in combined)
    replacing = [i for i in combined if i.lists & lists]
    replaced = {o for i in replacing for o in i.instead_of}
    kept = {o for i in replacing if i.instead_of_keeps_one_indicator for o in i.instead_of}
    kept &= found
    found.difference_update(replaced)
    return found, kept - found, lists


def indicative_questions(
    protocol: Protocol, answers: Mapping[str, Answer], *, presumed_child: bool
) -> frozenset[str]:
    """Shown questions whose answer points to an indicator on the lists applying to the person
    (on its own, or in a combination of answers that counts)."""
    shown = effective_answers(protocol, answers, presumed_child)
    lists = lists_for(protocol, presumed_child, recorded_forms(protocol, shown))
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


def list_families(protocol: Protocol, forms: Collection[str] | None) -> frozenset[ExploitationForm]:
    """The ILO list families counted for the recorded ``forms``."""
    # With ``both_list_families`` the recorded form is for the referral and the statistics only.
    if protocol.decision_rule.both_list_families:
        return frozenset(ExploitationForm)
    return protocol.list_families(forms)


def lists_for(
    protocol: Protocol, presumed_child: bool, forms: Collection[str] | None
) -> frozenset[IndicatorList]:
    """The ILO lists that apply to the person (age group, and the families counted)."""
    return applicable_lists(presumed_child, list_families(protocol, forms))


def applicable(
    protocol: Protocol, indicator_ids: Iterable[str], lists: frozenset[IndicatorList]
) -> tuple[str, ...]:
    """The indicators on ``lists``, in protocol order; an unknown id is refused."""
    wanted = set(indicator_ids)
    for indicator_id in wanted:
        if not protocol.has_indicator(indicator_id):
            raise UnknownIndicator(indicator_id)
    return tuple(i.id for i in protocol.indicators if i.id in wanted and i.lists & lists)
