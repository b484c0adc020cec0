"""A referral as the station records it (``ReferralRecord``), read from the store, and the typed
refusals of signing and exporting one."""

from __future__ import annotations

from dataclasses import dataclass

from interview_room.accounts import User
from interview_room.errors import InterviewRoomError
from interview_room.referral.content import Urgency
from interview_room.store.database import Database


class ReferralError(InterviewRoomError):
    """A referral cannot be signed or exported in its present state."""


class NotASocialWorker(ReferralError):
    """The second signature belongs to a social worker of this station."""


class NotAnOfficer(ReferralError):
    """The first signature belongs to a border police officer (not an administrator)."""


class UnknownReferral(ReferralError):
    pass


class ReferralPdfErased(ReferralError):
    """The signed form was handed over and, without consent to a record being kept, erased."""


def no_record_kept(db: Database, case_id: str) -> bool:
    row = db.one("SELECT personal_data FROM interviews WHERE case_id = ?", (case_id,))
    return row is not None and row[0] == "minimal"


@dataclass(frozen=True)
class ReferralRecord:
    id: str
    case_id: str
    recipient: str
    language: str
    urgency: Urgency
    consented: bool
    document_number: str
    created_at: str
    officer_signed_by: str | None
    social_worker_signed_by: str | None
    own_words_left_out: bool = False
    """The officer left the person's own words out of this form (``own_words.py``)."""

    @property
    def fully_signed(self) -> bool:
        return self.officer_signed_by is not None and self.social_worker_signed_by is not None


COLUMNS = (
    "id, case_id, recipient, language, urgency, consented, created_at, officer_signed_by,"
    " social_worker_signed_by, own_words_left_out"
)


def signer_shown(user: User, station_code: str) -> str:
    """A signer as the form and its signature name them: the display name, then the username
    and the station code, so that two names that read alike are told apart (attacker 5, N1)."""
    return f"{user.display_name} ({user.username}, {station_code})"


def record_from_row(db: Database, row: tuple[object, ...]) -> ReferralRecord:
    """The record of one ``COLUMNS`` row, with its document number as its form prints it."""
    referral_id, case_id = str(row[0]), str(row[1])
    code_row = db.one("SELECT code FROM cases WHERE id = ?", (case_id,))
    code = str(code_row[0]) if code_row else "?"
    # Made in the same second, referrals are numbered in the order they were stored (as
    # their forms print): counted by time alone, both would be the later one's number.
    number = db.one(
        "SELECT count(*) FROM referrals WHERE case_id = ? AND (created_at < ? OR"
        " (created_at = ? AND rowid <= (SELECT rowid FROM referrals WHERE id = ?)))",
        (case_id, row[6], row[6], referral_id),
    )
    return ReferralRecord(
        id=referral_id,
        case_id=case_id,
        recipient=str(row[2]),
        language=str(row[3]),
        urgency=Urgency(str(row[4])),
        consented=bool(row[5]),
        document_number=f"{code}-R{int(number[0]) if number else 1}",
        created_at=str(row[6]),
        officer_signed_by=str(row[7]) if row[7] else None,
        social_worker_signed_by=str(row[8]) if row[8] else None,
        own_words_left_out=bool(row[9]),
    )


def read_record(db: Database, referral_id: str) -> ReferralRecord:
    row = db.one(f"SELECT {COLUMNS} FROM referrals WHERE id = ?", (referral_id,))
    if row is None:
        raise UnknownReferral(f"There is no referral {referral_id!r}.")
    return record_from_row(db, row)


def stored_pdf(db: Database, referral_id: str) -> bytes:
    row = db.one("SELECT pdf FROM referrals WHERE id = ?", (referral_id,))
    if row is None:
        raise UnknownReferral(f"There is no referral {referral_id!r}.")
    if not row[0]:
        raise ReferralPdfErased(f"Referral {referral_id} was handed over and not kept.")
    return bytes(row[0])


def case_code(db: Database, case_id: str) -> str:
    row = db.one("SELECT code FROM cases WHERE id = ?", (case_id,))
    return str(row[0]) if row else "?"
