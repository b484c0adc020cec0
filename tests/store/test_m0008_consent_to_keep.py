"""Migration 8: cases an earlier version kept in full although the person refused a record are
reduced to the minimal record, and their erased content is gone from the file itself."""

from __future__ import annotations

import json
import secrets
from pathlib import Path

import pytest

from interview_room.store import migrate as migrate_module
from interview_room.store.database import Database
from interview_room.store.migrate import migrate
from interview_room.store.migrations import MIGRATIONS
from tests.sqlcipher_pages import store_contains

REFUSED = ("Vjosa Shembulli-Mg8", "arsye-ndalimi-Xk2", "arsye-vendimi-Lp0")
"""The refused case's name, stop reason and decision reasons: unique, to find in the file."""
KEPT = ("Besa Shembulli-Rr3", "arsye-ndalimi-Qa7", "arsye-vendimi-Hw5")


def _case(db: Database, case_id: str, storage: str, age: int, words: tuple[str, str, str]) -> None:
    name, stop_reason, reasons = words
    now = "2025-11-03T10:00:00+00:00"
    db.execute(
        "INSERT INTO cases (id, code, status, person_name, started_at, updated_at)"
        " VALUES (?, ?, 'completed', ?, ?, ?)",
        (case_id, f"MOR-2025-{secrets.randbelow(9000) + 1000}", name, now, now),
    )
    db.execute(
        "INSERT INTO interviews (case_id, protocol_id, protocol_version, protocol_hash,"
        " person_language, current_section, presumed_child, outcome)"
        " VALUES (?, 'al-border-screening', '1.0.0', ?, 'sq', 'determination', 0, 'finished')",
        (case_id, "0" * 64),
    )
    for question, value in (
        ("prep_sex", "female"),
        ("prep_nationality", "kosovo"),
        ("prep_age", age),
        ("prep_language", "gjuha e shembullit"),
        ("consent_interview", "yes"),
        ("consent_storage", storage),
        ("need_anything_else", "fjalë e lirë"),
    ):
        db.execute(
            "INSERT INTO answers (case_id, question_id, status, value, answered_at)"
            " VALUES (?, ?, 'answered', ?, ?)",
            (case_id, question, json.dumps(value), now),
        )
    db.execute(
        "INSERT INTO interview_events (case_id, at, kind, detail) VALUES (?, ?, 'stopped', ?)",
        (case_id, now, json.dumps({"requested_by": "person", "reason": stop_reason})),
    )
    db.execute(
        "INSERT INTO users (id, username, display_name, role, created_at)"
        " VALUES (?, ?, 'Oficer', 'officer', ?)",
        (f"u-{case_id}", f"oficer{case_id[:6]}", now),
    )
    db.execute(
        "INSERT INTO decisions (case_id, suggested_outcome, suggestion, decision, reasons,"
        " officer_id, decided_at) VALUES (?, 'potential_victim', ?, 'potential_victim', ?, ?, ?)",
        (
            case_id,
            json.dumps(
                {
                    "outcome": "potential_victim",
                    "protocol": ["p", "1", "h"],
                    "indicators": ["cr_debt_bondage"],
                }
            ),
            reasons,
            f"u-{case_id}",
            now,
        ),
    )


def test_a_refusal_kept_in_full_before_is_reduced_to_the_minimal_record(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    key = secrets.token_bytes(32)
    path = tmp_path / "station.db"
    db = Database.open(path, key)
    try:
        with monkeypatch.context() as before:
            before.setattr(migrate_module, "MIGRATIONS", MIGRATIONS[:7])
            before.setattr(migrate_module, "LATEST_VERSION", 7)
            migrate(db, tmp_path / "backups")
        refused, kept = secrets.token_hex(16), secrets.token_hex(16)
        with db.transaction():
            _case(db, refused, "no", 31, REFUSED)
            _case(db, kept, "yes", 16, KEPT)
        db.checkpoint()
        assert all(store_contains(path, key, w.encode()) for w in (*REFUSED, *KEPT))

        assert migrate(db, tmp_path / "backups")[0] == 8
        db.checkpoint()

        rows = dict(
            db.all(
                "SELECT case_id, personal_data || ' ' || coalesce(age_band, '-') FROM interviews"
            )
        )
        assert rows == {refused: "minimal 25-34", kept: "kept -"}
        answers = {
            str(r[0])
            for r in db.all("SELECT question_id FROM answers WHERE case_id = ?", (refused,))
        }
        assert answers == {"prep_sex", "prep_nationality", "consent_interview", "consent_storage"}
        assert db.one("SELECT person_name FROM cases WHERE id = ?", (refused,)) == ("",)
        assert db.one("SELECT person_name FROM cases WHERE id = ?", (kept,)) == (KEPT[0],)
        reasons, suggestion = db.one(
            "SELECT reasons, suggestion FROM decisions WHERE case_id = ?", (refused,)
        ) or ("?", "{}")
        assert reasons == "" and json.loads(suggestion) == {
            "outcome": "potential_victim",
            "protocol": ["p", "1", "h"],
        }
        (detail,) = db.one("SELECT detail FROM interview_events WHERE case_id = ?", (refused,)) or (
            "",
        )
        assert json.loads(detail) == {"requested_by": "person"}
        # Gone from every page of the file and its log; the kept case's words are still there.
        for words in REFUSED:
            assert not store_contains(path, key, words.encode()), words
        assert all(store_contains(path, key, w.encode()) for w in KEPT)
    finally:
        db.close()
