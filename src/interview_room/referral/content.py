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
from interview_room.interview.interview import Interview, Outcome
from interview_room.interview.interview_store import Decision
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


ENDED_WITHOUT_DECISION = frozenset({Outcome.CONSENT_REFUSED, Outcome.STOPPED})
"""Help never depends on the interview (issue 12): after a "no" to it, or a stop, a referral
the person agrees to (or the law requires) is made without a decision, and says why."""


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
    if decision is None and interview.outcome not in ENDED_WITHOUT_DECISION:
        raise ReferralNotPossible("Record the decision before referring the person.")
    words = _FormWords(interview, language, form_labels(language), interview.answers)
    labels = words.labels
    table = table or recipient_table()
    basis = referral_basis(interview, recipient, table)  # no consent nor legal duty: refused
    referral = _referral_section(
        words,
        basis,
        recipient=recipient,
        urgency=urgency,
        station_name=station_name,
        officer_name=officer_name,
        social_worker_name=social_worker_name,
    )
    outcome_line = _outcome_line(words, decision)
    by_group = {
        "outcome": Section(labels["section.decision"], (outcome_line,)),
        "identity": _person_section(words, interpreter_named="interpreter" in basis.groups),
        "needs": _needs_section(words),
        **_listed_sections(words, table, basis),
        "indicators": _indicators_section(words),
        "decision": _decision_section(words, decision, outcome_line),
        "consents": _consents_section(words, recipient),
    }
    return ReferralDocument(
        language,
        training,
        labels,
        document_number,
        basis.consented,
        (referral, *_legal_section(basis, labels), *_chosen(basis, by_group)),
        # Under the signature boxes too: a form that names no interviewer names them nowhere.
        officer_name if basis.interviewers_named else "",
        social_worker_name if basis.interviewers_named else "",
    )


@dataclass(frozen=True)
class _FormWords:
    """The interview's answers and the protocol's texts, put in the form's language."""

    interview: Interview
    language: str
    labels: Mapping[str, str]
    answers: Mapping[str, Answer]

    def t(self, text_id: str) -> str:
        return text(self.interview.protocol, self.language, text_id)

    def answered(self, question_id: str) -> str:
        answer = self.answers.get(question_id)
        protocol = self.interview.protocol
        if answer is None:
            # An observation is the interviewers' to record, not the person's to give.
            observed = (
                protocol.has_question(question_id) and protocol.question(question_id).observation
            )
            return self.labels["value.not_recorded" if observed else "value.not_given"]
        return answer_text(protocol, self.language, protocol.question(question_id), answer)


def _referral_section(
    words: _FormWords,
    basis: ReferralBasis,
    *,
    recipient: str,
    urgency: Urgency,
    station_name: str,
    officer_name: str,
    social_worker_name: str,
) -> Section:
    """Who the form is for, how urgent, which case, who signs, and on what basis. A duty that
    says so gets the month of the interview and no interviewer's name (the police report)."""
    labels, case = words.labels, words.interview.case
    when = (
        Line(labels["field.interview_month"], month_text(case.started_at, labels))
        if basis.date_as_month
        else Line(labels["field.interview_date"], case.started_at[:10])
    )
    interviewers = (
        (
            Line(labels["field.officer"], officer_name),
            Line(labels["field.social_worker"], social_worker_name),
        )
        if basis.interviewers_named
        else ()
    )
    return Section(
        labels["section.referral"],
        (
            Line(labels["field.recipient"], words.t(f"recipient.{recipient}")),
            Line(labels["field.urgency"], labels[f"urgency.{urgency.value}"]),
            Line(labels["field.case_code"], case.code),
            Line(labels["field.station"], station_name),
            when,
            *interviewers,
            Line(
                labels["field.basis"], labels["basis.consent" if basis.consented else "basis.law"]
            ),
        ),
    )


def month_text(moment: str, labels: Mapping[str, str]) -> str:
    """The month of an ISO date or time (``2026-12-03...``) in the form's words: "2026-12",
    "dhjetor 2026"."""
    year, month = moment[:4], int(moment[5:7])
    return labels["format.month"].format(
        year=year, number=f"{month:02d}", name=labels[f"month.{month}"]
    )


def _outcome_line(words: _FormWords, decision: Decision | None) -> Line:
    """The decision recorded, or why there is none (a declined or stopped interview)."""
    if decision is None:
        return Line(
            words.labels["field.decision"], words.labels[_no_decision_value(words.interview)]
        )
    question = words.interview.protocol.question("det_decision")
    return Line(words.labels["field.decision"], words.t(question.option_text(decision.decision)))


def _person_section(words: _FormWords, *, interpreter_named: bool) -> Section:
    """Who the person is. The interpreter's name only where the recipient's groups include
    ``interpreter`` (not a shelter or health service: the person's language is enough there,
    and a name can expose an interpreter with ties to the person's community, WHO 2003 P4)."""
    interview, labels, answered = words.interview, words.labels, words.answered
    protocol = interview.protocol
    interpreter = words.answers.get("prep_interpreter")
    if interpreter is not None and interpreter.value == "yes":
        interpreting = (
            answered("prep_interpreter_name")
            if interpreter_named
            else labels["value.interpreter_not_named"]
        )
    else:
        interpreting = labels["value.no_interpreter"]
    age = words.answers.get(protocol.age_rule.age_question)
    stated = age.value if age is not None and age.is_answered else None
    if not interview.presumed_child:
        age_text = answered(protocol.age_rule.age_question)
    elif stated is None:
        age_text = labels["value.presumed_child"]
    elif isinstance(stated, int) and stated < protocol.age_rule.adult_age:
        # A stated age under 18 is a child, not an age "unknown or in doubt".
        age_text = f"{answered(protocol.age_rule.age_question)} – {labels['value.child']}"
    else:
        age_text = f"{answered(protocol.age_rule.age_question)} – {labels['value.presumed_child']}"
    return Section(
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
                language_name(protocol, interview.person_language, words.language),
            ),
            Line(labels["field.interpreter"], interpreting),
        ),
    )


def _needs_section(words: _FormWords) -> Section:
    """The immediate needs (the protocol's first section) asked in this interview."""
    interview = words.interview
    return Section(
        words.labels["section.needs"],
        tuple(
            Line(words.t(question.label), words.answered(question.id))
            for question in interview.visible_questions(interview.protocol.sections[0])
            if question.id in words.answers
        ),
    )


def _listed_sections(
    words: _FormWords, table: RecipientTable, basis: ReferralBasis
) -> dict[str, Section]:
    """Health, safety and (for a presumed child only) the child's section: the answers to the
    questions ``table`` lists for each, shown in this interview, in the list's order."""
    interview, labels, protocol = words.interview, words.labels, words.interview.protocol
    shown = {q.id for s in protocol.sections for q in interview.visible_questions(s)}

    def listed(title: str, question_ids: tuple[str, ...]) -> Section:
        lines = tuple(
            Line(words.t(protocol.question(q).label), words.answered(q))
            for q in question_ids
            if q in shown and q in words.answers
        )
        return Section(labels[title], lines, () if lines else (labels["value.none"],))

    # A form with the immediate needs already shows what is there (the companion at the
    # crossing): the safety section does not repeat it.
    in_needs = {q.id for q in protocol.sections[0].questions} if "needs" in basis.groups else set()
    return {
        "health": listed("section.health", table.health_questions),
        "safety": listed(
            "section.safety", tuple(q for q in table.safety_questions if q not in in_needs)
        ),
        # Only a presumed child's form has the child's section; an adult's has none.
        **(
            {"child": listed("section.child", table.child_questions)}
            if interview.presumed_child
            else {}
        ),
    }


def _indicators_section(words: _FormWords) -> Section:
    protocol, labels = words.interview.protocol, words.labels
    assessment = words.interview.assessment()
    found = [words.t(protocol.indicator(i).text) for i in assessment.indicator_ids]
    forms = protocol.exploitation_forms
    return Section(
        labels["section.indicators"],
        (
            *(
                (Line(labels["field.exploitation_forms"], words.answered(forms.question)),)
                if forms is not None
                else ()
            ),
            Line(labels["field.indicators_found"], "; ".join(found) or labels["value.none"]),
        ),
        tuple(explain(assessment, protocol, words.language)),
    )


def _decision_section(words: _FormWords, decision: Decision | None, outcome: Line) -> Section:
    labels = words.labels
    if decision is None:
        return Section(labels["section.decision"], (outcome,))
    return Section(
        labels["section.decision"],
        (
            Line(labels["field.suggested"], words.t(f"outcome.{decision.suggested_outcome}")),
            outcome,
            Line(labels["field.reasons"], decision.reasons),
        ),
        (labels["field.differs"],) if decision.differs_from_suggestion else (),
    )


_CONSENT_WORDS = {
    ConsentState.GIVEN: "value.yes",
    ConsentState.REFUSED: "value.no",
    ConsentState.PREFERS_NOT_TO_ANSWER: "value.prefers_not_to_answer",
    ConsentState.SKIPPED: "value.skipped",
    ConsentState.NOT_ASKED: "value.not_asked",
}
"""Every state printed as itself: "prefers not to answer" is never "not asked"."""


def _consents_section(words: _FormWords, recipient: str) -> Section:
    """The consents to the interview and to storing the data, and the one to share with
    ``recipient``: never the others ("shared with the Responsible Authority" on a health
    service's form would tell it what the case is about; practitioner's review, finding 8)."""
    interview, labels = words.interview, words.labels

    def consent_word(state: ConsentState) -> str:
        return labels[_CONSENT_WORDS[state]]

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
    consent_lines.append(
        Line(
            labels["consent.sharing"].format(recipient=words.t(f"recipient.{recipient}")),
            consent_word(interview.consent_state(ConsentScope.SHARING, recipient)),
        )
    )
    return Section(labels["section.consents"], tuple(consent_lines))


def _no_decision_value(interview: Interview) -> str:
    """What the form says in place of a decision after a declined or stopped interview."""
    if interview.outcome is Outcome.STOPPED:
        return "value.interview_stopped"
    if interview.consent(ConsentScope.INTERVIEW) is False:
        return "value.no_interview_refused"
    return "value.no_interview_guardian_refused"


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
        by_group[group]
        for group in groups
        if group in by_group and not (group == "outcome" and "decision" in groups)
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
