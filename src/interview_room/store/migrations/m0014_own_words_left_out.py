"""A referral records whether the officer left the person's own words out of it (issue 12,
review 2 finding 13): until now only the audit log said so. The case's referral list shows it
and the sync record carries it beside the referral's other metadata.

Referrals signed before this migration take it from their audit entry (``referral_signed``,
role officer, ``own_words_left_out``), which is where it was recorded.
"""

from __future__ import annotations

import json

from interview_room.store.database import Database

SQL = """
ALTER TABLE referrals ADD COLUMN own_words_left_out INTEGER NOT NULL DEFAULT 0
    CHECK (own_words_left_out IN (0, 1));
"""


def migrate(db: Database) -> None:
    """Mark the referrals whose officer's audit entry says the own words were left out."""
    left_out: list[str] = []
    for (detail,) in db.all(
        "SELECT detail FROM audit_log WHERE event = 'referral_signed' ORDER BY seq"
    ):
        entry = json.loads(str(detail))
        if entry.get("role") == "officer" and entry.get("own_words_left_out") is True:
            left_out.append(str(entry.get("referral", "")))
    for referral_id in left_out:
        db.execute("UPDATE referrals SET own_words_left_out = 1 WHERE id = ?", (referral_id,))
