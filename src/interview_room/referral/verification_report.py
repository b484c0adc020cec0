"""The referral check's verdict as the command line prints it (``referral check`` at a
station, ``center check-referral`` at the centre): plain lines, or one JSON object per
signature and per problem with the verdict last. Words only; the judging is in
``verification``."""

from __future__ import annotations

from typing import Any

from interview_room.referral.verification import ReferralCheck, ReferralStatus


def report_lines(check: ReferralCheck, file_name: str) -> list[str]:
    """Plain English lines: the verdict, one per signature, one per problem."""
    verdict = {
        ReferralStatus.VALID: "VALID: complete and untouched",
        ReferralStatus.INCOMPLETE: "INCOMPLETE: a signature is missing",
        ReferralStatus.INVALID: "NOT VALID",
    }[check.status]
    lines = [f"{file_name}: {verdict} (SHA-256 {check.sha256})"]
    for signature in check.signatures:
        signed = signature.signing_time.isoformat() if signature.signing_time else "unknown time"
        state = "valid" if check.signature_valid(signature) else "NOT valid"
        lines.append(
            f"signature {signature.field_name}: {signature.signer_label}"
            f" (role {signature.signer_role or 'none'}), signed {signed}: {state}"
        )
    lines.extend(f"problem{f' {p.field}' if p.field else ''}: {p.sentence}" for p in check.problems)
    return lines


def report_objects(check: ReferralCheck, file_name: str) -> list[dict[str, Any]]:
    """JSON-ready objects: one per signature, one per problem, and the verdict last."""
    objects: list[dict[str, Any]] = [
        {
            "kind": "signature",
            "field": signature.field_name,
            "signer": signature.signer_common_name,
            "signer_username": signature.signer_username,
            "signer_station": signature.signer_station,
            "role": signature.signer_role,
            "serial": None if signature.signer_serial is None else f"{signature.signer_serial:x}",
            "signed_at": signature.signing_time.isoformat() if signature.signing_time else None,
            "intact": signature.intact,
            "trusted": signature.trusted,
            "revoked": signature.revoked,
            "certifies": signature.certifies,
            "changes_after": signature.changes_after.value,
            "valid": check.signature_valid(signature),
        }
        for signature in check.signatures
    ]
    objects.extend(
        {"kind": "problem", "problem": p.kind.value, "field": p.field, "message": p.sentence}
        for p in check.problems
    )
    objects.append(
        {
            "kind": "result",
            "file": file_name,
            "status": check.status.value,
            "sha256": check.sha256,
            "signatures": len(check.signatures),
            "problems": len(check.problems),
        }
    )
    return objects
