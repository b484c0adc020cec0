"""After the retention period, a case the centre confirmed keeps only its code and status."""

from __future__ import annotations

from datetime import datetime, timedelta

from interview_room.store.audit import AuditEvent
from interview_room.workstation import Session


def purge_confirmed(session: Session, retention_days: int, now: datetime) -> int:
    """Remove personal data from cases the centre confirmed more than ``retention_days``
    before ``now``, keeping the case code and status. Returns how many cases were purged."""
    db = session.db
    cutoff = (now - timedelta(days=retention_days)).isoformat(timespec="seconds")
    # Only what the centre confirmed holding, with our hash, and nothing in conflict.
    rows = db.all(
        "SELECT r.case_id FROM sync_records r WHERE r.purged_at IS NULL"
        " AND r.synced_version = r.version AND r.changed = 0 AND r.conflict_at IS NULL"
        " AND r.synced_at <= ?",
        (cutoff,),
    )
    moment = now.isoformat(timespec="seconds")
    with db.transaction():
        for (case_id,) in rows:
            # Marked purged first, so that the m0006 triggers do not take the removal for a
            # change to send.
            db.execute("UPDATE sync_records SET purged_at = ? WHERE case_id = ?", (moment, case_id))
            for statement in (
                "DELETE FROM answers WHERE case_id = ?",
                "DELETE FROM decisions WHERE case_id = ?",
                "DELETE FROM referrals WHERE case_id = ?",
                "UPDATE interview_events SET detail = '{}' WHERE case_id = ?",
                "UPDATE cases SET person_name = '' WHERE id = ?",
            ):
                db.execute(statement, (case_id,))
        if rows:
            session.audit.append(
                AuditEvent.PERSONAL_DATA_PURGED,
                session.user.username,
                None,
                {"cases": len(rows), "retention_days": retention_days},
            )
    return len(rows)
