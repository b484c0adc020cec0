"""What a referral form says, built from the interview: for each recipient only the field groups
it needs (``recipients.py``, ``resources/referral/recipients.json``), with the person's consent
to share with it, or, without that consent, only where a law requires the referral, with the
legal basis printed. Without either there is no referral.

The result is plain text in the form's language; ``render.py`` lays it out.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum

from interview_room.errors import InterviewRoomError
from interview_room.interview.interview import Interview, Outcome
from interview_room.interview.interview_store import Decision
from interview_room.referral.form_interpreter import interpreting
from interview_room.referral.form_wording import call_back, form_alert, indicator_names, renamed
from interview_room.referral.form_words import FormWords
from interview_room.referral.form_words import answer_text as answer_text
from interview_room.referral.form_words import form_labels as form_labels
from interview_room.referral.form_words import language_name as language_name
from interview_room.referral.own_words import OWN_WORDS_QUESTION
from interview_room.referral.recipients import (
    Basis,
    RecipientTable,
    ReferralBasis,
    recipient_table,
    referral_basis,
)
from interview_room.screening import (
    ConsentScope,
    ConsentState,
    explain,
)

FORM_LANGUAGES = ("sq", "en")
SCRIPT_LANGUAGES = (*FORM_LANGUAGES, "ar", "fa", "fr", "sr")
"""The languages the words read to the person before a referral made by law exist in (issue
12): the form's two, and the person's languages of the protocol (``resources/referral/<lang>.json``
with only those words, machine drafts for a certified translator). The form is printed in
``FORM_LANGUAGES`` only."""
DIRECTION_QUESTION = "journey_direction"
"""The direction of travel at the crossing (protocol version 2 on); printed when present."""
APPARENT_AGE_QUESTION = "obs_apparent_age"
"""The interviewers' impression of the age (protocol v2 on): printed beside the age."""
ASKED_APART_QUESTION = "obs_asked_apart"
"""Whether the person was asked apart from the companion, and if not why (review 4, finding
4): an officers' observation, printed in the safety section and on the case summary."""
FEELS_SAFE_QUESTION = "needs_feels_safe"
"""Printed only when the person does not feel safe or is unsure: "safe", maybe said in front of
a controlling companion, says nothing (seventh review, finding 11)."""
CHILD_CONSENT_QUESTIONS = (
    ("consent.given_by", "consent_guardian_by"),
    ("consent.child_view", "consent_child_assent"),
)
"""For a presumed child (protocol v2 on): who answered for the child, and the child's view."""
CHILD_GROUP_ONLY = frozenset({"consent_child_assent"})
"""Printed only on a form with the ``child`` group (the recipients that act for the child;
review 2, finding 13): who answered for the child is who gave the consents every form prints."""


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
    alert: str = ""
    """Boxed on top of page 1 when set: what a receiver must act on (review 7, finding 4)."""

    def label(self, key: str) -> str:
        return self.labels[key]


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
    leave_out_own_words: bool = False,
    duty_phone: str = "",
) -> ReferralDocument:
    """The form's content for ``recipient`` in ``language``: the groups ``table`` (default:
    the shipped ``recipients.json``) gives that recipient on the basis that holds.
    ``leave_out_own_words``: the officer chose to leave the person's own words out.
    ``duty_phone``: the station's duty telephone, for the receiver to call back."""
    decision = _decision_to_refer(interview, recipient, language)
    words = FormWords(interview, language, form_labels(language), interview.answers)
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
        duty_phone=duty_phone,
    )
    outcome_line = _outcome_line(words, decision)
    by_group = {
        "outcome": Section(labels["section.decision"], (outcome_line,)),
        "identity": _person_section(words, interpreter_named="interpreter" in basis.groups),
        "identity_reduced": _person_section(words, interpreter_named=False, reduced=True),
        "needs": _needs_section(words, table, basis),
        **_listed_sections(words, table, basis, leave_out_own_words),
        "indicators": _indicators_section(words, health_data=basis.health_data),
        "decision": _decision_section(words, decision, outcome_line),
        "consents": _consents_section(words, recipient, about_the_child="child" in basis.groups),
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
        form_alert(interview, labels),
    )


def _decision_to_refer(interview: Interview, recipient: str, language: str) -> Decision | None:
    """The decision (None after a declined or stopped interview), or ReferralNotPossible."""
    if language not in FORM_LANGUAGES:
        raise ReferralNotPossible(f"Referral forms are made in {FORM_LANGUAGES}, not {language}.")
    if recipient not in interview.protocol.referral_recipients:
        raise ReferralNotPossible(f"Unknown referral recipient {recipient!r}.")
    decision = interview.decision()
    if decision is None and interview.outcome not in ENDED_WITHOUT_DECISION:
        raise ReferralNotPossible("Record the decision before referring the person.")
    return decision


def _referral_section(
    words: FormWords,
    basis: ReferralBasis,
    *,
    recipient: str,
    urgency: Urgency,
    station_name: str,
    officer_name: str,
    social_worker_name: str,
    duty_phone: str,
) -> Section:
    """Who the form is for, how urgent, which case, whom to call back, who signs, and on what
    basis. A duty that says so gets the month of the interview and no interviewer's name (the
    police report)."""
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
            Line(labels["field.call_back"], call_back(station_name, duty_phone, labels)),
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


def _outcome_line(words: FormWords, decision: Decision | None) -> Line:
    """The decision recorded, or why there is none (a declined or stopped interview)."""
    if decision is None:
        return Line(
            words.labels["field.decision"], words.labels[_no_decision_value(words.interview)]
        )
    question = words.interview.protocol.question("det_decision")
    return Line(words.labels["field.decision"], words.t(question.option_text(decision.decision)))


def _person_section(words: FormWords, *, interpreter_named: bool, reduced: bool = False) -> Section:
    """Who the person is. The interpreter's name only where the recipient's groups include
    ``interpreter`` (not a shelter or health service: the person's language is enough there,
    and a name can expose an interpreter with ties to the person's community, WHO 2003 P4).
    ``reduced`` (health services): name, sex, age, language and whether an interpreter took
    part; nationality and the direction of travel hint at the context and care does not need
    them (second practitioner's review, finding 13)."""
    interview, labels, answered = words.interview, words.labels, words.answered
    protocol = interview.protocol
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
    name = Line(labels["field.name"], interview.person_name or labels["value.not_given"])
    ages = (
        Line(labels["field.age"], age_text),
        *(
            (Line(labels["field.apparent_age"], answered(APPARENT_AGE_QUESTION)),)
            if protocol.has_question(APPARENT_AGE_QUESTION)
            else ()
        ),
    )
    language = Line(
        labels["field.person_language"],
        language_name(protocol, interview.person_language, words.language),
    )
    interpreter_line = Line(labels["field.interpreter"], interpreting(words, interpreter_named))
    if reduced:  # whether an interpreter took part stays: care needs one too
        sex = Line(labels["field.sex"], answered("prep_sex"))
        return Section(labels["section.person"], (name, sex, *ages, language, interpreter_line))
    return Section(
        labels["section.person"],
        (
            name,
            Line(labels["field.sex"], answered("prep_sex")),
            *ages,
            Line(labels["field.nationality"], answered("prep_nationality")),
            *(
                (Line(labels["field.direction"], answered(DIRECTION_QUESTION)),)
                if protocol.has_question(DIRECTION_QUESTION)
                else ()
            ),
            language,
            interpreter_line,
        ),
    )


def _needs_section(words: FormWords, table: RecipientTable, basis: ReferralBasis) -> Section:
    """The immediate needs (the protocol's first section) asked in this interview, but for
    what the form prints elsewhere: the apparent age beside the age, and a controlling
    companion or a threat at the crossing in the safety section (review 2, finding 13)."""
    interview = words.interview
    elsewhere = {APPARENT_AGE_QUESTION} if _has_identity(basis) else set()
    if "safety" in basis.groups:
        elsewhere |= set(table.safety_questions)
    lines = tuple(
        Line(words.t(question.label), words.answered(question.id))
        for question in interview.visible_questions(interview.protocol.sections[0])
        if question.id in words.answers
        and question.id not in elsewhere
        and not (question.id == FEELS_SAFE_QUESTION and words.answers[question.id].value == "safe")
    )
    return Section(
        words.labels["section.needs"], lines, () if lines else (words.labels["value.none"],)
    )


def _has_identity(basis: ReferralBasis) -> bool:
    return "identity" in basis.groups or "identity_reduced" in basis.groups


def _listed_sections(
    words: FormWords, table: RecipientTable, basis: ReferralBasis, leave_out_own_words: bool
) -> dict[str, Section]:
    """Health, safety and (for a presumed child only) the child's section: the answers to the
    questions ``table`` lists for each, shown in this interview, in the list's order; the
    person's own words not when the officer left them out."""
    interview, labels, protocol = words.interview, words.labels, words.interview.protocol
    shown = {q.id for s in protocol.sections for q in interview.visible_questions(s)}

    def listed(title: str, question_ids: tuple[str, ...]) -> Section:
        lines = tuple(
            Line(words.t(protocol.question(q).label), words.answered(q))
            for q in question_ids
            if q in shown and q in words.answers
        )
        return Section(labels[title], lines, () if lines else (labels["value.none"],))

    left_out = {OWN_WORDS_QUESTION} if leave_out_own_words else set()
    return {
        "health": listed("section.health", table.health_questions),
        "safety": listed(
            "section.safety", tuple(q for q in table.safety_questions if q not in left_out)
        ),
        # Only a presumed child's form has the child's section; an adult's has none.
        **(
            {"child": listed("section.child", table.child_questions)}
            if interview.presumed_child
            else {}
        ),
    }


def _indicators_section(words: FormWords, *, health_data: bool) -> Section:
    """The indicators and the rule in words; each indicator named as this form names it
    (``form_wording.indicator_names``: no health data without ``health_data``)."""
    protocol, labels = words.interview.protocol, words.labels
    assessment = words.interview.assessment()
    original = {i: words.t(protocol.indicator(i).text) for i in assessment.indicator_ids}
    names = indicator_names(
        assessment, words.interview, words.language, labels, by_law=not health_data
    )
    found = [names[i] for i in assessment.indicator_ids]
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
        tuple(
            renamed(line, original, names) for line in explain(assessment, protocol, words.language)
        ),
    )


def _decision_section(words: FormWords, decision: Decision | None, outcome: Line) -> Section:
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


def _consents_section(words: FormWords, recipient: str, *, about_the_child: bool) -> Section:
    """The consents to the interview and to storing the data, and the one to share with
    ``recipient``: never the others ("shared with the Responsible Authority" on a health
    service's form would tell it what the case is about; practitioner's review, finding 8).
    ``about_the_child``: the form has the child's group, so the child's own view too."""
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
    protocol = interview.protocol
    title = labels["section.consents"]
    if interview.presumed_child:
        title = labels["section.consents.child"]
        consent_lines += [
            Line(labels[label], words.answered(question))
            for label, question in CHILD_CONSENT_QUESTIONS
            if protocol.has_question(question)
            and (about_the_child or question not in CHILD_GROUP_ONLY)
        ]
    return Section(title, tuple(consent_lines))


def _no_decision_value(interview: Interview) -> str:
    """What the form says in place of a decision after a declined or stopped interview."""
    if interview.outcome is Outcome.STOPPED:
        return "value.interview_stopped"
    if interview.consent(ConsentScope.INTERVIEW) is False:
        return "value.no_interview_refused"
    if interview.child_declined:
        return "value.no_interview_child_refused"
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
