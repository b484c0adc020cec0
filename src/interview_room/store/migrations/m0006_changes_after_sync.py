"""Changes after sync: a case changed after the centre confirmed it is pending again at once.

Before this, such a case kept its "sent to central office" status and was not counted as
pending until the next export compared content hashes. Triggers on every table a case record is
built from (answers, events, decisions, referrals, the interview row) now mark the case as
changed and give it back its status from before the confirmation, whatever code path wrote.
A purged case (``purged_at`` set first, then its content removed) is left alone.
"""

# (table, the statements that change a case through it)
WATCHED = (
    ("answers", ("INSERT", "UPDATE", "DELETE")),
    ("interview_events", ("INSERT", "UPDATE")),
    ("decisions", ("INSERT", "UPDATE")),
    ("referrals", ("INSERT", "UPDATE")),
    ("interviews", ("UPDATE",)),
)


def _trigger(table: str, statement: str) -> str:
    row = "OLD" if statement == "DELETE" else "NEW"
    return f"""CREATE TRIGGER {table}_{statement.lower()}_after_sync AFTER {statement} ON {table}
WHEN EXISTS (
    SELECT 1 FROM sync_records WHERE case_id = {row}.case_id AND purged_at IS NULL
)
BEGIN
    UPDATE cases SET status = (
        SELECT coalesce(prior_status, 'completed') FROM sync_records WHERE case_id = {row}.case_id
    ) WHERE id = {row}.case_id AND status = 'synced';
    UPDATE sync_records SET changed = 1 WHERE case_id = {row}.case_id AND changed = 0;
END;"""


SQL = "ALTER TABLE sync_records ADD COLUMN changed INTEGER NOT NULL DEFAULT 0;\n\n" + "\n\n".join(
    _trigger(table, statement) for table, statements in WATCHED for statement in statements
)
