"""The strict referral profile: when a referral PDF counts as complete and untouched.

A referral is rendered with exactly two empty signature fields, ``officer`` and
``social_worker``. The officer's signature certifies the form (DocMDP level 2: afterwards only
the remaining field may be signed); the social worker's field locks the document when signed.
This module checks a PDF against that profile, whoever made it: exactly those two fields and
no other form field; the officer's signature first and certifying; each signer's certificate
naming the field's role; each signature intact, trusted and not revoked; each certificate
issued by a station CA name-constrained to the station the certificate names, both of one
station (and, where the register of issued certificates is known, as at the centre, recorded
in it); and nothing changed after a signature but the social worker's signature in its declared
field and validation data (certificates, revocation lists). pyHanko's difference analysis
judges every later revision. A form that breaks no rule but lacks a signature is *incomplete*;
anything else is *invalid*. The command line words the verdict with ``verification_report``.
"""

from __future__ import annotations

import hashlib
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING

from interview_room.accounts import Role
from interview_room.referral.render import OFFICER_FIELD, SOCIAL_WORKER_FIELD
from interview_room.signing.errors import CertificateError, PdfUnreadable
from interview_room.signing.pdf_signatures import (
    ChangesAfter,
    PdfVerification,
    SignatureCheck,
    verify_pdf,
)
from interview_room.signing.pki import pem_to_der

if TYPE_CHECKING:
    from interview_room.sync.centre_package import PublishedRevocations

REFERRAL_FIELDS = (OFFICER_FIELD, SOCIAL_WORKER_FIELD)
FIELD_ROLES = {OFFICER_FIELD: Role.OFFICER.value, SOCIAL_WORKER_FIELD: Role.SOCIAL_WORKER.value}
CERTIFIED_FOR_FORM_FILLING = 2
"""DocMDP level of the officer's certification: later, only signature fields may be filled."""
MAX_REFERRAL_BYTES = 32 * 1024 * 1024
"""A real form is a few hundred kilobytes; a larger file is refused before it is read."""


class ReferralStatus(StrEnum):
    VALID = "valid"
    """Both signatures, each by the right role, trusted, and nothing changed after them."""
    INCOMPLETE = "incomplete"
    """Nothing is wrong, but a signature is missing (not yet signed, or stripped)."""
    INVALID = "invalid"


class ProblemKind(StrEnum):
    NOT_SIGNED = "not_signed"
    NOT_COUNTERSIGNED = "not_countersigned"
    FIELDS_DIFFER = "fields_differ"
    OTHER_FORM_FIELDS = "other_form_fields"
    UNEXPECTED_SIGNATURE = "unexpected_signature"
    NOT_CERTIFIED = "not_certified"
    WRONG_ROLE = "wrong_role"
    NOT_INTACT = "not_intact"
    NOT_TRUSTED = "not_trusted"
    REVOKED = "revoked"
    CHANGED_AFTER = "changed_after"
    OUTSIDE_STATION = "outside_station"
    STATIONS_DIFFER = "stations_differ"
    NOT_ISSUED = "not_issued"
    REVOCATIONS_UNCHECKED = "revocations_unchecked"
    """The revocations the centre's packages brought cannot be read here: not judged."""


_MISSING_SIGNATURE = frozenset({ProblemKind.NOT_SIGNED, ProblemKind.NOT_COUNTERSIGNED})


REVOCATIONS_UNCHECKED_SENTENCE = (
    "The revocations from the central office held at this station cannot be read, so whether"
    " a signer has been revoked cannot be checked: do not rely on this referral until the"
    " station receives the central office's next package."
)


@dataclass(frozen=True)
class ReferralProblem:
    """One way the PDF departs from the profile; ``field``: the signature field concerned."""

    kind: ProblemKind
    field: str | None
    sentence: str


@dataclass(frozen=True)
class ReferralCheck:
    """The verdict on one referral PDF, with every signature and every problem found."""

    sha256: str
    signatures: tuple[SignatureCheck, ...]
    problems: tuple[ReferralProblem, ...]

    @property
    def status(self) -> ReferralStatus:
        if not self.problems:
            return ReferralStatus.VALID
        if all(problem.kind in _MISSING_SIGNATURE for problem in self.problems):
            return ReferralStatus.INCOMPLETE
        return ReferralStatus.INVALID

    @property
    def valid(self) -> bool:
        """Complete and untouched: the only state in which a referral may be relied on."""
        return self.status is ReferralStatus.VALID

    def signature_valid(self, check: SignatureCheck) -> bool:
        """The signature holds and the profile has nothing against its field."""
        return check.valid and not any(p.field == check.field_name for p in self.problems)


def check_referral(
    pdf: bytes,
    trusted_roots: Sequence[bytes],
    revoked_serials: Collection[int] = (),
    *,
    revocation_lists: Sequence[bytes] = (),
    revoked_certificates: Collection[str] = (),
    issued_certificates: Collection[str] | None = None,
    at: datetime | None = None,
) -> ReferralCheck:
    """Judge ``pdf`` against the referral profile, offline, trusting only ``trusted_roots``.

    Revocations come from ``revoked_serials`` and from every revocation list its issuer signed,
    given (``revocation_lists``, DER) or embedded in the PDF, and from
    ``revoked_certificates`` (SHA-256 fingerprints of whole certificates: those every station
    reported revoked, as the centre's package brings them to a station). With
    ``issued_certificates`` (SHA-256 fingerprints of the certificates the stations reported
    issuing), a signer's certificate outside it is refused even if a station CA signed it
    (compared whole: a certificate made off the books may reuse a registered serial number). Raises
    :class:`~interview_room.signing.errors.PdfUnreadable` when the bytes are not a readable
    PDF; every other fault is a :class:`ReferralProblem` in the result. Certificates are
    judged now, or at ``at`` when the caller holds its own proof that the file existed then.
    """
    verification = verify_pdf(pdf, trusted_roots, revoked_serials, revocation_lists, at)
    return ReferralCheck(
        sha256=hashlib.sha256(pdf).hexdigest(),
        signatures=verification.signatures,
        problems=tuple(
            _problems(verification, issued_certificates, frozenset(revoked_certificates))
        ),
    )


def _problems(
    verification: PdfVerification,
    issued_certificates: Collection[str] | None = None,
    revoked_certificates: frozenset[str] = frozenset(),
) -> list[ReferralProblem]:
    problems = _form_field_problems(verification)
    by_field = _signatures_by_field(verification, problems)
    officer = by_field.get(OFFICER_FIELD)
    worker = by_field.get(SOCIAL_WORKER_FIELD)
    problems.extend(_pair_problems(officer, worker))
    for field, check in by_field.items():
        revoked = check.revoked or check.signer_fingerprint in revoked_certificates
        problems.extend(
            _signature_problems(field, check, filled_later=worker is not None, revoked=revoked)
        )
        problems.extend(_authority_problems(field, check, issued_certificates))
    if (
        officer is not None
        and worker is not None
        and officer.issuer_station is not None
        and worker.issuer_station is not None
        and officer.issuer_station != worker.issuer_station
    ):
        problems.append(
            ReferralProblem(
                ProblemKind.STATIONS_DIFFER,
                None,
                f"The officer's certificate is of station {officer.issuer_station} and the"
                f" social worker's of station {worker.issuer_station}: a referral is signed at"
                " one station.",
            )
        )
    return problems


def _pair_problems(
    officer: SignatureCheck | None, worker: SignatureCheck | None
) -> list[ReferralProblem]:
    """The two signatures together: both present, the officer's first and certifying."""
    problems: list[ReferralProblem] = []

    def add(kind: ProblemKind, field: str | None, sentence: str) -> None:
        problems.append(ReferralProblem(kind, field, sentence))

    if officer is None:
        add(ProblemKind.NOT_SIGNED, OFFICER_FIELD, "The border police officer has not signed.")
    if worker is None:
        add(
            ProblemKind.NOT_COUNTERSIGNED,
            SOCIAL_WORKER_FIELD,
            "The social worker has not signed: the referral is not complete.",
        )
    if (
        officer is not None
        and worker is not None
        and worker.signed_revision < officer.signed_revision
    ):
        add(
            ProblemKind.UNEXPECTED_SIGNATURE,
            SOCIAL_WORKER_FIELD,
            "The social worker's signature comes before the officer's.",
        )
    if officer is not None and not (
        officer.certifies and officer.docmdp == CERTIFIED_FOR_FORM_FILLING
    ):
        add(
            ProblemKind.NOT_CERTIFIED,
            OFFICER_FIELD,
            "The officer's signature does not certify the form (allowing only the social"
            " worker's signature after it).",
        )
    return problems


def _form_field_problems(verification: PdfVerification) -> list[ReferralProblem]:
    """The form's fields: exactly the officer's and the social worker's signature fields."""
    problems: list[ReferralProblem] = []
    declared = verification.signature_fields
    if sorted(declared) != sorted(REFERRAL_FIELDS):
        extra = sorted(set(declared) - set(REFERRAL_FIELDS))
        missing = sorted(set(REFERRAL_FIELDS) - set(declared))
        problems.append(
            ReferralProblem(
                ProblemKind.FIELDS_DIFFER,
                None,
                "The form's signature fields are not exactly the officer's and the social"
                " worker's"
                + (f"; extra: {', '.join(extra)}" if extra else "")
                + (f"; missing: {', '.join(missing)}" if missing else "")
                + ".",
            )
        )
    if verification.other_fields:
        fields = ", ".join(verification.other_fields)
        problems.append(
            ReferralProblem(
                ProblemKind.OTHER_FORM_FIELDS,
                None,
                f"The form has fields a referral never has: {fields}.",
            )
        )
    return problems


def _signatures_by_field(
    verification: PdfVerification, problems: list[ReferralProblem]
) -> dict[str, SignatureCheck]:
    """The first signature in each referral field; any other signature is added to
    ``problems`` as unexpected."""
    by_field: dict[str, SignatureCheck] = {}
    for check in verification.signatures:
        if check.field_name not in REFERRAL_FIELDS or check.field_name in by_field:
            problems.append(
                ReferralProblem(
                    ProblemKind.UNEXPECTED_SIGNATURE,
                    check.field_name,
                    f"A signature in field {check.field_name!r} is not part of a referral.",
                )
            )
        else:
            by_field[check.field_name] = check
    return by_field


def _authority_problems(
    field: str, check: SignatureCheck, issued_certificates: Collection[str] | None
) -> list[ReferralProblem]:
    """Who issued the certificate: a station CA limited to the station it names, and (where
    the register is known) recorded as issued."""
    problems: list[ReferralProblem] = []
    who = "officer's" if field == OFFICER_FIELD else "social worker's"
    if check.trusted and (
        check.issuer_station is None or check.issuer_station != check.signer_station
    ):
        problems.append(
            ReferralProblem(
                ProblemKind.OUTSIDE_STATION,
                field,
                f"The {who} certificate was not issued by a certificate authority limited to the"
                f" station it names ({check.signer_station or 'none'}).",
            )
        )
    if issued_certificates is not None and check.signer_fingerprint not in issued_certificates:
        problems.append(
            ReferralProblem(
                ProblemKind.NOT_ISSUED,
                field,
                f"The {who} certificate is not in the register of certificates its station"
                " reported issuing.",
            )
        )
    return problems


def _signature_problems(
    field: str, check: SignatureCheck, *, filled_later: bool, revoked: bool
) -> list[ReferralProblem]:
    problems: list[ReferralProblem] = []
    who = "officer's" if field == OFFICER_FIELD else "social worker's"
    role = FIELD_ROLES[field]
    if check.signer_role != role:
        named = f"role {check.signer_role!r}" if check.signer_role else "no role"
        problems.append(
            ReferralProblem(
                ProblemKind.WRONG_ROLE,
                field,
                f"The {who} field is signed with a certificate for {named}, not {role!r}.",
            )
        )
    if not check.intact:
        problems.append(
            ReferralProblem(
                ProblemKind.NOT_INTACT,
                field,
                f"The {who} signature does not match the document: the signed content was"
                " altered or the signature is damaged.",
            )
        )
    elif not check.trusted:
        problems.append(
            ReferralProblem(
                ProblemKind.NOT_TRUSTED,
                field,
                f"The {who} certificate does not lead to a trusted root or is not valid now.",
            )
        )
    if revoked:
        problems.append(
            ReferralProblem(
                ProblemKind.REVOKED,
                field,
                f"The {who} certificate, or a certificate above it, has been revoked.",
            )
        )
    # After the officer: the social worker's signature in its declared field, if present; after
    # the social worker: nothing. Validation data (DSS) may follow either.
    allowed_fields = {SOCIAL_WORKER_FIELD} if field == OFFICER_FIELD and filled_later else set()
    allowed_changes = {ChangesAfter.NONE, ChangesAfter.ONLY_VALIDATION_DATA}
    if allowed_fields:
        allowed_changes.add(ChangesAfter.ONLY_LATER_SIGNATURES)
    if (
        check.changes_after not in allowed_changes
        or not check.fields_filled_after <= allowed_fields
    ):
        problems.append(
            ReferralProblem(
                ProblemKind.CHANGED_AFTER,
                field,
                f"The document was changed after the {who} signature (fields, annotations,"
                " page content or pages added or altered).",
            )
        )
    return problems


def check_referral_file(
    path: Path,
    root_pems: Sequence[Path],
    crl_paths: Sequence[Path] = (),
    centre_packages: Sequence[Path] = (),
) -> ReferralCheck:
    """:func:`check_referral` on a file, trusting the PEM root certificates in ``root_pems``.

    Revocations: the lists embedded in the PDF, those in ``crl_paths`` (DER or PEM, as the
    centre publishes them), and every station's revocations in each centre package of
    ``centre_packages`` (``IR-centre-package.json``; its signature must verify with one of the
    roots, else a ``CentrePackageError`` is raised); a list the PDF carries is only as recent
    as its signing.
    """
    lists = []
    for crl in crl_paths:
        try:
            lists.append(_crl_der(crl.read_bytes()))
        except OSError as error:
            raise CertificateError(f"The revocation list {crl} cannot be read.") from error
    roots = []
    for root in root_pems:
        try:
            roots.append(pem_to_der(root.read_bytes()))
        except OSError as error:
            raise CertificateError(f"The root certificate {root} cannot be read.") from error
        except CertificateError as error:
            raise CertificateError(f"{root} is not a PEM certificate.") from error
    from interview_room.sync.centre_revocations import HeldRevocations

    held = HeldRevocations()
    for package_path in centre_packages:
        package = _centre_package_revocations(package_path, roots)
        lists.extend(package.lists)
        held = held.merged((), package.certificates, package.stolen)
    if path.is_dir():
        raise PdfUnreadable(f"{path} is a folder, not a PDF.")
    try:
        if path.stat().st_size > MAX_REFERRAL_BYTES:
            raise PdfUnreadable(f"{path} is larger than any referral form.")
        pdf = path.read_bytes()
    except OSError as error:
        raise PdfUnreadable(f"{path} cannot be read.") from error
    # A form a stolen station sent the centre before its revocation stays valid (as there).
    revoked = held.revoked_for(hashlib.sha256(pdf).hexdigest())
    return check_referral(pdf, roots, revocation_lists=lists, revoked_certificates=revoked)


def _centre_package_revocations(path: Path, roots: Sequence[bytes]) -> PublishedRevocations:
    """The revocations in the centre package at ``path``, once it verifies with the root it
    names (which must be one of ``roots``)."""
    from interview_room.sync.centre_package import (
        MAX_PACKAGE_BYTES,
        CentrePackageDamaged,
        CentrePackageFromAnotherCentre,
        read_package,
    )

    try:
        if path.stat().st_size > MAX_PACKAGE_BYTES:
            raise CentrePackageDamaged(f"{path} is larger than a centre package may be.")
        data = path.read_bytes()
    except OSError as error:
        raise CentrePackageDamaged(f"The centre package {path} cannot be read.") from error
    for root in roots:
        try:
            revocations = read_package(data, root).package.revocations
        except CentrePackageFromAnotherCentre:
            continue  # another root given; a package of this root that fails raises
        return revocations
    raise CentrePackageFromAnotherCentre(
        f"The centre package {path} is not of any of the roots given (--root)."
    )


def _crl_der(data: bytes) -> bytes:
    from cryptography import x509
    from cryptography.hazmat.primitives import serialization

    try:
        if data.lstrip().startswith(b"-----BEGIN"):
            return x509.load_pem_x509_crl(data).public_bytes(serialization.Encoding.DER)
        return x509.load_der_x509_crl(data).public_bytes(serialization.Encoding.DER)
    except ValueError as error:
        raise CertificateError("A revocation list is neither DER nor PEM.") from error
