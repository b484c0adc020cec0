"""Changes after sync: a case changed after the centre confirmed it is pending again at once.

Before this, such a case kept its "sent to central office" status and was not counted as
pending until the next export compared content hashes. Triggers on every table a case record is
built from (answers, events, decisions, referrals, the interview row) now mark the case as
changed and give it back its status from before the confirmation, whatever code path wrote.
A purged case (``purged_at`` set first, then its content removed) is left alone.
"""

SQL = """
ALTER TABLE sync_records ADD COLUMN changed INTEGER NOT NULL DEFAULT 0;

CREATE TRIGGER answers_insert_after_sync AFTER INSERT ON answers
WHEN EXISTS (
    SELECT 1 FROM sync_records WHERE case_id = NEW.case_id AND purged_at IS NULL
)
BEGIN
    UPDATE cases SET status = (
        SELECT coalesce(prior_status, 'completed') FROM sync_records WHERE case_id = NEW.case_id
    ) WHERE id = NEW.case_id AND status = 'synced';
    UPDATE sync_records SET changed = 1 WHERE case_id = NEW.case_id AND changed = 0;
END;

CREATE TRIGGER answers_update_after_sync AFTER UPDATE ON answers
WHEN EXISTS (
    SELECT 1 FROM sync_records WHERE case_id = NEW.case_id AND purged_at IS NULL
)
BEGIN
    UPDATE cases SET status = (
        SELECT coalesce(prior_status, 'completed') FROM sync_records WHERE case_id = NEW.case_id
    ) WHERE id = NEW.case_id AND status = 'synced';
    UPDATE sync_records SET changed = 1 WHERE case_id = NEW.case_id AND changed = 0;
END;

CREATE TRIGGER answers_delete_after_sync AFTER DELETE ON answers
WHEN EXISTS (
    SELECT 1 FROM sync_records WHERE case_id = OLD.case_id AND purged_at IS NULL
)
BEGIN
    UPDATE cases SET status = (
        SELECT coalesce(prior_status, 'completed') FROM sync_records WHERE case_id = OLD.case_id
    ) WHERE id = OLD.case_id AND status = 'synced';
    UPDATE sync_records SET changed = 1 WHERE case_id = OLD.case_id AND changed = 0;
END;

CREATE TRIGGER interview_events_insert_after_sync AFTER INSERT ON interview_events
WHEN EXISTS (
    SELECT 1 FROM sync_records WHERE case_id = NEW.case_id AND purged_at IS NULL
)
BEGIN
    UPDATE cases SET status = (
        SELECT coalesce(prior_status, 'completed') FROM sync_records WHERE case_id = NEW.case_id
    ) WHERE id = NEW.case_id AND status = 'synced';
    UPDATE sync_records SET changed = 1 WHERE case_id = NEW.case_id AND changed = 0;
END;

CREATE TRIGGER interview_events_update_after_sync AFTER UPDATE ON interview_events
WHEN EXISTS (
    SELECT 1 FROM sync_records WHERE case_id = NEW.case_id AND purged_at IS NULL
)
BEGIN
    UPDATE cases SET status = (
        SELECT coalesce(prior_status, 'completed') FROM sync_records WHERE case_id = NEW.case_id
    ) WHERE id = NEW.case_id AND status = 'synced';
    UPDATE sync_records SET changed = 1 WHERE case_id = NEW.case_id AND changed = 0;
END;

CREATE TRIGGER decisions_insert_after_sync AFTER INSERT ON decisions
WHEN EXISTS (
    SELECT 1 FROM sync_records WHERE case_id = NEW.case_id AND purged_at IS NULL
)
BEGIN
    UPDATE cases SET status = (
        SELECT coalesce(prior_status, 'completed') FROM sync_records WHERE case_id = NEW.case_id
    ) WHERE id = NEW.case_id AND status = 'synced';
    UPDATE sync_records SET changed = 1 WHERE case_id = NEW.case_id AND changed = 0;
END;

CREATE TRIGGER decisions_update_after_sync AFTER UPDATE ON decisions
WHEN EXISTS (
    SELECT 1 FROM sync_records WHERE case_id = NEW.case_id AND purged_at IS NULL
)
BEGIN
    UPDATE cases SET status = (
        SELECT coalesce(prior_status, 'completed') FROM sync_records WHERE case_id = NEW.case_id
    ) WHERE id = NEW.case_id AND status = 'synced';
    UPDATE sync_records SET changed = 1 WHERE case_id = NEW.case_id AND changed = 0;
END;

CREATE TRIGGER referrals_insert_after_sync AFTER INSERT ON referrals
WHEN EXISTS (
    SELECT 1 FROM sync_records WHERE case_id = NEW.case_id AND purged_at IS NULL
)
BEGIN
    UPDATE cases SET status = (
        SELECT coalesce(prior_status, 'completed') FROM sync_records WHERE case_id = NEW.case_id
    ) WHERE id = NEW.case_id AND status = 'synced';
    UPDATE sync_records SET changed = 1 WHERE case_id = NEW.case_id AND changed = 0;
END;

CREATE TRIGGER referrals_update_after_sync AFTER UPDATE ON referrals
WHEN EXISTS (
    SELECT 1 FROM sync_records WHERE case_id = NEW.case_id AND purged_at IS NULL
)
BEGIN
    UPDATE cases SET status = (
        SELECT coalesce(prior_status, 'completed') FROM sync_records WHERE case_id = NEW.case_id
    ) WHERE id = NEW.case_id AND status = 'synced';
    UPDATE sync_records SET changed = 1 WHERE case_id = NEW.case_id AND changed = 0;
END;

CREATE TRIGGER interviews_update_after_sync AFTER UPDATE ON interviews
WHEN EXISTS (
    SELECT 1 FROM sync_records WHERE case_id = NEW.case_id AND purged_at IS NULL
)
BEGIN
    UPDATE cases SET status = (
        SELECT coalesce(prior_status, 'completed') FROM sync_records WHERE case_id = NEW.case_id
    ) WHERE id = NEW.case_id AND status = 'synced';
    UPDATE sync_records SET changed = 1 WHERE case_id = NEW.case_id AND changed = 0;
END;
"""
