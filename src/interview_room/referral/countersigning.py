"""What the social worker signs: the stored form itself, checked, shown, and unchanged.

Whoever holds the station's database key can replace the PDF stored for a referral, so the
social worker never signs on trust. Before the form is shown to her, it must carry the strict
referral profile's valid certifying signature of the officer recorded for this referral, with
only her own signature missing (``verification.py``), and its words must say what the referral
record says: document number, case code, recipient, urgency and, where the recipient receives
it, the decision. The bytes shown are hashed; countersigning signs exactly those bytes and is
refused when the store holds others by then (:class:`FormChangedSinceShown`).

Words are read from the page contents (PDFium); what she reads is the same bytes drawn page
by page (``documents/pdf_pages.py``), so words hidden from sight cannot pass for the record's
without her seeing the different form they sit on.
"""

from __future__ import annotations

import hashlib
import unicodedata
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from enum import StrEnum

from interview_room.errors import InterviewRoomError
from interview_room.referral.render import OFFICER_FIELD
from interview_room.referral.verification import ProblemKind, ReferralCheck


class FormNotCertifiedByOfficer(InterviewRoomError):
    """The stored form does not carry the recorded officer's valid certifying signature with
    only the social worker's signature missing: it is not shown, nor signed."""

    def __init__(self, message: str, reasons: Sequence[str] = ()) -> None:
        super().__init__(message)
        self.reasons = tuple(reasons)


class FormDiffersFromRecord(InterviewRoomError):
    """The stored form's words do not say what the referral record says: another form was put
    in its place. It is not shown, nor signed."""

    def __init__(self, message: str, differing: Sequence[FormItem] = ()) -> None:
        super().__init__(message)
        self.differing = tuple(differing)


class FormChangedSinceShown(InterviewRoomError):
    """The stored form is no longer the one shown to the social worker: nothing was signed."""


class FormItem(StrEnum):
    """What the stored form must say as the record does."""

    DOCUMENT_NUMBER = "document_number"
    CASE_CODE = "case_code"
    RECIPIENT = "recipient"
    URGENCY = "urgency"
    DECISION = "decision"


@dataclass(frozen=True)
class ExpectedLine:
    """A line the form must print: its label, then one of ``values`` (the record's)."""

    item: FormItem
    label: str
    values: tuple[str, ...]


@dataclass(frozen=True)
class FormToCountersign:
    """The stored form as it was checked and shown: the bytes the social worker signs."""

    referral_id: str
    pdf: bytes
    sha256: str
    officer_signer: str
    """The officer's name as their certificate gives it."""

    @classmethod
    def of(cls, referral_id: str, pdf: bytes, officer_signer: str) -> FormToCountersign:
        return cls(referral_id, pdf, sha256_of(pdf), officer_signer)


def sha256_of(pdf: bytes) -> str:
    return hashlib.sha256(pdf).hexdigest()


def officer_certification_problems(
    check: ReferralCheck, officer_certificates: Collection[str]
) -> list[str]:
    """Why ``check`` is not a form certified by the recorded officer and waiting only for the
    social worker (empty when it is). ``officer_certificates``: SHA-256 fingerprints of every
    certificate issued to the officer recorded as having signed."""
    reasons = [
        problem.sentence
        for problem in check.problems
        if problem.kind is not ProblemKind.NOT_COUNTERSIGNED
    ]
    if not any(p.kind is ProblemKind.NOT_COUNTERSIGNED for p in check.problems):
        reasons.append("The form is not waiting for the social worker's signature.")
    officer = [s for s in check.signatures if s.field_name == OFFICER_FIELD]
    if len(officer) == 1 and officer[0].signer_fingerprint not in officer_certificates:
        reasons.append(
            "The officer's field is signed with a certificate not issued to the officer"
            " recorded for this referral."
        )
    return reasons


def _spaced(words: str) -> str:
    """Words with every run of spacing as one space: the form breaks lines where the record
    has a space (reportlab wraps only at spaces; PDFium reads a break as a line end)."""
    return " ".join(unicodedata.normalize("NFC", words).replace("\u00ad", "").split())


def differing_items(
    page_texts: Sequence[str], expected: Sequence[ExpectedLine]
) -> tuple[FormItem, ...]:
    """The expected lines the form's words do not print: the label, then one of the values,
    as whole words (``…-R1`` is not ``…-R10``)."""
    spaced = f" {_spaced(' '.join(page_texts))} "
    return tuple(
        line.item
        for line in expected
        if not any(f" {_spaced(line.label + ' ' + value)} " in spaced for value in line.values)
    )
