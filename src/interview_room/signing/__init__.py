"""The chain of trust (root → station CA → users) and signed referral PDFs, without Qt."""

from interview_room.signing.errors import (
    CertificateError,
    PdfSigningFailed,
    PdfUnreadable,
    SignatureFieldInvalid,
)
from interview_room.signing.pki import (
    CertificateInfo,
    CertifiedKey,
    certificate_info,
    create_root_ca,
    create_station_ca,
    issue_signing_certificate,
)

__all__ = [
    "CertificateError",
    "CertificateInfo",
    "CertifiedKey",
    "PdfSigningFailed",
    "PdfUnreadable",
    "SignatureFieldInvalid",
    "certificate_info",
    "create_root_ca",
    "create_station_ca",
    "issue_signing_certificate",
]
