"""What the centre can vouch for about a referral form: it received this exact form's hash.

A station's case record lists each referral's SHA-256 and the signing times
(``sync/records.py``); the PDF itself stays at the station. Years later, when the signers'
certificates have expired and no timestamp authority ever saw the form (there is none at an
offline border crossing), the centre's own record is the proof of time: "received by the centre
on DATE with this hash". The hash is looked up for the whole file and for the part the last
signature covers (an archive may add validation data after it). The date is that of the
record version the centre holds, so it is never earlier than the first receipt.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import UTC, datetime
from io import BytesIO

from interview_room.store.database import Database
from interview_room.sync.records import RECORD_KIND


@dataclass(frozen=True)
class ReceivedReferral:
    """The centre's record of one referral form's hash."""

    station_id: str
    case_code: str
    referral_id: str
    pdf_sha256: str
    received_at: datetime
    officer_signed_at: str | None
    social_worker_signed_at: str | None
    whole_file: bool
    """The hash is of the whole file; False: of the part its last signature covers (what
    follows is for the referral check to judge: validation data only)."""

    def sentence(self) -> str:
        part = "this hash" if self.whole_file else "the hash of its signed part"
        return (
            f"received by the centre on {self.received_at.isoformat()} with {part}"
            f" (SHA-256 {self.pdf_sha256}), case {self.case_code} of station {self.station_id};"
            f" signed by the officer {self.officer_signed_at or 'at an unknown time'} and by"
            f" the social worker {self.social_worker_signed_at or 'at an unknown time'}"
            " (as the station recorded)"
        )


def form_hashes(pdf: bytes) -> list[tuple[str, bool]]:
    """SHA-256 of the whole file (True) and of the bytes its last signature covers (False),
    when those differ; nothing more is vouched for (an earlier signature's revision lacks the
    later signatures)."""
    whole = hashlib.sha256(pdf).hexdigest()
    hashes = [(whole, True)]
    end = _signed_end(pdf)
    if end is not None and 0 < end < len(pdf):
        hashes.append((hashlib.sha256(pdf[:end]).hexdigest(), False))
    return hashes


def received_referral(db: Database, pdf: bytes) -> ReceivedReferral | None:
    """The centre's record of ``pdf``'s hash, if a station sent it; the earliest held."""
    found: list[ReceivedReferral] = []
    for digest, whole in form_hashes(pdf):
        for station_id, content, received_at in db.all(
            "SELECT station_id, content, received_at FROM records WHERE kind = ?"
            " AND instr(CAST(content AS TEXT), ?) > 0",
            (RECORD_KIND, f'"pdf_sha256":"{digest}"'),
        ):
            entry = _referral_entry(bytes(content), digest)
            if entry is None:
                continue
            case, referral = entry
            try:
                moment = datetime.fromisoformat(str(received_at))
            except ValueError:
                continue
            if moment.tzinfo is None:
                moment = moment.replace(tzinfo=UTC)
            found.append(
                ReceivedReferral(
                    station_id=str(station_id),
                    case_code=str(case.get("code", "")),
                    referral_id=str(referral.get("id", "")),
                    pdf_sha256=digest,
                    received_at=moment,
                    officer_signed_at=_text(referral.get("officer_signed_at")),
                    social_worker_signed_at=_text(referral.get("social_worker_signed_at")),
                    whole_file=whole,
                )
            )
    return min(found, key=lambda r: r.received_at) if found else None


def _referral_entry(
    content: bytes, digest: str
) -> tuple[dict[str, object], dict[str, object]] | None:
    """The case and the referral entry naming ``digest`` (a substring match is not enough: a
    free-text answer could quote a hash)."""
    try:
        document = json.loads(content.decode("utf-8"))
        case = document["case"]
        for referral in document["referrals"]:
            if isinstance(referral, dict) and referral.get("pdf_sha256") == digest:
                return (case if isinstance(case, dict) else {}), referral
    except (UnicodeDecodeError, ValueError, KeyError, TypeError):
        pass
    return None


def _text(value: object) -> str | None:
    return None if value is None else str(value)


def _signed_end(pdf: bytes) -> int | None:
    """Where the bytes the last signature covers end, or None for an unreadable file."""
    from pyhanko.pdf_utils.misc import PdfError
    from pyhanko.pdf_utils.reader import PdfFileReader

    try:
        signatures = PdfFileReader(BytesIO(pdf)).embedded_signatures
        if not signatures:
            return None
        byte_range = [int(v) for v in signatures[-1].sig_object["/ByteRange"]]
    except (PdfError, ValueError, KeyError, TypeError, IndexError, AttributeError):
        return None
    if len(byte_range) != 4:
        return None
    return byte_range[2] + byte_range[3]
