"""Checks of meaning once the shape is right: references, order, consents and the age rule here;
the decision rule in ``validation_rule``, the texts in ``validation_texts`` (``check_catalogs``
is importable from here, as before)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from itertools import pairwise

from interview_room.screening.errors import (
    InvalidProtocolStructure,
    ProtocolSchemaError,
    UnknownIndicatorReference,
    UnknownOptionReference,
    UnknownQuestionReference,
    UnknownReference,
)
from interview_room.screening.protocol import (
    AnswerType,
    Consent,
    ConsentScope,
    Protocol,
    Question,
    SectionKind,
)
from interview_room.screening.show_if_checks import check_show_if
from interview_room.screening.validation_rule import check_decision_rule
from interview_room.screening.validation_texts import check_catalogs

__all__ = ["check_catalogs", "check_structure"]

_KIND_ORDER = list(SectionKind)
_ONCE = (SectionKind.IMMEDIATE_NEEDS, SectionKind.CONSENT)


def check_structure(protocol: Protocol, file: str) -> None:
    """Raise a ``ProtocolError`` at the first structural fault of ``protocol``."""
    _check_section_order(protocol, file)
    position = {q.id: index for index, q in enumerate(protocol.questions)}
    for section in protocol.sections:
        if section.show_if is not None:
            first = position[section.questions[0].id]
            check_show_if(
                protocol, section.show_if, f"section '{section.id}'", first, position, file
            )
        for question in section.questions:
            _check_question(protocol, question, position, file)
            if question.consent is not None and section.kind is not SectionKind.CONSENT:
                raise InvalidProtocolStructure(
                    file, f"question '{question.id}'", "a consent belongs in the consent section"
                )
    _check_consents(protocol, file)
    _check_age_rule(protocol, file)
    check_decision_rule(protocol, file)
    _check_forms(protocol, file)
    _check_indicators(protocol, file)


def _check_indicators(protocol: Protocol, file: str) -> None:
    linked = {i for q in protocol.questions for ids in q.indicates.values() for i in ids}
    before = protocol.decision_rule.before_exploitation
    in_signs = {i for sign in before.signs for i in sign.indicators} if before else set()
    position = {q.id: n for n, q in enumerate(protocol.questions)}
    for indicator in protocol.indicators:
        subject = f"indicator '{indicator.id}'"
        if indicator.when is not None:
            # Read when the rule is applied, after the interview.
            check_show_if(protocol, indicator.when, subject, len(position), position, file)
        elif indicator.instead_of:
            raise InvalidProtocolStructure(file, subject, "'instead_of' needs 'when'")
        if indicator.instead_of_keeps_one_indicator and not indicator.instead_of:
            raise InvalidProtocolStructure(
                file, subject, "'instead_of_keeps_one_indicator' needs 'instead_of'"
            )
        for other in indicator.instead_of:
            if not protocol.has_indicator(other) or other == indicator.id:
                raise UnknownIndicatorReference(
                    file, subject, f"'instead_of' names the unknown indicator '{other}'"
                )
        if indicator.id not in linked and indicator.when is None:
            raise InvalidProtocolStructure(
                file, f"indicator '{indicator.id}'", "no answer of any question indicates it"
            )
        if indicator.dimension is None and indicator.sufficient:
            raise InvalidProtocolStructure(
                file,
                f"indicator '{indicator.id}'",
                "only an indicator of a dimension can be 'sufficient' on its own",
            )
        if indicator.dimension is None and indicator.context:
            raise InvalidProtocolStructure(
                file,
                f"indicator '{indicator.id}'",
                "only an indicator of a dimension can be 'context'",
            )
        child_only = all(lst.for_child for lst in indicator.lists)
        if indicator.dimension is None and indicator.id not in in_signs and not child_only:
            raise InvalidProtocolStructure(
                file,
                f"indicator '{indicator.id}'",
                "an indicator without a dimension must belong to a sign of the "
                "'before_exploitation' rule, or be on the child lists only (an indicative "
                "answer for a child), or it would count for nothing",
            )


def _check_section_order(protocol: Protocol, file: str) -> None:
    kinds = [s.kind for s in protocol.sections]
    if kinds[0] is not SectionKind.IMMEDIATE_NEEDS:
        raise InvalidProtocolStructure(
            file,
            f"section '{protocol.sections[0].id}'",
            "the first section must be of kind 'immediate_needs' (urgent needs come first)",
        )
    for kind in (*_ONCE, SectionKind.DETERMINATION):
        sections = [s for s in protocol.sections if s.kind is kind]
        if len(sections) > 1 or (kind in _ONCE and not sections):
            raise InvalidProtocolStructure(
                file,
                f"section kind '{kind}'",
                f"there must be exactly one such section, found {len(sections)}",
            )
    for before, after in pairwise(protocol.sections):
        if _KIND_ORDER.index(after.kind) < _KIND_ORDER.index(before.kind):
            order = " → ".join(k.value for k in _KIND_ORDER)
            raise InvalidProtocolStructure(
                file,
                f"section '{after.id}'",
                f"a '{after.kind}' section cannot follow a '{before.kind}' one (order: {order})",
            )


def _check_question(
    protocol: Protocol, question: Question, position: Mapping[str, int], file: str
) -> None:
    subject = f"question '{question.id}'"
    kind = question.answer_type
    if kind in (AnswerType.SINGLE_CHOICE, AnswerType.MULTI_CHOICE) and not question.options:
        raise ProtocolSchemaError(file, subject, f"a {kind} question needs 'options'")
    if not kind.has_options and question.options:
        raise ProtocolSchemaError(file, subject, f"a {kind} question takes no 'options'")
    has_range = question.minimum is not None or question.maximum is not None
    if has_range and kind is not AnswerType.NUMBER:
        raise ProtocolSchemaError(file, subject, "'min' and 'max' apply to number questions only")
    if (
        question.minimum is not None
        and question.maximum is not None
        and question.minimum > question.maximum
    ):
        raise ProtocolSchemaError(file, subject, "'min' is greater than 'max'")
    if question.indicates and not kind.has_options:
        raise ProtocolSchemaError(
            file, subject, f"a {kind} question cannot indicate: only options and yes/no can"
        )
    for value, indicator_ids in question.indicates.items():
        if value not in question.options:
            raise UnknownOptionReference(
                file, subject, f"'indicates' names the unknown option '{value}'"
            )
        for indicator_id in indicator_ids:
            if not protocol.has_indicator(indicator_id):
                raise UnknownIndicatorReference(
                    file, subject, f"'indicates' names the unknown indicator '{indicator_id}'"
                )
    if question.consent is not None:
        _check_consent_question(protocol, question, file)
    if question.show_if is not None:
        check_show_if(protocol, question.show_if, subject, position[question.id], position, file)
    if question.indicates_unless is not None:
        # Read when the rule is applied, after the interview: it may name a later question.
        check_show_if(protocol, question.indicates_unless, subject, len(position), position, file)


def _check_consent_question(protocol: Protocol, question: Question, file: str) -> None:
    subject = f"question '{question.id}'"
    assert question.consent is not None
    if question.answer_type is not AnswerType.YES_NO:
        raise ProtocolSchemaError(file, subject, "a consent question must be yes_no")
    recipient = question.consent.recipient
    if question.consent.scope is ConsentScope.SHARING:
        if recipient is None:
            raise ProtocolSchemaError(file, subject, "a sharing consent must name its 'recipient'")
        if recipient not in protocol.referral_recipients:
            raise UnknownReference(
                file, subject, f"the consent names the unknown referral recipient '{recipient}'"
            )
    elif recipient is not None:
        raise ProtocolSchemaError(
            file,
            subject,
            f"only a sharing consent has a recipient, not a '{question.consent.scope}' one",
        )


def _check_consents(protocol: Protocol, file: str) -> None:
    counts = Counter(q.consent for q in protocol.questions if q.consent is not None)
    for scope in (ConsentScope.INTERVIEW, ConsentScope.DATA_STORAGE):
        _exactly_one(counts, scope, None, file)
    for recipient in protocol.referral_recipients:
        _exactly_one(counts, ConsentScope.SHARING, recipient, file)


def _exactly_one(
    counts: Counter[Consent], scope: ConsentScope, recipient: str | None, file: str
) -> None:
    found = counts[Consent(scope, recipient)]
    if found != 1:
        what = f"sharing with '{recipient}'" if recipient else f"'{scope}'"
        raise InvalidProtocolStructure(
            file,
            "the consent section",
            f"there must be exactly one separate consent for {what}, found {found}",
        )


def _check_age_rule(protocol: Protocol, file: str) -> None:
    rule = protocol.age_rule
    for question_id, wanted in (
        (rule.age_question, AnswerType.NUMBER),
        (rule.doubt_question, AnswerType.YES_NO),
    ):
        if not protocol.has_question(question_id):
            raise UnknownQuestionReference(
                file, "age rule", f"it names the unknown question '{question_id}'"
            )
        found = protocol.question(question_id).answer_type
        if found is not wanted:
            raise ProtocolSchemaError(
                file,
                f"question '{question_id}'",
                f"the age rule needs a {wanted} question, not {found}",
            )
    if rule.apparent_age_question is not None:
        _check_apparent_age(protocol, file)
    elif rule.apparent_adult_options:
        raise InvalidProtocolStructure(
            file, "age rule", "'apparent_adult_options' needs 'apparent_age_question'"
        )


def _check_apparent_age(protocol: Protocol, file: str) -> None:
    rule = protocol.age_rule
    question_id = rule.apparent_age_question
    assert question_id is not None
    if not protocol.has_question(question_id):
        raise UnknownQuestionReference(
            file, "age rule", f"it names the unknown question '{question_id}'"
        )
    question = protocol.question(question_id)
    subject = f"question '{question_id}'"
    if question.answer_type is not AnswerType.SINGLE_CHOICE or not question.observation:
        raise ProtocolSchemaError(
            file, subject, "the apparent age must be a single_choice observation"
        )
    unknown = sorted(rule.apparent_adult_options - set(question.options))
    if not rule.apparent_adult_options or unknown:
        raise UnknownQuestionReference(
            file,
            "age rule",
            f"'apparent_adult_options' must name options of '{question_id}', not {unknown}",
        )
    # Recorded before the interview consent, so that it exists when the person refuses.
    # Shown to everyone: the age rule cannot depend on a question it hides.
    order = [q.id for q in protocol.questions]
    consent = protocol.consent_question(ConsentScope.INTERVIEW).id
    section = protocol.section(question.section_id)
    if (
        question.show_if is not None
        or section.show_if is not None
        or not all(
            a.includes(True) and a.includes(False) for a in (question.audience, section.audience)
        )
        or order.index(question_id) > order.index(consent)
    ):
        raise InvalidProtocolStructure(
            file, subject, "the apparent age must be recorded before the interview consent"
        )


def _check_forms(protocol: Protocol, file: str) -> None:
    forms = protocol.exploitation_forms
    if forms is None:
        return
    subject = "exploitation forms"
    if not protocol.has_question(forms.question):
        raise UnknownQuestionReference(
            file, subject, f"it names the unknown question '{forms.question}'"
        )
    question = protocol.question(forms.question)
    if question.answer_type not in (AnswerType.SINGLE_CHOICE, AnswerType.MULTI_CHOICE):
        raise ProtocolSchemaError(
            file,
            f"question '{question.id}'",
            f"the forms of exploitation need a choice question, not {question.answer_type}",
        )
    for option in question.options:
        if option not in forms.lists:
            raise InvalidProtocolStructure(
                file, subject, f"'lists' says nothing of the option '{option}'"
            )
    for option in forms.lists:
        if option not in question.options:
            raise UnknownOptionReference(
                file,
                subject,
                f"'lists' names '{option}', which question '{question.id}' does not offer",
            )
