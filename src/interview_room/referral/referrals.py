"""Signed referrals: made from a decided interview, signed by the officer and then by the social
worker (each re-entering their own password), kept in the encrypted store, exported on purpose.

Every signature, export and verification result goes through here; every signature and export
is audited with ids only.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from interview_room.accounts import Role
from interview_room.cases.register import CaseStatus
from interview_room.documents.pdf_pages import page_texts
from interview_room.errors import InterviewRoomError
from interview_room.files import atomic_write_bytes
from interview_room.interview.interview import Interview, Outcome
from interview_room.interview.interview_store import load_decision
from interview_room.interview.protocols import ProtocolLibrary
from interview_room.referral.content import (
    ReferralDocument,
    Urgency,
    build_referral,
    form_labels,
)
from interview_room.referral.countersigning import (
    ExpectedLine,
    FormChangedSinceShown,
    FormDiffersFromRecord,
    FormItem,
    FormNotCertifiedByOfficer,
    FormToCountersign,
    differing_items,
    officer_certification_problems,
    sha256_of,
)
from interview_room.referral.informing import PersonNotToldOfLegalReferral
from interview_room.referral.own_words import own_words_for
from interview_room.referral.recipients import recipient_table
from interview_room.referral.render import OFFICER_FIELD, render_referral
from interview_room.referral.verification import (
    REVOCATIONS_UNCHECKED_SENTENCE,
    ProblemKind,
    ReferralCheck,
    ReferralProblem,
    check_referral,
)
from interview_room.screening import text
from interview_room.signing.pdf_signatures import SignatureField, sign_pdf
from interview_room.store.audit import AuditEvent
from interview_room.store.certificates import StationCertificates
from interview_room.store.database import Database
from interview_room.workstation import Session


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


def _no_record_kept(db: Database, case_id: str) -> bool:
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

    @property
    def fully_signed(self) -> bool:
        return self.officer_signed_by is not None and self.social_worker_signed_by is not None


_COLUMNS = (
    "id, case_id, recipient, language, urgency, consented, created_at, officer_signed_by,"
    " social_worker_signed_by"
)


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


class Referrals:
    """The referrals of one station, used by the signed-in user."""

    def __init__(self, session: Session) -> None:
        self._session = session
        self._db = session.db
        self._certificates = StationCertificates(session.db)

    # -- reading ---------------------------------------------------------------------------

    def for_case(self, case_id: str) -> list[ReferralRecord]:
        rows = self._db.all(
            f"SELECT {_COLUMNS} FROM referrals WHERE case_id = ? ORDER BY created_at", (case_id,)
        )
        return [self._record(row) for row in rows]

    def get(self, referral_id: str) -> ReferralRecord:
        row = self._db.one(f"SELECT {_COLUMNS} FROM referrals WHERE id = ?", (referral_id,))
        if row is None:
            raise UnknownReferral(f"There is no referral {referral_id!r}.")
        return self._record(row)

    def pdf(self, referral_id: str) -> bytes:
        row = self._db.one("SELECT pdf FROM referrals WHERE id = ?", (referral_id,))
        if row is None:
            raise UnknownReferral(f"There is no referral {referral_id!r}.")
        if not row[0]:
            raise ReferralPdfErased(f"Referral {referral_id} was handed over and not kept.")
        return bytes(row[0])

    def _record(self, row: tuple[object, ...]) -> ReferralRecord:
        referral_id, case_id = str(row[0]), str(row[1])
        code_row = self._db.one("SELECT code FROM cases WHERE id = ?", (case_id,))
        code = str(code_row[0]) if code_row else "?"
        # Made in the same second, referrals are numbered in the order they were stored (as
        # their forms print): counted by time alone, both would be the later one's number.
        number = self._db.one(
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
        )

    # -- making and signing ----------------------------------------------------------------

    def preview(
        self,
        interview: Interview,
        *,
        recipient: str,
        language: str,
        urgency: Urgency,
        leave_out_own_words: bool = False,
    ) -> ReferralDocument:
        """Exactly what :meth:`create` prints for ``recipient`` now, signed by the signed-in
        user: shown to the officer before signing. Raises ``ReferralNeedsConsent`` when the
        person did not agree and no law requires the referral."""
        session = self._session
        social_worker_id = interview.case_social_worker_id()
        social_worker = session.users.get(social_worker_id) if social_worker_id else None
        labels = form_labels(language)
        count = self._db.one(
            "SELECT count(*) FROM referrals WHERE case_id = ?", (interview.case.id,)
        )
        return build_referral(
            interview,
            recipient=recipient,
            language=language,
            urgency=urgency,
            station_name=session.station.name,
            training=session.station.training,
            document_number=f"{interview.case.code}-R{(int(count[0]) if count else 0) + 1}",
            officer_name=session.user.display_name,
            social_worker_name=(
                social_worker.display_name if social_worker else labels["value.not_on_station"]
            ),
            leave_out_own_words=leave_out_own_words,
        )

    def create(
        self,
        interview: Interview,
        *,
        recipient: str,
        language: str,
        urgency: Urgency,
        officer_password: str,
        person_told: bool = False,
        leave_out_own_words: bool = False,
    ) -> ReferralRecord:
        """Render the form and sign it as the signed-in officer (who types their password).

        The officer's signature certifies the form: afterwards only the social worker's field
        may be signed. The station's chain and revocation lists are embedded beside it. A
        referral the law requires without the person's consent needs ``person_told``: the
        officer confirms the person was told (``informing.py``); it is audited, and so is
        leaving the person's own words out (``leave_out_own_words``, ``own_words.py``).
        """
        session = self._session
        officer = session.user
        if officer.role is not Role.OFFICER:
            raise NotAnOfficer("The first signature must be a border police officer's.")
        # Refused before the password is asked: no consent and no legal duty, no referral.
        document = self.preview(
            interview,
            recipient=recipient,
            language=language,
            urgency=urgency,
            leave_out_own_words=leave_out_own_words,
        )
        own_words_left_out = leave_out_own_words and own_words_for(interview, recipient) is not None
        if not document.consented and not person_told:
            raise PersonNotToldOfLegalReferral(
                f"The referral to {recipient} is required by law without consent: confirm that"
                " the person was told before signing."
            )
        keys = session.workstation.confirm_password(officer.username, officer_password)
        # Issued by an administrator (adding the user, enrollment, a reset): never here.
        signer = self._certificates.signing_key(officer.id, keys.personal_key)
        labels = form_labels(language)
        rendered = render_referral(document)
        signed = sign_pdf(
            rendered.pdf,
            signer,
            self._certificates.chain(),
            field=rendered.officer_field,
            signer_name=officer.display_name,
            reason=labels["signature.officer"],
            location=session.station.name,
            certify=True,
            revocation_lists=self._certificates.revocation_lists(),
        )
        referral_id = secrets.token_hex(16)
        moment = _now()
        worker_field = rendered.social_worker_field
        with self._db.transaction():
            self._db.execute(
                "INSERT INTO referrals (id, case_id, recipient, language, urgency, consented,"
                " created_at, created_by, pdf, social_worker_field, officer_signed_by,"
                " officer_signed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    referral_id,
                    interview.case.id,
                    recipient,
                    language,
                    urgency.value,
                    int(document.consented),
                    moment,
                    officer.id,
                    signed,
                    json.dumps([worker_field.name, worker_field.page, *worker_field.box]),
                    officer.id,
                    moment,
                ),
            )
            session.audit.append(
                AuditEvent.REFERRAL_SIGNED,
                officer.username,
                interview.case.code,
                {
                    "referral": referral_id,
                    "role": "officer",
                    "basis": "consent" if document.consented else "law",
                    # Only a referral by law needs it; ``True`` there means the person was told.
                    **({} if document.consented else {"person_told": person_told}),
                    **({"own_words_left_out": True} if own_words_left_out else {}),
                },
            )
        return self.get(referral_id)

    def form_to_countersign(self, referral_id: str) -> FormToCountersign:
        """The stored form the social worker is about to sign, once it is shown to hold: the
        recorded officer's valid certifying signature with only hers missing, and words that
        say what this referral's record says. Show her ``pdf``; pass the result to
        :meth:`countersign`, which signs exactly those bytes.

        Raises :class:`FormNotCertifiedByOfficer` or :class:`FormDiffersFromRecord` (another
        form put in the store in this one's place), ``ReferralError`` when already signed.
        """
        record = self.get(referral_id)
        if record.social_worker_signed_by is not None:
            raise ReferralError("This referral is already signed by a social worker.")
        pdf = self.pdf(referral_id)
        check = self.verify(pdf)
        officer_certificates = {
            hashlib.sha256(bytes(row[0])).hexdigest()
            for row in self._db.all(
                "SELECT certificate FROM signing_certificates WHERE user_id = ?",
                (record.officer_signed_by or "",),
            )
        }
        reasons = officer_certification_problems(check, officer_certificates)
        if record.officer_signed_by is None:
            reasons.append("The record names no officer who signed.")
        if reasons:
            raise FormNotCertifiedByOfficer(
                f"Referral {referral_id}: the stored form is not certified by its officer: "
                + " ".join(reasons),
                reasons,
            )
        differing = differing_items(page_texts(pdf), self._expected_lines(record))
        if differing:
            raise FormDiffersFromRecord(
                f"Referral {referral_id}: the stored form does not print the record's "
                + ", ".join(differing)
                + ".",
                differing,
            )
        officer = next(s for s in check.signatures if s.field_name == OFFICER_FIELD)
        return FormToCountersign.of(referral_id, pdf, officer.signer_common_name)

    def _expected_lines(self, record: ReferralRecord) -> list[ExpectedLine]:
        """The lines the referral's form prints from its record, in the form's language."""
        labels = form_labels(record.language)
        row = self._db.one(
            "SELECT protocol_id, protocol_version, protocol_hash, outcome FROM interviews"
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
                FormItem.CASE_CODE, labels["field.case_code"], (self._case_code(record.case_id),)
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
        groups = (
            rule.with_consent if record.consented or rule.by_law is None else rule.by_law.groups
        )
        if {"outcome", "decision"} & set(groups):
            # The recipients who receive the outcome (minimum necessary: a shelter does not).
            decision = load_decision(self._db, record.case_id)
            if decision is not None:
                option = protocol.question("det_decision").option_text(decision.decision)
                values: tuple[str, ...] = (text(protocol, record.language, option),)
            elif row[3] == Outcome.STOPPED.value:
                values = (labels["value.interview_stopped"],)
            else:
                values = (
                    labels["value.no_interview_refused"],
                    labels["value.no_interview_guardian_refused"],
                )
            lines.append(ExpectedLine(FormItem.DECISION, labels["field.decision"], values))
        return lines

    def countersign(
        self,
        referral_id: str,
        social_worker_username: str,
        password: str,
        *,
        shown: FormToCountersign | None = None,
    ) -> ReferralRecord:
        """Add the social worker's signature (they type their own password at this PC) to the
        form ``shown`` to them (:meth:`form_to_countersign`; checked here when not given).

        The bytes signed are the bytes shown: a stored form that changed since is refused,
        before the password is checked and again when the signed form is written
        (:class:`FormChangedSinceShown`).
        """
        session = self._session
        record = self.get(referral_id)
        if record.social_worker_signed_by is not None:
            raise ReferralError("This referral is already signed by a social worker.")
        worker = session.users.find(social_worker_username)
        if worker is None or worker.role is not Role.SOCIAL_WORKER:
            raise NotASocialWorker("The second signature must be a social worker's.")
        if shown is None:
            shown = self.form_to_countersign(referral_id)
        elif shown.referral_id != referral_id or sha256_of(shown.pdf) != shown.sha256:
            raise FormChangedSinceShown(f"The form shown is not referral {referral_id}'s.")
        self._refuse_if_changed(referral_id, shown)
        keys = session.workstation.confirm_password(worker.username, password)
        signer = self._certificates.signing_key(worker.id, keys.personal_key)
        row = self._db.one("SELECT social_worker_field FROM referrals WHERE id = ?", (referral_id,))
        assert row is not None
        name, page, *box = json.loads(str(row[0]))
        signed = sign_pdf(
            shown.pdf,
            signer,
            self._certificates.chain(),
            field=SignatureField(str(name), int(page), (box[0], box[1], box[2], box[3])),
            signer_name=worker.display_name,
            reason=form_labels(record.language)["signature.social_worker"],
            location=session.station.name,
            revocation_lists=self._certificates.revocation_lists(),
        )
        case_code = self._case_code(record.case_id)
        with self._db.transaction():
            # Checked again where the signed form replaces it: nothing between can slip in.
            self._refuse_if_changed(referral_id, shown)
            updated = self._db.execute(
                "UPDATE referrals SET pdf = ?, social_worker_signed_by = ?,"
                " social_worker_signed_at = ? WHERE id = ? AND social_worker_signed_by IS NULL",
                (signed, worker.id, _now(), referral_id),
            )
            if updated.rowcount != 1:
                raise ReferralError("This referral is already signed by a social worker.")
            self._db.execute(
                "UPDATE cases SET status = ?, updated_at = ? WHERE id = ? AND status = ?",
                (CaseStatus.REFERRED.value, _now(), record.case_id, CaseStatus.COMPLETED.value),
            )
            session.audit.append(
                AuditEvent.REFERRAL_SIGNED,
                worker.username,
                case_code,
                {"referral": referral_id, "role": "social_worker", "sha256": shown.sha256},
            )
        return self.get(referral_id)

    def _refuse_if_changed(self, referral_id: str, shown: FormToCountersign) -> None:
        row = self._db.one("SELECT pdf FROM referrals WHERE id = ?", (referral_id,))
        if row is None or sha256_of(bytes(row[0] or b"")) != shown.sha256:
            raise FormChangedSinceShown(
                f"The form stored for referral {referral_id} changed after it was shown."
            )

    # -- handing out and checking -----------------------------------------------------------

    def export(self, referral_id: str, target: Path) -> Path:
        """Write the signed PDF to ``target`` on purpose (USB stick, print spool); audited."""
        record = self.get(referral_id)
        atomic_write_bytes(target, self.pdf(referral_id))
        # Without consent to a record being kept, the signed form is not kept once handed
        # over: the referral made stays (recipient, dates, signers), its content does not.
        erase = record.fully_signed and _no_record_kept(self._db, record.case_id)
        with self._db.transaction():
            if erase:
                self._db.execute("UPDATE referrals SET pdf = x'' WHERE id = ?", (referral_id,))
            self._session.audit.append(
                AuditEvent.EXPORT,
                self._session.user.username,
                self._case_code(record.case_id),
                {"referral": referral_id, "signed": record.fully_signed, "erased": erase},
            )
        if erase:
            self._db.checkpoint()
        return target

    def verify(self, pdf: bytes) -> ReferralCheck:
        """Check any referral PDF against the referral profile, this station's trusted roots
        and its revocations (the store's, the lists its station CA signed, and every other
        station's as the centre's package brought them)."""
        from interview_room.sync.centre_revocations import (
            HeldRevocations,
            HeldRevocationsUnreadable,
            held_revocations,
        )

        try:
            others, unchecked = held_revocations(self._db), False
        except HeldRevocationsUnreadable:
            # Fail closed: never "valid" while the held revocations cannot be read.
            others, unchecked = HeldRevocations(), True
        check = check_referral(
            pdf,
            self._certificates.trust_anchors(),
            self._certificates.revoked_serials(),
            revocation_lists=[*self._certificates.revocation_lists(), *others.lists],
            revoked_certificates=others.revoked_for(hashlib.sha256(pdf).hexdigest()),
        )
        if not unchecked:
            return check
        problem = ReferralProblem(
            ProblemKind.REVOCATIONS_UNCHECKED, None, REVOCATIONS_UNCHECKED_SENTENCE
        )
        return dataclasses.replace(check, problems=(*check.problems, problem))

    def _case_code(self, case_id: str) -> str:
        row = self._db.one("SELECT code FROM cases WHERE id = ?", (case_id,))
        return str(row[0]) if row else "?"
