"""The seen-before index follows the record the centre holds, although each record is parsed
once per import (issue 14): the importer's parse of a bundle is used only for a record held with
that very content, never for an older version the bundle carries again."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from interview_room.center.importer import import_files
from interview_room.center.publish import write_beside
from interview_room.sync.sending import exchange_with_folder
from interview_room.training.scenarios import Path as ScenarioPath
from tests.seen_before.attacker6 import centre_rows, setup
from tests.seen_before.test_seen_before_end_to_end import _interview, _trip


def test_an_old_bundle_imported_again_never_brings_back_tokens_the_held_record_lost(
    workstation: Any, tmp_path: Path
) -> None:
    center, hani, _, han_stick, _ = setup(workstation, tmp_path)
    case_id = _interview(hani, ScenarioPath.ADULT_POSITIVE, "Drita", "Shembulli", 1991)
    visit = exchange_with_folder(hani.session, han_stick)
    assert visit.written is not None
    kept = tmp_path / "kept" / visit.written.name  # the first bundle, copied off the stick
    kept.parent.mkdir()
    kept.write_bytes(visit.written.read_bytes())
    assert not import_files(center, [visit.written]).refused
    write_beside(center, han_stick)
    exchange_with_folder(hani.session, han_stick)
    assert len(centre_rows(center)) == 1

    # The person withdraws consent to a record: the next version carries no tokens, and the
    # centre's row goes.
    db = hani.session.db
    with db.transaction():
        db.execute("UPDATE interviews SET personal_data = 'minimal' WHERE case_id = ?", (case_id,))
    _trip(hani.session, center, han_stick)
    assert centre_rows(center) == []

    # The first bundle again (a replay, its version older than the one held): its parsed
    # record still carries the tokens, but the centre indexes what it holds.
    run = import_files(center, [kept])
    assert not run.refused
    assert run.results[0].replayed
    assert centre_rows(center) == []
