"""Checks of meaning once the shape is right: references, order, consents, rule and texts."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from itertools import pairwise
from types import MappingProxyType

from interview_room.screening import schema
from interview_room.screening.conditions import Condition, comparisons
from interview_room.screening.errors import (
    InvalidDecisionRule,
    InvalidProtocolStructure,
    MissingTranslation,
    OrphanText,
    ProtocolSchemaError,
    ShowIfForwardReference,
    TextPlaceholderMismatch,
    UnknownIndicatorReference,
    UnknownOptionReference,
    UnknownQuestionReference,
    UnknownReference,
)
from interview_room.screening.protocol import (
    MEANS_AT_DESTINATION,
    REQUIRED_LANGUAGES,
    AnswerType,
    Consent,
    ConsentScope,
    Protocol,
    Question,
    SectionKind,
    TextCatalog,
)
from interview_room.screening.text_ids import TEMPLATES, placeholders, text_needs

_KIND_ORDER = list(SectionKind)
_ONCE = (SectionKind.IMMEDIATE_NEEDS, SectionKind.CONSENT)


def check_structure(protocol: Protocol, file: str) -> None:
    """Raise a ``ProtocolError`` at the first structural fault of ``protocol``."""
    _check_section_order(protocol, file)
    position = {q.id: index for index, q in enumerate(protocol.questions)}
    for section in protocol.sections:
        if section.show_if is not None:
            first = position[section.questions[0].id]
            _check_show_if(
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
    _check_decision_rule(protocol, file)
    _check_forms(protocol, file)
    linked = {i for q in protocol.questions for ids in q.indicates.values() for i in ids}
    before = protocol.decision_rule.before_exploitation
    in_signs = {i for sign in before.signs for i in sign.indicators} if before else set()
    position = {q.id: n for n, q in enumerate(protocol.questions)}
    for indicator in protocol.indicators:
        subject = f"indicator '{indicator.id}'"
        if indicator.when is not None:
            # Read when the rule is applied, after the interview.
            _check_show_if(protocol, indicator.when, subject, len(position), position, file)
        elif indicator.instead_of:
            raise InvalidProtocolStructure(file, subject, "'instead_of' needs 'when'")
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
        _check_show_if(protocol, question.show_if, subject, position[question.id], position, file)
    if question.indicates_unless is not None:
        # Read when the rule is applied, after the interview: it may name a later question.
        _check_show_if(protocol, question.indicates_unless, subject, len(position), position, file)


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


def _check_show_if(
    protocol: Protocol,
    condition: Condition,
    subject: str,
    index: int,
    position: Mapping[str, int],
    file: str,
) -> None:
    """``index``: position of the question the rule guards (first question, for a section)."""
    for comparison in comparisons(condition):
        target_id = comparison.question_id
        if target_id not in position:
            raise UnknownQuestionReference(
                file, subject, f"show-if refers to the unknown question '{target_id}'"
            )
        if position[target_id] >= index:
            raise ShowIfForwardReference(
                file,
                subject,
                f"show-if refers to question '{target_id}', which is not asked before it",
            )
        target = protocol.question(target_id)
        for value in comparison.values:
            if target.answer_type.has_options:
                if value not in target.options:
                    raise UnknownOptionReference(
                        file,
                        subject,
                        f"show-if compares question '{target_id}' with unknown option {value!r}",
                    )
            elif (target.answer_type is AnswerType.NUMBER) != isinstance(value, int):
                raise ProtocolSchemaError(
                    file,
                    subject,
                    f"show-if compares {target.answer_type} question '{target_id}' with {value!r}",
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


def _check_decision_rule(protocol: Protocol, file: str) -> None:
    rule = protocol.decision_rule
    group_ids = [g.id for g in rule.groups]
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
        (
            "adult_with_exploitation_declined",
            (
                *rule.adult_exploitation_declined.strong_in,
                *rule.adult_exploitation_declined.one_indicator_in,
            )
            if rule.adult_exploitation_declined
            else (),
        ),
    ):
        for group_id in required:
            if group_id not in group_ids:
                raise UnknownReference(
                    file, "decision rule", f"'{field_name}' names the unknown group '{group_id}'"
                )
    declined_rule = rule.adult_exploitation_declined
    for question_id in (
        (*declined_rule.questions, *declined_rule.or_declined) if declined_rule else ()
    ):
        if not protocol.has_question(question_id):
            raise UnknownQuestionReference(
                file,
                "decision rule",
                f"'adult_with_exploitation_declined' names the unknown question '{question_id}'",
            )
    refused = rule.when_interview_refused
    for question_id in refused.observations if refused else ():
        if not protocol.has_question(question_id):
            raise UnknownQuestionReference(
                file,
                "decision rule",
                f"'when_interview_refused' names the unknown question '{question_id}'",
            )
        if not protocol.question(question_id).observation:
            raise InvalidDecisionRule(
                file,
                "decision rule",
                f"'when_interview_refused' names '{question_id}', which is not an observation "
                "(nothing is asked after a refusal)",
            )
    if refused is not None and refused.also_when is not None:
        position = {q.id: n for n, q in enumerate(protocol.questions)}
        subject = "'when_interview_refused'"
        _check_show_if(protocol, refused.also_when, subject, len(position), position, file)
    for group_id in rule.child_requires:
        means = MEANS_AT_DESTINATION.intersection(rule.group(group_id).dimensions)
        if means:
            raise InvalidDecisionRule(
                file,
                f"rule group '{group_id}'",
                "a child's rule must never require the means "
                f"({', '.join(sorted(means))}): they are not needed for a child to be a victim",
            )
    before = rule.before_exploitation
    if before is None:
        return
    for group_id in before.requires:
        if group_id not in group_ids:
            raise UnknownReference(
                file,
                "before-exploitation rule",
                f"'requires' names the unknown group '{group_id}'",
            )
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
                raise UnknownReference(
                    file, "before-exploitation rule", f"a path names the unknown sign '{sign_id}'"
                )
        for group_id in (*path.groups, *path.one_indicator_in):
            if group_id not in group_ids:
                raise UnknownReference(
                    file,
                    "before-exploitation rule",
                    f"a path names the unknown group '{group_id}'",
                )
        for question_id in path.all_declined:
            if not any(q.id == question_id for q in protocol.questions):
                raise UnknownQuestionReference(
                    file,
                    "before-exploitation rule",
                    f"a path's 'all_declined' names the unknown question '{question_id}'",
                )
        for question_id in path.observed.of if path.observed else ():
            if not protocol.has_question(question_id):
                raise UnknownQuestionReference(
                    file,
                    "before-exploitation rule",
                    f"a path's 'observed' names the unknown question '{question_id}'",
                )
            if not protocol.question(question_id).observation:
                raise InvalidDecisionRule(
                    file,
                    "before-exploitation rule",
                    f"a path's 'observed' names '{question_id}', which is not an observation",
                )
        if path.observed and path.observed.at_least > len(path.observed.of):
            raise InvalidDecisionRule(
                file,
                "before-exploitation rule",
                "a path's 'observed' asks for more observations than it names",
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


# --- Texts --------------------------------------------------------------------------------------


def check_catalogs(protocol: Protocol, files: Mapping[str, object]) -> dict[str, TextCatalog]:
    """Check every ``texts/<lang>.json`` against the protocol and return catalogs by language."""
    needs = text_needs(protocol)
    allowed = needs.required.keys() | needs.optional.keys()
    catalogs: dict[str, TextCatalog] = {}
    for file, raw in files.items():
        schema.check(raw, schema.CATALOG, file)
        assert isinstance(raw, dict)
        language = raw["language"]
        if file != f"texts/{language}.json":
            raise ProtocolSchemaError(
                file, "top level", f"'language' is '{language}' but the file name says otherwise"
            )
        partial = raw.get("partial", False)
        if partial and language in REQUIRED_LANGUAGES:
            raise ProtocolSchemaError(
                file, "top level", f"'{language}' must be complete, so it cannot be 'partial'"
            )
        texts: dict[str, str] = raw["texts"]
        for text_id in texts:
            if text_id not in allowed:
                raise OrphanText(
                    file,
                    _owner_of_unknown(protocol, text_id),
                    f"the text id '{text_id}' is used by no part of the protocol",
                )
        for text_id, expected in TEMPLATES.items():
            if text_id in texts:
                _check_placeholders(file, text_id, texts[text_id], expected)
        catalogs[language] = TextCatalog(
            language=language,
            name=raw["name"],
            partial=partial,
            direction=raw.get("direction", "ltr"),
            texts=MappingProxyType(dict(texts)),
        )
    complete = [c for c in catalogs.values() if not c.partial]
    optional_present = sorted({t for c in complete for t in c.texts if t in needs.optional})
    wanted = [*needs.required, *optional_present]
    order = {language: index for index, language in enumerate(REQUIRED_LANGUAGES)}
    for catalog in sorted(complete, key=lambda c: (order.get(c.language, len(order)), c.language)):
        hint = "" if catalog.language in REQUIRED_LANGUAGES else _PARTIAL_HINT
        for text_id in wanted:
            if text_id not in catalog.texts:
                raise MissingTranslation(
                    f"texts/{catalog.language}.json",
                    needs.owner(text_id),
                    f"the text '{text_id}' is missing{hint}",
                )
    return catalogs


_PARTIAL_HINT = (
    ' (a language other than Albanian and English may declare "partial": true '
    "to fall back to English)"
)


def _owner_of_unknown(protocol: Protocol, text_id: str) -> str:
    parts = text_id.split(".")
    if len(parts) >= 2 and parts[0] == "question" and protocol.has_question(parts[1]):
        return f"question '{parts[1]}'"
    return f"text '{text_id}'"


def _check_placeholders(file: str, text_id: str, template: str, expected: frozenset[str]) -> None:
    try:
        found = placeholders(template)
    except ValueError as error:
        raise TextPlaceholderMismatch(
            file, f"text '{text_id}'", f"the braces are malformed ({error})"
        ) from None
    if found != expected:
        want = ", ".join(f"{{{p}}}" for p in sorted(expected)) or "none"
        have = ", ".join(f"{{{p}}}" for p in sorted(found)) or "none"
        raise TextPlaceholderMismatch(
            file, f"text '{text_id}'", f"it must use the placeholders {want}, not {have}"
        )
