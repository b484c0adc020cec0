"""What a referral's form must print from its record (document number, case, recipient,
urgency, and the decision where the recipient receives it), in the form's language: checked
before the social worker countersigns, so that another form put in its place is refused."""

from __future__ import annotations

from collections.abc import Mapping

from interview_room.interview.interview import Outcome
from interview_room.interview.interview_store import load_decision
from interview_room.interview.protocols import ProtocolLibrary
from interview_room.referral.content import form_labels
from interview_room.referral.countersigning import ExpectedLine, FormItem
from interview_room.referral.recipients import RecipientRule, recipient_table
from interview_room.referral.referral_records import ReferralRecord, UnknownReferral, case_code
from interview_room.screening import Protocol, text
from interview_room.store.database import Database


def expected_lines(db: Database, record: ReferralRecord) -> list[ExpectedLine]:
    """The lines the referral's form prints from its record, in the form's language."""
    labels = form_labels(record.language)
    row = db.one(
        "SELECT protocol_id, protocol_version, protocol_hash, outcome, presumed_child"
        " FROM interviews"
        " WHERE case_id = ?",
        (record.case_id,),
    )
    if row is None:
        raise UnknownReferral(f"Referral {record.id} has no interview.")
    protocol = ProtocolLibrary().find(str(row[0]), str(row[1]), str(row[2]))
    lines = [
        ExpectedLine(
            FormItem.DOCUMENT_NUMBER, labels["document_number"], (record.document_number,)
        ),
        ExpectedLine(
            FormItem.CASE_CODE, labels["field.case_code"], (case_code(db, record.case_id),)
        ),
        ExpectedLine(
            FormItem.RECIPIENT,
            labels["field.recipient"],
            (text(protocol, record.language, f"recipient.{record.recipient}"),),
        ),
        ExpectedLine(
            FormItem.URGENCY,
            labels["field.urgency"],
            (labels[f"urgency.{record.urgency.value}"],),
        ),
    ]
    rule = recipient_table().rule(record.recipient)
    groups = rule.with_consent if record.consented else _duty_groups(rule, bool(row[4]))
    if {"outcome", "decision"} & set(groups):
        # The recipients who receive the outcome (minimum necessary: a shelter does not).
        lines.append(_decision_line(db, record, protocol, labels, str(row[3])))
    return lines


def _duty_groups(rule: RecipientRule, presumed_child: bool) -> tuple[str, ...]:
    """The groups of the legal duty that required a referral made without consent: the child's
    own for a presumed child, else the one for the children with the person (the Unit), else the
    only one (the police)."""
    for duty in rule.duties:
        if duty.when == "presumed_child" and not presumed_child:
            continue
        if duty.when == "children_with_the_person" and presumed_child:
            continue
        return duty.groups
    return rule.with_consent


def _decision_line(
    db: Database,
    record: ReferralRecord,
    protocol: Protocol,
    labels: Mapping[str, str],
    outcome: str,
) -> ExpectedLine:
    """The decision as the form prints it: the people's decision, or why there is none."""
    decision = load_decision(db, record.case_id)
    if decision is not None:
        option = protocol.question("det_decision").option_text(decision.decision)
        values: tuple[str, ...] = (text(protocol, record.language, option),)
    elif outcome == Outcome.STOPPED.value:
        values = (labels["value.interview_stopped"],)
    else:
        values = (
            labels["value.no_interview_refused"],
            labels["value.no_interview_guardian_refused"],
        )
    return ExpectedLine(FormItem.DECISION, labels["field.decision"], values)
