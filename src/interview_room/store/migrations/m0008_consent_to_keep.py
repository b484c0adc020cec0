"""What the station may keep of a person follows their consent to keeping a record (issue 12).

``interviews.personal_data`` says which: ``pending`` until the storage consent is asked,
``kept`` once it is given, ``minimal`` when it is refused, skipped or the person prefers not to
answer. A minimal case keeps only the date and station (the case row), sex, nationality, an age
band (``interviews.age_band``), the outcome, the referrals made and the consents themselves; the
name, free text and every other answer are erased (``secure_delete`` overwrites them).

The data step applies this to cases an earlier version kept in full although the person had
refused: their name, answers, reasons and stop reasons are erased now. The ``interviews`` update
trigger of migration 6 marks such a case as changed, so the minimal version travels to the
centre and replaces the full one there.
"""

from __future__ import annotations

from interview_room.store.database import Database

SQL = """
ALTER TABLE interviews ADD COLUMN personal_data TEXT NOT NULL DEFAULT 'pending'
    CHECK (personal_data IN ('pending', 'kept', 'minimal'));
ALTER TABLE interviews ADD COLUMN age_band TEXT;
"""

# The ids of screening-v1 and v2 (consent ids are the same in both). Later data changes go
# through the interview, which reads the protocol itself.
_STORAGE_QUESTION = "consent_storage"
_KEPT_ANSWERS = ("prep_sex", "prep_nationality")
_AGE_BAND_SQL = """
CASE
    WHEN a.status IS NOT 'answered' OR a.value IS NULL OR a.value = ''
        OR a.value GLOB '*[^0-9]*' THEN
        CASE WHEN i.presumed_child THEN 'child_age_unknown' ELSE 'unknown' END
    WHEN CAST(a.value AS INTEGER) < 14 THEN '0-13'
    WHEN CAST(a.value AS INTEGER) < 18 THEN '14-17'
    WHEN CAST(a.value AS INTEGER) < 25 THEN '18-24'
    WHEN CAST(a.value AS INTEGER) < 35 THEN '25-34'
    WHEN CAST(a.value AS INTEGER) < 50 THEN '35-49'
    ELSE '50+'
END
"""


def migrate(db: Database) -> None:
    db.execute(
        "UPDATE interviews SET personal_data = 'kept' WHERE case_id IN (SELECT case_id FROM"
        " answers WHERE question_id = ? AND status = 'answered' AND value = '\"yes\"')",
        (_STORAGE_QUESTION,),
    )
    minimal = [
        str(row[0])
        for row in db.all(
            "SELECT case_id FROM answers WHERE question_id = ?"
            " AND (status != 'answered' OR value != '\"yes\"')",
            (_STORAGE_QUESTION,),
        )
    ]
    for case_id in minimal:
        db.execute(
            f"UPDATE interviews SET personal_data = 'minimal', age_band = (SELECT {_AGE_BAND_SQL}"
            " FROM interviews i LEFT JOIN answers a ON a.case_id = i.case_id"
            " AND a.question_id = 'prep_age' WHERE i.case_id = ?) WHERE case_id = ?",
            (case_id, case_id),
        )
        db.execute(
            "DELETE FROM answers WHERE case_id = ? AND question_id NOT IN (?, ?)"
            " AND question_id NOT LIKE 'consent\\_%' ESCAPE '\\'",
            (case_id, *_KEPT_ANSWERS),
        )
        db.execute("UPDATE cases SET person_name = '' WHERE id = ?", (case_id,))
        db.execute(
            "UPDATE interview_events SET detail = json_remove(detail, '$.reason')"
            " WHERE case_id = ? AND json_valid(detail)",
            (case_id,),
        )
        db.execute(
            "UPDATE decisions SET reasons = '', suggestion = json_object('outcome',"
            " json_extract(suggestion, '$.outcome'), 'protocol',"
            " json(json_extract(suggestion, '$.protocol'))) WHERE case_id = ?",
            (case_id,),
        )
