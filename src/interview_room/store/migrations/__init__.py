"""Numbered schema migrations, listed explicitly so a frozen build needs no file discovery.

A migration is a module with ``SQL`` (run as one script) and optionally
``migrate(db)`` for data changes, applied in order inside one transaction each.
"""

from __future__ import annotations

from types import ModuleType

from interview_room.store.migrations import (
    m0001_foundation,
    m0002_interviews,
    m0003_case_search,
    m0004_signing_and_referrals,
    m0005_sync,
    m0006_changes_after_sync,
    m0007_user_preferences,
    m0008_consent_to_keep,
    m0009_receipt_hashes,
    m0010_signing_authority,
    m0011_center_contact,
    m0012_audit_by_event,
    m0013_seen_before,
    m0014_own_words_left_out,
)

MIGRATIONS: tuple[ModuleType, ...] = (
    m0001_foundation,
    m0002_interviews,
    m0003_case_search,
    m0004_signing_and_referrals,
    m0005_sync,
    m0006_changes_after_sync,
    m0007_user_preferences,
    m0008_consent_to_keep,
    m0009_receipt_hashes,
    m0010_signing_authority,
    m0011_center_contact,
    m0012_audit_by_event,
    m0013_seen_before,
    m0014_own_words_left_out,
)
LATEST_VERSION = len(MIGRATIONS)
