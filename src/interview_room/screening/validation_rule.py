"""Checks of the decision rule against the protocol: every group, question, section, sign and
indicator a field of the rule names exists and is of the kind the field needs (``or_declined``,
``also_when``, ``refused_by``, ``observed`` with ``one_of``, ``not_counting``, ``only_when``,
``when_mostly_declined``, ``when_not_heard_apart`` …), and
a child's rule never requires the means. The first fault, in the rule's order, is reported."""

from __future__ import annotations

from collections.abc import Iterable

from interview_room.screening.decision_rule import AtRiskPath, BeforeExploitationRule
from interview_room.screening.errors import (
    InvalidDecisionRule,
    UnknownIndicatorReference,
    UnknownQuestionReference,
    UnknownReference,
)
from interview_room.screening.protocol import MEANS_AT_DESTINATION, Protocol
from interview_room.screening.show_if_checks import check_show_if

_RULE = "decision rule"
_BEFORE = "before-exploitation rule"


def check_decision_rule(protocol: Protocol, file: str) -> None:
    """Raise a ``ProtocolError`` at the first fault of the protocol's decision rule."""
    _check_groups_named(protocol, file)
    _check_declined_rules(protocol, file)
    _check_refusal_rule(protocol, file)
    _check_not_heard_apart(protocol, file)
    _check_paused(protocol, file)
    rule = protocol.decision_rule
    for group_id in rule.child_requires:
        means = MEANS_AT_DESTINATION.intersection(rule.group(group_id).dimensions)
        if means:
            raise InvalidDecisionRule(
                file,
                f"rule group '{group_id}'",
                "a child's rule must never require the means "
                f"({', '.join(sorted(means))}): they are not needed for a child to be a victim",
            )
    if rule.before_exploitation is not None:
        _check_before_exploitation(protocol, rule.before_exploitation, file)


def _check_groups_named(protocol: Protocol, file: str) -> None:
    rule = protocol.decision_rule
    declined = rule.adult_exploitation_declined
    for field_name, required in (
        ("adult_requires", rule.adult_requires),
        ("child_requires", rule.child_requires),
        ("adult_requires_with_exploitation_in_itself", rule.adult_requires_in_itself or ()),
        (
            "adult_with_exploitation_in_itself_one_indicator_in",
            rule.adult_in_itself_one_indicator_in or (),
        ),
        ("adult_ilo_combination", rule.adult_ilo_combination or ()),
        ("adult_with_exploitation_one_strong_in", rule.adult_exploitation_one_strong_in or ()),
        ("adult_with_two_strong_means_in", rule.adult_two_strong_means_in or ()),
        (
            "adult_with_exploitation_declined",
            (*declined.strong_in, *declined.one_indicator_in) if declined else (),
        ),
    ):
        _check_group_ids(protocol, required, file, _RULE, f"'{field_name}' names")


def _check_group_ids(
    protocol: Protocol, group_ids: Iterable[str], file: str, subject: str, names: str
) -> None:
    known = [g.id for g in protocol.decision_rule.groups]
    for group_id in group_ids:
        if group_id not in known:
            raise UnknownReference(file, subject, f"{names} the unknown group '{group_id}'")


def _check_declined_rules(protocol: Protocol, file: str) -> None:
    """``adult_with_exploitation_declined`` (with ``or_declined``) and ``when_mostly_declined``."""
    rule = protocol.decision_rule
    declined = rule.adult_exploitation_declined
    for question_id in (*declined.questions, *declined.or_declined) if declined else ():
        if not protocol.has_question(question_id):
            raise UnknownQuestionReference(
                file,
                _RULE,
                f"'adult_with_exploitation_declined' names the unknown question '{question_id}'",
            )
    mostly = rule.when_mostly_declined
    for section_id in mostly.sections if mostly else ():
        if not any(s.id == section_id for s in protocol.sections):
            raise UnknownReference(
                file, _RULE, f"'when_mostly_declined' names the unknown section '{section_id}'"
            )
    if mostly is not None and mostly.at_least_percent > 100:
        raise InvalidDecisionRule(
            file, _RULE, "'when_mostly_declined' asks for more than 100 percent"
        )
    if mostly is not None:
        _check_observations(protocol, mostly.observations, "when_mostly_declined", file)


def _check_refusal_rule(protocol: Protocol, file: str) -> None:
    """``when_interview_refused``: its observations, and ``also_when`` read after the interview."""
    refused = protocol.decision_rule.when_interview_refused
    if refused is None:
        return
    for question_id in refused.observations:
        if not protocol.has_question(question_id):
            raise UnknownQuestionReference(
                file, _RULE, f"'when_interview_refused' names the unknown question '{question_id}'"
            )
        if not protocol.question(question_id).observation:
            raise InvalidDecisionRule(
                file,
                _RULE,
                f"'when_interview_refused' names '{question_id}', which is not an observation "
                "(nothing is asked after a refusal)",
            )
    position = {q.id: n for n, q in enumerate(protocol.questions)}
    subject = "'when_interview_refused'"
    if refused.also_when is not None:
        check_show_if(protocol, refused.also_when, subject, len(position), position, file)
    for entry in refused.refused_by:
        check_show_if(protocol, entry.when, subject, len(position), position, file)


def _check_observations(
    protocol: Protocol, question_ids: Iterable[str], field: str, file: str
) -> None:
    """Every question of a rule field that prints or reads observations is one."""
    for question_id in question_ids:
        if not protocol.has_question(question_id):
            raise UnknownQuestionReference(
                file, _RULE, f"'{field}' names the unknown question '{question_id}'"
            )
        if not protocol.question(question_id).observation:
            raise InvalidDecisionRule(
                file, _RULE, f"'{field}' names '{question_id}', which is not an observation"
            )


def _check_not_heard_apart(protocol: Protocol, file: str) -> None:
    """``when_not_heard_apart`` and ``when_no_common_language``: an observation, values among
    its options (and the observations printed)."""
    apart = protocol.decision_rule.when_not_heard_apart
    if apart is not None:
        _check_observed_values(protocol, apart.question, apart.values, "when_not_heard_apart", file)
    language = protocol.decision_rule.when_no_common_language
    if language is not None:
        field = "when_no_common_language"
        _check_observed_values(protocol, language.question, language.values, field, file)
        _check_observations(protocol, language.observations, field, file)


def _check_paused(protocol: Protocol, file: str) -> None:
    """``when_case_questions_paused``: each condition read after the interview, its
    observations, and no reason named twice."""
    position = {q.id: n for n, q in enumerate(protocol.questions)}
    field = "when_case_questions_paused"
    reasons: set[str] = set()
    for entry in protocol.decision_rule.when_case_questions_paused:
        if entry.reason in reasons:
            raise InvalidDecisionRule(file, _RULE, f"'{field}' names '{entry.reason}' twice")
        reasons.add(entry.reason)
        check_show_if(protocol, entry.when, f"'{field}'", len(position), position, file)
        _check_observations(protocol, entry.observations, field, file)


def _check_observed_values(
    protocol: Protocol, question_id: str, values: Iterable[str], field: str, file: str
) -> None:
    """An observation, and values among its options."""
    _check_observations(protocol, (question_id,), field, file)
    options = protocol.question(question_id).options
    for value in values:
        if value not in options:
            raise InvalidDecisionRule(
                file,
                _RULE,
                f"'{field}' names '{value}', which is not an option of '{question_id}'",
            )


def _check_before_exploitation(
    protocol: Protocol, before: BeforeExploitationRule, file: str
) -> None:
    _check_group_ids(protocol, before.requires, file, _BEFORE, "'requires' names")
    for sign in before.signs:
        for indicator_id in sign.indicators:
            if not protocol.has_indicator(indicator_id):
                raise UnknownIndicatorReference(
                    file, f"sign '{sign.id}'", f"it names the unknown indicator '{indicator_id}'"
                )
    sign_ids = [s.id for s in before.signs]
    for path in before.paths:
        for sign_id in path.signs:
            if sign_id not in sign_ids:
                raise UnknownReference(file, _BEFORE, f"a path names the unknown sign '{sign_id}'")
        groups = (*path.groups, *path.one_indicator_in)
        _check_group_ids(protocol, groups, file, _BEFORE, "a path names")
        for indicator_id in path.not_counting:
            if not protocol.has_indicator(indicator_id):
                raise UnknownIndicatorReference(
                    file,
                    _BEFORE,
                    f"a path's 'not_counting' names the unknown indicator '{indicator_id}'",
                )
        for question_id in path.all_declined:
            if not any(q.id == question_id for q in protocol.questions):
                raise UnknownQuestionReference(
                    file,
                    _BEFORE,
                    f"a path's 'all_declined' names the unknown question '{question_id}'",
                )
        _check_observed(protocol, path, file)
        if path.only_when is not None:
            position = {q.id: n for n, q in enumerate(protocol.questions)}
            subject = "a before-exploitation path's 'only_when'"
            check_show_if(protocol, path.only_when, subject, len(position), position, file)


def _check_observed(protocol: Protocol, path: AtRiskPath, file: str) -> None:
    """A path's ``observed``: observations only, ``one_of`` among them, ``at_least`` possible."""
    if path.observed is None:
        return
    for question_id in path.observed.of:
        if not protocol.has_question(question_id):
            raise UnknownQuestionReference(
                file, _BEFORE, f"a path's 'observed' names the unknown question '{question_id}'"
            )
        if not protocol.question(question_id).observation:
            raise InvalidDecisionRule(
                file,
                _BEFORE,
                f"a path's 'observed' names '{question_id}', which is not an observation",
            )
    if not set(path.observed.one_of) <= set(path.observed.of):
        raise InvalidDecisionRule(
            file, _BEFORE, "a path's 'observed' names in 'one_of' an observation it does not count"
        )
    if path.observed.at_least > len(path.observed.of):
        raise InvalidDecisionRule(
            file, _BEFORE, "a path's 'observed' asks for more observations than it names"
        )
