"""A referral PDF checked at the station: the referral profile, the station's trusted roots and
every revocation it holds. Fails closed when the held revocations cannot be read."""

from __future__ import annotations

import dataclasses
import hashlib

from interview_room.referral.verification import (
    REVOCATIONS_UNCHECKED_SENTENCE,
    ProblemKind,
    ReferralCheck,
    ReferralProblem,
    check_referral,
)
from interview_room.store.certificates import StationCertificates
from interview_room.store.database import Database


def check_at_station(db: Database, certificates: StationCertificates, pdf: bytes) -> ReferralCheck:
    """Check any referral PDF against the referral profile, this station's trusted roots
    and its revocations (the store's, the lists its station CA signed, and every other
    station's as the centre's package brought them)."""
    from interview_room.sync.centre_revocations import (
        HeldRevocations,
        HeldRevocationsUnreadable,
        held_revocations,
    )

    try:
        others, unchecked = held_revocations(db), False
    except HeldRevocationsUnreadable:
        # Fail closed: never "valid" while the held revocations cannot be read.
        others, unchecked = HeldRevocations(), True
    check = check_referral(
        pdf,
        certificates.trust_anchors(),
        certificates.revoked_serials(),
        revocation_lists=[*certificates.revocation_lists(), *others.lists],
        revoked_certificates=others.revoked_for(hashlib.sha256(pdf).hexdigest()),
    )
    if not unchecked:
        return check
    problem = ReferralProblem(
        ProblemKind.REVOCATIONS_UNCHECKED, None, REVOCATIONS_UNCHECKED_SENTENCE
    )
    return dataclasses.replace(check, problems=(*check.problems, problem))
