"""Changes after sync: a case changed after the centre confirmed it is pending again at once.

Before this, such a case kept its "sent to central office" status and was not counted as
pending until the next export compared content hashes. Triggers on every table a case record is
built from (the case row's own recorded columns, the interview row, answers, events, decisions,
referrals) now mark the case as changed and give it back its status from before the
confirmation, whatever code path wrote. A purged case (``purged_at`` set first, then its content
removed) is left alone; so is a change of the case's status alone (the receipt sets it).
"""

# (table, the column naming the case, the statements that change a case through it)
WATCHED = (
    ("answers", "case_id", ("INSERT", "UPDATE", "DELETE")),
    ("interview_events", "case_id", ("INSERT", "UPDATE")),
    ("decisions", "case_id", ("INSERT", "UPDATE")),
    ("referrals", "case_id", ("INSERT", "UPDATE")),
    ("interviews", "case_id", ("UPDATE",)),
    (
        "cases",
        "id",
        ("UPDATE OF person_name, started_at, updated_at, officer_id, social_worker_id",),
    ),
)


def trigger_name(table: str, statement: str) -> str:
    return f"{table}_{statement.split()[0].lower()}_after_sync"


def _trigger(table: str, case_column: str, statement: str) -> str:
    case = f"{'OLD' if statement == 'DELETE' else 'NEW'}.{case_column}"
    return f"""CREATE TRIGGER {trigger_name(table, statement)} AFTER {statement} ON {table}
WHEN EXISTS (
    SELECT 1 FROM sync_records WHERE case_id = {case} AND purged_at IS NULL
)
BEGIN
    UPDATE cases SET status = (
        SELECT coalesce(prior_status, 'completed') FROM sync_records WHERE case_id = {case}
    ) WHERE id = {case} AND status = 'synced';
    UPDATE sync_records SET changed = 1 WHERE case_id = {case} AND changed = 0;
END;"""


TRIGGERS = tuple(
    (trigger_name(table, statement), _trigger(table, column, statement))
    for table, column, statements in WATCHED
    for statement in statements
)
SQL = "ALTER TABLE sync_records ADD COLUMN changed INTEGER NOT NULL DEFAULT 0;\n\n" + "\n\n".join(
    sql for _, sql in TRIGGERS
)
