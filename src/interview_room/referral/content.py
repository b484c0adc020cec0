"""What a referral form says, built from the interview: for each recipient only the field groups
it needs (``recipients.py``, ``resources/referral/recipients.json``), with the person's consent
to share with it, or, without that consent, only where a law requires the referral, with the
legal basis printed. Without either there is no referral.

The result is plain text in the form's language; ``render.py`` lays it out.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from functools import cache
from pathlib import Path

from interview_room.errors import InterviewRoomError
from interview_room.interview.interview import Interview
from interview_room.referral.recipients import (
    Basis,
    RecipientTable,
    ReferralBasis,
    recipient_table,
    referral_basis,
)
from interview_room.resources import resources_root
from interview_room.screening import (
    Answer,
    AnswerStatus,
    AnswerType,
    ConsentScope,
    ConsentState,
    Protocol,
    Question,
    explain,
    text,
)

FORM_LANGUAGES = ("sq", "en")
DIRECTION_QUESTION = "journey_direction"
"""The direction of travel at the crossing (protocol version 2 on); printed when present."""


class Urgency(StrEnum):
    IMMEDIATE = "immediate"
    WITHIN_24_HOURS = "within_24_hours"
    ROUTINE = "routine"


class ReferralNotPossible(InterviewRoomError):
    """The interview has no recorded decision, or the recipient or language is unknown."""


@dataclass(frozen=True)
class Line:
    label: str
    value: str


@dataclass(frozen=True)
class Section:
    title: str
    lines: tuple[Line, ...] = ()
    paragraphs: tuple[str, ...] = ()


@dataclass(frozen=True)
class ReferralDocument:
    """Everything printed on one referral form, already in its language."""

    language: str
    training: bool
    labels: Mapping[str, str]
    document_number: str
    consented: bool
    sections: tuple[Section, ...]
    officer_name: str
    social_worker_name: str

    def label(self, key: str) -> str:
        return self.labels[key]


@cache
def form_labels(language: str, folder: Path | None = None) -> Mapping[str, str]:
    """The form's own wording in ``language`` (English fills any gap)."""
    root = folder or resources_root() / "referral"
    english = json.loads((root / "en.json").read_text(encoding="utf-8"))["texts"]
    if language == "en":
        return dict(english)
    wanted = json.loads((root / f"{language}.json").read_text(encoding="utf-8"))["texts"]
    return {**english, **wanted}


def language_name(protocol: Protocol, code: str, language: str) -> str:
    """The person's language ``code`` named in ``language``, the document's ("Arabisht" on an
    Albanian form, not "العربية"); a language the form wording does not name keeps the
    protocol's own name for it. Only what the person reads names it in itself."""
    return form_labels(language).get(f"language.{code}") or protocol.catalogs[code].name


def answer_text(protocol: Protocol, language: str, question: Question, answer: Answer) -> str:
    """An answer as words in ``language``: option texts, numbers, dates, or the status."""
    if answer.status is not AnswerStatus.ANSWERED:
        return text(protocol, language, f"answer_status.{answer.status.value}")
    if question.answer_type in (AnswerType.TEXT, AnswerType.NUMBER, AnswerType.DATE):
        return str(answer.value)
    return ", ".join(
        text(protocol, language, question.option_text(str(option))) for option in answer.selected()
    )


def build_referral(
    interview: Interview,
    *,
    recipient: str,
    language: str,
    urgency: Urgency,
    station_name: str,
    training: bool,
    document_number: str,
    officer_name: str,
    social_worker_name: str,
    table: RecipientTable | None = None,
) -> ReferralDocument:
    """The form's content for ``recipient`` in ``language``: the groups ``table`` (default:
    the shipped ``recipients.json``) gives that recipient on the basis that holds."""
    protocol = interview.protocol
    if language not in FORM_LANGUAGES:
        raise ReferralNotPossible(f"Referral forms are made in {FORM_LANGUAGES}, not {language}.")
    if recipient not in protocol.referral_recipients:
        raise ReferralNotPossible(f"Unknown referral recipient {recipient!r}.")
    decision = interview.decision()
    if decision is None:
        raise ReferralNotPossible("Record the decision before referring the person.")
    labels = form_labels(language)
    answers = interview.answers

    def t(text_id: str) -> str:
        return text(protocol, language, text_id)

    def answered(question_id: str) -> str:
        answer = answers.get(question_id)
        if answer is None:
            return labels["value.not_given"]
        return answer_text(protocol, language, protocol.question(question_id), answer)

    table = table or recipient_table()
    basis = referral_basis(interview, recipient, table)  # no consent nor legal duty: refused
    interpreter = answers.get("prep_interpreter")
    referral = Section(
        labels["section.referral"],
        (
            Line(labels["field.recipient"], t(f"recipient.{recipient}")),
            Line(labels["field.urgency"], labels[f"urgency.{urgency.value}"]),
            Line(labels["field.case_code"], interview.case.code),
            Line(labels["field.station"], station_name),
            Line(labels["field.interview_date"], interview.case.started_at[:10]),
            Line(labels["field.officer"], officer_name),
            Line(labels["field.social_worker"], social_worker_name),
            Line(
                labels["field.basis"],
                labels["basis.consent" if basis.consented else "basis.law"],
            ),
        ),
    )
    outcome_line = Line(
        labels["field.decision"],
        t(protocol.question("det_decision").option_text(decision.decision)),
    )
    if interpreter is not None and interpreter.value == "yes":
        interpreting = answered("prep_interpreter_name")
    else:
        interpreting = labels["value.no_interpreter"]
    age = answers.get(protocol.age_rule.age_question)
    age_text = (
        labels["value.presumed_child"]
        if interview.presumed_child and (age is None or not age.is_answered)
        else answered(protocol.age_rule.age_question)
        + (f" – {labels['value.presumed_child']}" if interview.presumed_child else "")
    )
    person = Section(
        labels["section.person"],
        (
            Line(labels["field.name"], interview.person_name or labels["value.not_given"]),
            Line(labels["field.sex"], answered("prep_sex")),
            Line(labels["field.age"], age_text),
            Line(labels["field.nationality"], answered("prep_nationality")),
            *(
                (Line(labels["field.direction"], answered(DIRECTION_QUESTION)),)
                if protocol.has_question(DIRECTION_QUESTION)
                else ()
            ),
            Line(
                labels["field.person_language"],
                language_name(protocol, interview.person_language, language),
            ),
            Line(labels["field.interpreter"], interpreting),
        ),
    )
    needs_section = protocol.sections[0]
    needs = Section(
        labels["section.needs"],
        tuple(
            Line(t(question.label), answered(question.id))
            for question in interview.visible_questions(needs_section)
            if question.id in answers
        ),
    )
    assessment = interview.assessment()
    found = [t(protocol.indicator(i).text) for i in assessment.indicator_ids]
    forms = protocol.exploitation_forms
    indicators = Section(
        labels["section.indicators"],
        (
            *(
                (Line(labels["field.exploitation_forms"], answered(forms.question)),)
                if forms is not None
                else ()
            ),
            Line(labels["field.indicators_found"], "; ".join(found) or labels["value.none"]),
        ),
        tuple(explain(assessment, protocol, language)),
    )
    decided = Section(
        labels["section.decision"],
        (
            Line(labels["field.suggested"], t(f"outcome.{decision.suggested_outcome}")),
            outcome_line,
            Line(labels["field.reasons"], decision.reasons),
        ),
        (labels["field.differs"],) if decision.differs_from_suggestion else (),
    )

    def consent_word(state: ConsentState) -> str:
        # Every state printed as itself: "prefers not to answer" is never "not asked".
        return labels[
            {
                ConsentState.GIVEN: "value.yes",
                ConsentState.REFUSED: "value.no",
                ConsentState.PREFERS_NOT_TO_ANSWER: "value.prefers_not_to_answer",
                ConsentState.SKIPPED: "value.skipped",
                ConsentState.NOT_ASKED: "value.not_asked",
            }[state]
        ]

    consent_lines = [
        Line(
            labels["consent.interview"],
            consent_word(interview.consent_state(ConsentScope.INTERVIEW)),
        ),
        Line(
            labels["consent.data_storage"],
            consent_word(interview.consent_state(ConsentScope.DATA_STORAGE)),
        ),
    ]
    for other, value in interview.sharing_consent_states().items():
        consent_lines.append(
            Line(
                labels["consent.sharing"].format(recipient=t(f"recipient.{other}")),
                consent_word(value),
            )
        )
    consents = Section(labels["section.consents"], tuple(consent_lines))
    shown = {q.id for s in protocol.sections for q in interview.visible_questions(s)}
    health_lines = tuple(
        Line(t(protocol.question(q).label), answered(q))
        for q in table.health_questions
        if q in shown and q in answers
    )
    health = Section(
        labels["section.health"], health_lines, () if health_lines else (labels["value.none"],)
    )
    by_group = {
        "outcome": Section(labels["section.decision"], (outcome_line,)),
        "identity": person,
        "needs": needs,
        "health": health,
        "indicators": indicators,
        "decision": decided,
        "consents": consents,
    }
    return ReferralDocument(
        language,
        training,
        labels,
        document_number,
        basis.consented,
        (referral, *_legal_section(basis, labels), *_chosen(basis, by_group)),
        officer_name,
        social_worker_name,
    )


def _legal_section(basis: ReferralBasis, labels: Mapping[str, str]) -> tuple[Section, ...]:
    """Printed on a referral the law requires without the person's consent."""
    if basis.basis is not Basis.LAW or basis.legal_basis is None:
        return ()
    return (
        Section(
            labels["section.legal_basis"],
            paragraphs=(labels["legal_basis.intro"], labels[basis.legal_basis]),
        ),
    )


def _chosen(basis: ReferralBasis, by_group: Mapping[str, Section]) -> tuple[Section, ...]:
    """The sections of the groups this recipient receives, in the form's order; the decision
    section already holds the outcome."""
    groups = basis.groups
    return tuple(
        by_group[group] for group in groups if not (group == "outcome" and "decision" in groups)
    )


def as_text(document: ReferralDocument) -> str:
    """The form's sections as plain lines, in the order they are printed: what the referral
    dialog shows before the officer signs."""
    lines: list[str] = []
    for section in document.sections:
        lines.append(section.title)
        lines += [f"    {line.label}: {line.value}" for line in section.lines]
        lines += [f"    {paragraph}" for paragraph in section.paragraphs]
        lines.append("")
    return "\n".join(lines).rstrip()
