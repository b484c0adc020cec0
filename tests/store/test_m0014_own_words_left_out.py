"""Migration 14: a referral records whether the officer left the person's own words out; the
referrals signed before it take that from their audit entry, where it was recorded."""

from __future__ import annotations

import json
import secrets
from pathlib import Path

import pytest

from interview_room.store import migrate as migrate_module
from interview_room.store.database import Database
from interview_room.store.migrate import migrate
from interview_room.store.migrations import MIGRATIONS, m0014_own_words_left_out

NOW = "2026-12-01T10:00:00+00:00"


def _referral(db: Database, case_id: str, user_id: str) -> str:
    referral_id = secrets.token_hex(16)
    db.execute(
        "INSERT INTO referrals (id, case_id, recipient, language, urgency, consented,"
        " created_at, created_by, pdf, social_worker_field) VALUES"
        " (?, ?, 'shelter', 'sq', 'immediate', 1, ?, ?, ?, '[]')",
        (referral_id, case_id, NOW, user_id, b"%PDF-synthetic"),
    )
    return referral_id


def _audited(db: Database, seq: int, detail: dict[str, object]) -> None:
    db.execute(
        "INSERT INTO audit_log (seq, at, actor, event, subject, detail, prev_hash, hash)"
        " VALUES (?, ?, 'oficer', 'referral_signed', 'MOR-2026-0001', ?, ?, ?)",
        (seq, NOW, json.dumps(detail, separators=(",", ":")), "0" * 64, f"{seq:064x}"),
    )


def test_referrals_signed_before_take_the_choice_from_their_audit_entry(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    index = MIGRATIONS.index(m0014_own_words_left_out)
    db = Database.open(tmp_path / "station.db", secrets.token_bytes(32))
    try:
        with monkeypatch.context() as before:
            before.setattr(migrate_module, "MIGRATIONS", MIGRATIONS[:index])
            before.setattr(migrate_module, "LATEST_VERSION", index)
            migrate(db, tmp_path / "backups")
        case_id, user_id = secrets.token_hex(16), secrets.token_hex(16)
        with db.transaction():
            db.execute(
                "INSERT INTO users (id, username, display_name, role, created_at)"
                " VALUES (?, 'oficer', 'Oficer', 'officer', ?)",
                (user_id, NOW),
            )
            db.execute(
                "INSERT INTO cases (id, code, status, person_name, started_at, updated_at)"
                " VALUES (?, 'MOR-2026-0001', 'completed', '', ?, ?)",
                (case_id, NOW, NOW),
            )
            left_out, kept, countersigned = (_referral(db, case_id, user_id) for _ in range(3))
            _audited(db, 1, {"referral": left_out, "role": "officer", "own_words_left_out": True})
            _audited(db, 2, {"referral": kept, "role": "officer", "basis": "consent"})
            # Only the officer's entry says it; another role's entry never sets it.
            _audited(db, 3, {"referral": countersigned, "role": "social_worker"})

        assert migrate(db, tmp_path / "backups")[0] == index + 1
        flags = dict(db.all("SELECT id, own_words_left_out FROM referrals"))
        assert flags == {left_out: 1, kept: 0, countersigned: 0}
        with pytest.raises(Exception, match="CHECK"):
            db.execute("UPDATE referrals SET own_words_left_out = 2 WHERE id = ?", (kept,))
    finally:
        db.close()
