"""Typed refusals of the signing package: certificates, signing and verifying PDFs."""

from __future__ import annotations

from interview_room.errors import InterviewRoomError


class CertificateError(InterviewRoomError):
    """A certificate or key cannot be created, read or used as asked."""


class PdfUnreadable(InterviewRoomError):
    """The bytes are not a PDF, or the PDF is too damaged to read."""


class SignatureFieldInvalid(InterviewRoomError):
    """The signature field cannot be placed or filled (bad page, box, name, or already signed)."""


class PdfSigningFailed(InterviewRoomError):
    """pyHanko refused to sign the PDF for a reason not covered by a narrower error."""
