"""Attacker 8 (docs/reviews/attacker-8.md), seen before: the breaks B1-B4, each replayed
against real SQLCipher stations, a real centre, real bundles on a stick and real root-signed
packages (the set-up of ``attacker6.py`` and ``test_seen_before_end_to_end.py``). Synthetic
people only."""

from __future__ import annotations

import dataclasses
import json
import secrets
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest

from interview_room.accounts import Role
from interview_room.center import audit_log
from interview_room.center.publish import latest_package, publish_revocations
from interview_room.center.seen_before import rotate_key
from interview_room.center.seen_before_status import index_status
from interview_room.error_sentences import error_sentence
from interview_room.seen_before import EarlierInterview, PersonDetails, person_tokens
from interview_room.seen_before.held import (
    SeenBeforeNameDiffers,
    held_keys,
    record_details,
    store_section,
)
from interview_room.seen_before.tokens import SeenBeforeKey
from interview_room.sync.centre_package import read_package, write_package
from interview_room.sync.centre_package_seen import (
    MAX_KEYS,
    IndexedInterview,
    SeenBeforeSection,
    open_sealed,
    read_section,
    seal,
    section_bytes,
    station_recipient,
)
from interview_room.sync.centre_package_station import apply_package
from interview_room.training.scenarios import Path as ScenarioPath
from tests.conftest import run_cli
from tests.seen_before.attacker6 import centre_rows, checked, setup, tamper
from tests.seen_before.test_seen_before_end_to_end import OFFICER, _interview, _trip

NEIGHBOUR = "Arben\nKrasniqi\n1985\n"


def _code(created: Any, case_id: str) -> str:
    return str(created.session.db.one("SELECT code FROM cases WHERE id = ?", (case_id,))[0])


def _details(created: Any, case_id: str) -> Any:
    return created.session.db.one(
        "SELECT given_names, surname, birth_year FROM seen_before_details WHERE case_id = ?",
        (case_id,),
    )


def _seen_before(created: Any, code: str, *flags: str, stdin: str) -> Any:
    return run_cli(
        "--lang", "sq", "case", "seen-before", code, "--data-dir", created.data_dir,
        "--username", OFFICER[0], "--password-stdin", *flags, stdin=f"{OFFICER[1]}\n{stdin}",
    )  # fmt: skip


def test_a8_b1_a_name_checked_on_a_case_is_never_planted_as_that_case(
    workstation: Any, tmp_path: Path
) -> None:
    center, hani, morine, han_stick, mor_stick = setup(workstation, tmp_path)
    kept = _interview(hani, ScenarioPath.ADULT_POSITIVE, "Mohammed", "Al-Hussein", 1990)
    _trip(hani.session, center, han_stick)
    code = _code(hani, kept)
    # Recording another name on the case is refused, in the officer's language.
    said = _seen_before(hani, code, "--details-stdin", stdin=NEIGHBOUR)
    assert said.returncode == 1 and "nuk është emri i personit" in said.stderr, said.stderr
    # The lookup the officer wanted: the neighbour checked, nothing stored.
    probed = _seen_before(hani, code, "--probe", stdin=NEIGHBOUR)
    assert probed.returncode == 0, probed.stderr
    assert _details(hani, kept) == ("Mohammed", "Al-Hussein", 1990)
    last = hani.session.audit.entries()[-2]  # before the CLI session's logout
    assert (last.event, json.loads(last.detail)) == (
        "seen_before_checked",
        {"matches": 0, "recorded": False},
    )
    _trip(hani.session, center, han_stick)
    _trip(morine.session, center, mor_stick)
    neighbour = _interview(morine, ScenarioPath.ADULT_NOT_INDICATED, "Arben", "Krasniqi", 1985)
    assert not checked(morine, neighbour).matches
    # The real person is still recognised.
    again = _interview(morine, ScenarioPath.ADULT_NOT_INDICATED, "Muhammad", "Husein", 1990)
    assert [m.earlier.case_code for m in checked(morine, again).matches] == [code]


def test_a8_b1_the_centre_indexes_only_details_of_the_records_own_person(
    workstation: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An insider (or an older station) sends consistent tokens for another name: the
    centre derives the same tokens, but the name is not the record's person_name."""
    center, hani, _, han_stick, _ = setup(workstation, tmp_path)
    key = held_keys(hani.session.db)[-1]
    other = PersonDetails("Arben", "Krasniqi", "syria", 1985)
    forged = [t.value.hex() for t in person_tokens(other, key, datetime.now(UTC).date())]

    def planted(document: dict[str, Any], _: str) -> dict[str, Any]:
        if "seen_before" in document:
            document["seen_before"]["tokens"] = forged
            document["seen_before"]["person"].update(
                given_names="Arben", surname="Krasniqi", birth_year=1985
            )
        return document

    tamper(monkeypatch, planted)
    _interview(hani, ScenarioPath.ADULT_POSITIVE, "Mohammed", "Al-Hussein", 1990)
    _trip(hani.session, center, han_stick)
    assert centre_rows(center) == []


def test_a8_b1_a_corrected_birth_or_name_is_still_possible_and_audited(
    workstation: Any, tmp_path: Path
) -> None:
    created = workstation(name="hani", code="HAN")
    created.session.add_user(OFFICER[0], "Oficer Shembulli", Role.OFFICER, OFFICER[1])
    kept = _interview(created, ScenarioPath.ADULT_POSITIVE, "Mohammed", "Al-Hussein", 1990)
    officer = created.workstation.unlock(*OFFICER)
    try:
        with officer.db.transaction():  # a later, corrected year: recorded and audited
            record_details(officer, kept, "Mohammed", "Al-Hussein", 1991)
        entry = officer.audit.entries()[-1]
        assert entry.event == "seen_before_details_changed"
        assert json.loads(entry.detail) == {
            "name": False,
            "birth": True,
            "case_name_corrected": False,
        }
        with pytest.raises(SeenBeforeNameDiffers) as refused, officer.db.transaction():
            record_details(officer, kept, "Muhamed", "Hasani", 1991)
        assert error_sentence(refused.value, "sq") and error_sentence(refused.value, "en")
        with officer.db.transaction():  # "this is the person": the case's name is corrected
            record_details(officer, kept, "Muhamed", "Hasani", 1991, correct_case_name=True)
        entry = officer.audit.entries()[-1]
        assert json.loads(entry.detail) == {
            "name": True,
            "birth": False,
            "case_name_corrected": True,
        }
        assert "Muhamed" not in entry.detail and "Hasani" not in entry.detail
        assert officer.db.one("SELECT person_name FROM cases WHERE id = ?", (kept,)) == (
            "Muhamed Hasani",
        )
    finally:
        officer.logout()


def _nine_versions_with_rows(center: Any) -> None:
    """Eight rotations, each leaving one row of a station that never sent its case again (a
    revoked station, a closed crossing), then a tenth, current key."""
    db = center.open()
    try:
        row = db.one("SELECT * FROM seen_before_cases")
        columns = [c[1] for c in db.all("PRAGMA table_info(seen_before_cases)")]
        with db.transaction():
            for version in range(2, 10):
                rotate_key(db)
                values = dict(zip(columns, row, strict=True))
                values.update(record_id=f"gone-{version}", key_version=version)
                db.execute(
                    f"INSERT INTO seen_before_cases ({', '.join(values)}) VALUES"
                    f" ({', '.join('?' for _ in values)})",
                    tuple(values.values()),
                )
        rotate_key(db)
    finally:
        db.close()


def test_a8_b2_more_key_versions_than_a_station_reads_never_freeze_its_index(
    workstation: Any, tmp_path: Path
) -> None:
    center, hani, morine, han_stick, mor_stick = setup(workstation, tmp_path)
    _interview(hani, ScenarioPath.ADULT_POSITIVE, "Mohammed", "Al-Hussein", 1990)
    _trip(hani.session, center, han_stick)
    _nine_versions_with_rows(center)
    assert publish_revocations(center) is not None
    _trip(morine.session, center, mor_stick)
    data = latest_package(center)
    assert data is not None
    package = read_package(data, center.keys().root_certificate_der).package
    key = morine.session.db.one("SELECT station_key FROM sync_link WHERE id = 1")
    assert key is not None and package.seen_before is not None
    opened = open_sealed(package.seen_before, bytes(key[0]))
    assert opened is not None
    section = read_section(opened)
    assert [k.version for k in section.keys] == list(range(11 - MAX_KEYS, 11))
    assert held_keys(morine.session.db)[-1].version == 10
    db = center.open()
    try:
        logged = [e for e in audit_log.entries(db) if e.event == "seen_before_section_trimmed"]
        status = index_status(db)
    finally:
        db.close()
    assert json.loads(logged[-1].detail) == {
        "package": package.number,
        "versions_left_out": 2,
        "newest_left_out": 2,
        "entries_left_out": 2,
    }
    assert [k.version for k in status.keys if not k.sent] == [1, 2]


def test_a8_b2_a_section_the_station_refuses_is_in_its_audit_log(
    workstation: Any, tmp_path: Path
) -> None:
    """A package whose section carries more keys than a station reads (a centre on an older
    program): the index held stays, and the apply's audit entry says so."""
    center, _, morine, _, _ = setup(workstation, tmp_path)
    data = latest_package(center)
    assert data is not None
    root = center.keys().root_certificate_der
    package = read_package(data, root).package
    keys = tuple(SeenBeforeKey(v, secrets.token_bytes(32)) for v in range(1, MAX_KEYS + 2))
    db = center.open()
    try:
        public = db.one("SELECT public_key FROM stations WHERE code = 'MOR'")
    finally:
        db.close()
    assert public is not None
    sealed = seal(section_bytes(SeenBeforeSection(keys, ())), [station_recipient(bytes(public[0]))])
    later = dataclasses.replace(package, number=package.number + 1, seen_before=sealed)
    signed = write_package(
        later, root_certificate_der=root, root_private_key_der=center.root_private_key()
    )
    apply_package(morine.session, signed)
    entry = [e for e in morine.session.audit.entries() if "centre_package" in e.detail][-1]
    assert json.loads(entry.detail)["seen_before_refused"] == "unreadable"
    assert [k.version for k in held_keys(morine.session.db)] == [1]


def test_a8_b3_repeated_tokens_are_not_indexed_and_the_centre_keeps_its_own(
    workstation: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    center, hani, _, han_stick, _ = setup(workstation, tmp_path)

    def doubled(document: dict[str, Any], _: str) -> dict[str, Any]:
        if document.get("seen_before"):
            document["seen_before"]["tokens"] = (document["seen_before"]["tokens"] * 2)[:8]
        return document

    tamper(monkeypatch, doubled)
    _interview(hani, ScenarioPath.ADULT_POSITIVE, "Mohammed", "Al-Hussein", 1990)
    _trip(hani.session, center, han_stick)
    assert centre_rows(center) == []
    monkeypatch.undo()
    _interview(hani, ScenarioPath.ADULT_POSITIVE, "Drita", "Shembulli", 1991)
    _trip(hani.session, center, han_stick)
    key = held_keys(hani.session.db)[-1]
    own = person_tokens(PersonDetails("Drita", "Shembulli", "syria", 1991), key, date.today())
    db = center.open()
    try:
        stored = [json.loads(r[0]) for r in db.all("SELECT tokens FROM seen_before_cases")]
    finally:
        db.close()
    assert stored == [[t.value.hex() for t in own]]


def test_a8_b4_at_this_station_is_decided_by_the_parsed_station_code(workstation: Any) -> None:
    created = workstation(name="hani", code="HAN")
    created.session.add_user(OFFICER[0], "Oficer Shembulli", Role.OFFICER, OFFICER[1])
    key = SeenBeforeKey(1, secrets.token_bytes(32))
    tokens = tuple(
        t.value
        for t in person_tokens(
            PersonDetails("Mohammed", "Al-Hussein", "syria", 1990), key, date.today()
        )
    )
    day = date(2026, 10, 3)
    entries = tuple(
        IndexedInterview(1, tokens, EarlierInterview(code, name, day, "potential_victim", ()))
        for code, name in (("HAN-2-2026-0007", "Han i Hotit 2"), ("HAN-2026-0042", "Han i Hotit"))
    )
    with created.session.db.transaction():
        store_section(created.session.db, SeenBeforeSection((key,), entries))
    later = _interview(created, ScenarioPath.ADULT_NOT_INDICATED, "Mohammed", "Al-Hussein", 1990)
    shown = {m.earlier.case_code: m.here for m in checked(created, later).matches}
    assert shown == {"HAN-2-2026-0007": False, "HAN-2026-0042": True}
