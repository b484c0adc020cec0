"""Signed referrals: made from a decided interview, signed by the officer and then by the social
worker (each re-entering their own password), kept in the encrypted store, exported on purpose.

Every signature, export and verification result goes through here; every signature and export
is audited with ids only. The record and the refusals live in ``referral_records``, what a
form must print from its record in ``expected_lines``; both are importable from here.
"""

from __future__ import annotations

import hashlib
import json
import secrets
from datetime import UTC, datetime
from pathlib import Path

from interview_room.accounts import Role, User
from interview_room.cases.register import CaseStatus
from interview_room.documents.pdf_pages import page_texts
from interview_room.files import atomic_write_bytes
from interview_room.interview.interview import Interview
from interview_room.referral.content import ReferralDocument, Urgency, build_referral, form_labels
from interview_room.referral.countersigning import (
    FormChangedSinceShown,
    FormDiffersFromRecord,
    FormNotCertifiedByOfficer,
    FormToCountersign,
    differing_items,
    officer_certification_problems,
    sha256_of,
)
from interview_room.referral.embedded_revocations import lists_to_embed
from interview_room.referral.expected_lines import expected_lines
from interview_room.referral.informing import PersonNotToldOfLegalReferral
from interview_room.referral.own_words import own_words_for
from interview_room.referral.referral_records import (
    COLUMNS,
    NotAnOfficer,
    NotASocialWorker,
    ReferralError,
    ReferralPdfErased,
    ReferralRecord,
    UnknownReferral,
    case_code,
    no_record_kept,
    read_record,
    record_from_row,
    signer_shown,
    stored_pdf,
)
from interview_room.referral.render import OFFICER_FIELD, render_referral
from interview_room.referral.signer_revocation import SignerRevokedByCentre, refuse_revoked_signer
from interview_room.referral.station_check import check_at_station
from interview_room.referral.verification import ReferralCheck
from interview_room.signing.pdf_signatures import SignatureField, sign_pdf
from interview_room.store.audit import AuditEvent
from interview_room.store.certificates import StationCertificates
from interview_room.workstation import Session

__all__ = [
    "NotASocialWorker",
    "NotAnOfficer",
    "ReferralError",
    "ReferralPdfErased",
    "ReferralRecord",
    "Referrals",
    "SignerRevokedByCentre",
    "UnknownReferral",
    "signer_shown",
]


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
            f"SELECT {COLUMNS} FROM referrals WHERE case_id = ? ORDER BY created_at", (case_id,)
        )
        return [record_from_row(self._db, row) for row in rows]

    def get(self, referral_id: str) -> ReferralRecord:
        return read_record(self._db, referral_id)

    def pdf(self, referral_id: str) -> bytes:
        return stored_pdf(self._db, referral_id)

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
            officer_name=signer_shown(session.user, session.station.code),
            social_worker_name=(
                signer_shown(social_worker, session.station.code)
                if social_worker
                else labels["value.not_on_station"]
            ),
            leave_out_own_words=leave_out_own_words,
            duty_phone=session.settings().duty_phone,
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
        signed, worker_field = self._signed_by_officer(document, language, officer_password)
        referral_id = secrets.token_hex(16)
        self._store_signed_by_officer(
            referral_id,
            interview,
            (recipient, language, urgency),
            document.consented,
            (signed, worker_field),
            person_told=person_told,
            own_words_left_out=own_words_left_out,
        )
        return self.get(referral_id)

    def _signed_by_officer(
        self, document: ReferralDocument, language: str, officer_password: str
    ) -> tuple[bytes, SignatureField]:
        """The form rendered and certified by the signed-in officer (who types their password),
        and where the social worker's field is."""
        session = self._session
        officer = session.user
        keys = session.workstation.confirm_password(officer.username, officer_password)
        # Issued by an administrator (adding the user, enrollment, a reset): never here.
        signer = self._certificates.signing_key(officer.id, keys.personal_key)
        # A store restored from an older copy calls her certificate live; the centre does not.
        refuse_revoked_signer(
            self._db, self._certificates, signer.certificate_der, officer.username
        )
        rendered = render_referral(document)
        signed = sign_pdf(
            rendered.pdf,
            signer,
            self._certificates.chain(),
            field=rendered.officer_field,
            signer_name=signer_shown(officer, session.station.code),
            reason=form_labels(language)["signature.officer"],
            location=session.station.name,
            certify=True,
            revocation_lists=lists_to_embed(
                self._db, self._certificates, signer.certificate_der, rendered.pdf
            ),
        )
        return signed, rendered.social_worker_field

    def _store_signed_by_officer(
        self,
        referral_id: str,
        interview: Interview,
        made_for: tuple[str, str, Urgency],
        consented: bool,
        form: tuple[bytes, SignatureField],
        *,
        person_told: bool,
        own_words_left_out: bool,
    ) -> None:
        """Store the form the officer signed and audit it; ``made_for``: (recipient, language,
        urgency); ``form``: the signed PDF and the social worker's field in it."""
        recipient, language, urgency = made_for
        signed, worker_field = form
        officer = self._session.user
        moment = _now()
        details: dict[str, str | int | bool | None] = {
            "referral": referral_id,
            "role": "officer",
            "basis": "consent" if consented else "law",
            # Only a referral by law needs it; ``True`` there means the person was told.
            **({} if consented else {"person_told": person_told}),
            **({"own_words_left_out": True} if own_words_left_out else {}),
        }
        with self._db.transaction():
            self._db.execute(
                "INSERT INTO referrals (id, case_id, recipient, language, urgency, consented,"
                " created_at, created_by, pdf, social_worker_field, officer_signed_by,"
                " officer_signed_at, own_words_left_out)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    referral_id,
                    interview.case.id,
                    recipient,
                    language,
                    urgency.value,
                    int(consented),
                    moment,
                    officer.id,
                    signed,
                    json.dumps([worker_field.name, worker_field.page, *worker_field.box]),
                    officer.id,
                    moment,
                    int(own_words_left_out),
                ),
            )
            self._session.audit.append(
                AuditEvent.REFERRAL_SIGNED, officer.username, interview.case.code, details
            )

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
        differing = differing_items(page_texts(pdf), expected_lines(self._db, record))
        if differing:
            raise FormDiffersFromRecord(
                f"Referral {referral_id}: the stored form does not print the record's "
                + ", ".join(differing)
                + ".",
                differing,
            )
        officer = next(s for s in check.signatures if s.field_name == OFFICER_FIELD)
        return FormToCountersign.of(referral_id, pdf, officer.signer_common_name)

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
        signed = self._countersigned(shown, record, worker, password)
        code = case_code(self._db, record.case_id)
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
                code,
                {"referral": referral_id, "role": "social_worker", "sha256": shown.sha256},
            )
        return self.get(referral_id)

    def _countersigned(
        self, shown: FormToCountersign, record: ReferralRecord, worker: User, password: str
    ) -> bytes:
        """The form shown, signed in its social worker's field by ``worker`` (who types their
        own password at this PC)."""
        session = self._session
        keys = session.workstation.confirm_password(worker.username, password)
        signer = self._certificates.signing_key(worker.id, keys.personal_key)
        refuse_revoked_signer(self._db, self._certificates, signer.certificate_der, worker.username)
        row = self._db.one("SELECT social_worker_field FROM referrals WHERE id = ?", (record.id,))
        assert row is not None
        name, page, *box = json.loads(str(row[0]))
        return sign_pdf(
            shown.pdf,
            signer,
            self._certificates.chain(),
            field=SignatureField(str(name), int(page), (box[0], box[1], box[2], box[3])),
            signer_name=signer_shown(worker, session.station.code),
            reason=form_labels(record.language)["signature.social_worker"],
            location=session.station.name,
            revocation_lists=lists_to_embed(
                self._db, self._certificates, signer.certificate_der, shown.pdf
            ),
        )

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
        erase = record.fully_signed and no_record_kept(self._db, record.case_id)
        with self._db.transaction():
            if erase:
                self._db.execute("UPDATE referrals SET pdf = x'' WHERE id = ?", (referral_id,))
            self._session.audit.append(
                AuditEvent.EXPORT,
                self._session.user.username,
                case_code(self._db, record.case_id),
                {"referral": referral_id, "signed": record.fully_signed, "erased": erase},
            )
        if erase:
            self._db.checkpoint()
        return target

    def verify(self, pdf: bytes) -> ReferralCheck:
        """Check any referral PDF against the referral profile, this station's trusted roots
        and its revocations (``station_check.check_at_station``)."""
        return check_at_station(self._db, self._certificates, pdf)
