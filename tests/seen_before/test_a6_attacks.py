"""Attacker 6 on "seen before" (docs/reviews/attacker-6.md): each attack, recorded and now
failing to work. A station insider rewrites its own records before they are bundled
(``attacker6.tamper``); real stores, bundles, import and root-signed packages throughout."""

from __future__ import annotations

import argparse
import contextlib
import secrets
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest

from interview_room.center import seen_before as centre_seen
from interview_room.center.importer import import_files
from interview_room.center.publish import write_beside
from interview_room.center.seen_before import rotate_key
from interview_room.cli import case as cli_case
from interview_room.seen_before import (
    EarlierInterview,
    MatchStrength,
    PersonDetails,
    SeenBeforeKey,
    person_tokens,
)
from interview_room.seen_before.held import held_keys, store_section
from interview_room.sync.centre_package_seen import IndexedInterview, SeenBeforeSection
from interview_room.sync.record_consent import DECISIONS
from interview_room.sync.sending import exchange_with_folder
from interview_room.training.scenarios import Path as ScenarioPath
from tests.conftest import run_cli
from tests.seen_before.attacker6 import centre_rows, checked, setup, tamper
from tests.seen_before.test_seen_before_end_to_end import OFFICER, _interview, _trip

FREE_TEXT = "Said_Arben_Shembulli_beat_him_at_Durres_port_tel_0691234567"


def _forged_then_legit(workstation: Any, tmp_path: Path, monkeypatch: Any, poison: Any) -> Any:
    """HAN sends one forged record and one honest one; MOR then checks the same person."""
    center, hani, morine, han_stick, mor_stick = setup(workstation, tmp_path)
    bad = _interview(hani, ScenarioPath.ADULT_POSITIVE, "Drita", "Shembulli", 1991)
    tamper(monkeypatch, lambda doc, case_id: poison(doc) if case_id == bad else doc)
    _interview(hani, ScenarioPath.ADULT_POSITIVE, "Mohammed", "Al-Hussein", 1990)
    _trip(hani.session, center, han_stick)
    monkeypatch.undo()
    _trip(morine.session, center, mor_stick)
    later = _interview(morine, ScenarioPath.ADULT_NOT_INDICATED, "Muhammad", "Husein", 1990)
    return checked(morine, later), centre_rows(center)


def _outcome(value: str) -> Any:
    def poison(doc: dict[str, Any]) -> dict[str, Any]:
        doc["decision"]["decision"] = value
        return doc

    return poison


def _recipients(values: list[str]) -> Any:
    def poison(doc: dict[str, Any]) -> dict[str, Any]:
        doc["referrals"] = [{**doc["referrals"][0], "recipient": v} for v in values]
        return doc

    return poison


@pytest.mark.parametrize(
    "poison",
    [
        _outcome("not a victim"),  # D2: refused the whole section at every station
        _outcome(FREE_TEXT),  # F1: free text to every station
        _recipients([f"r{n}" for n in range(17)]),  # D2
        _recipients([FREE_TEXT]),  # F1
    ],
    ids=["outcome-space", "outcome-free-text", "17-recipients", "recipient-free-text"],
)
def test_a6_a_forged_summary_is_not_indexed_and_does_not_blind_the_rest(
    workstation: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, poison: Any
) -> None:
    check, rows = _forged_then_legit(workstation, tmp_path, monkeypatch, poison)
    assert len(rows) == 1  # the honest record only
    assert len(check.matches) == 1
    shown = check.matches[0].earlier
    assert shown.outcome in DECISIONS and FREE_TEXT not in shown.recipients


def test_a6_huge_recipients_do_not_stop_the_package_for_every_station(
    workstation: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    center, hani, morine, han_stick, mor_stick = setup(workstation, tmp_path)

    def poison(doc: dict[str, Any], _: str) -> dict[str, Any]:
        if "seen_before" in doc:
            template = doc["referrals"][0]
            doc["referrals"] = [{**template, "recipient": f"{n}" + "x" * 2**20} for n in range(2)]
        return doc

    tamper(monkeypatch, poison)
    _interview(hani, ScenarioPath.ADULT_POSITIVE, "Drita", "Shembulli", 1991)
    han_stick.mkdir(exist_ok=True)
    visit = exchange_with_folder(hani.session, han_stick)
    monkeypatch.undo()
    assert visit.written is not None
    assert not import_files(center, [visit.written]).refused
    assert centre_rows(center) == []
    write_beside(center, mor_stick)  # D1: raised "larger than 32 MiB"
    got = exchange_with_folder(morine.session, mor_stick)
    assert got.package is not None and got.package.refused is None


def test_a6_a_station_cannot_claim_another_stations_case_code(
    workstation: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def poison(doc: dict[str, Any]) -> dict[str, Any]:
        doc["case"]["code"] = "MOR-2026-0999"
        doc["decision"]["decision"] = "indicators_not_met"
        return doc

    check, rows = _forged_then_legit(workstation, tmp_path, monkeypatch, poison)
    assert [code for code, _, _ in rows] != [] and all(c.startswith("HAN-") for c, _, _ in rows)
    assert not any(m.here for m in check.matches)
    assert all(m.earlier.case_code.startswith("HAN-") for m in check.matches)


def test_a6_a_forged_future_day_does_not_push_real_interviews_out(
    workstation: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    center, hani, morine, han_stick, mor_stick = setup(workstation, tmp_path)
    _interview(morine, ScenarioPath.ADULT_POSITIVE, "Mohammed", "Al-Hussein", 1990)
    _trip(morine.session, center, mor_stick)

    def future(doc: dict[str, Any], _: str) -> dict[str, Any]:
        if "seen_before" in doc:
            doc["case"]["started_at"] = "2099-12-31T00:00:00+00:00"
        return doc

    tamper(monkeypatch, future)
    _interview(hani, ScenarioPath.ADULT_POSITIVE, "Drita", "Shembulli", 1991)
    monkeypatch.setattr(centre_seen, "MAX_CASES", 1)  # the 30,000 bound, made small
    _trip(hani.session, center, han_stick)
    today = datetime.now(UTC).date().isoformat()
    assert [day <= today for _, day, _ in centre_rows(center)] == [True]
    _trip(morine.session, center, mor_stick)
    monkeypatch.undo()
    later = _interview(morine, ScenarioPath.ADULT_NOT_INDICATED, "Muhammad", "Husein", 1990)
    assert len(checked(morine, later).matches) == 1


def test_a6_a_record_that_says_refused_is_not_indexed(
    workstation: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    center, hani, _, han_stick, _ = setup(workstation, tmp_path)

    def contradict(doc: dict[str, Any], _: str) -> dict[str, Any]:
        if "seen_before" in doc:
            doc["personal_data"] = "minimal"
            doc["answers"] = [["consent_storage", "answered", "no"], *doc["answers"]]
            doc["events"].append(["2026-12-07T10:00:00+00:00", "consent_refused", {}])
        return doc

    tamper(monkeypatch, contradict)
    _interview(hani, ScenarioPath.ADULT_POSITIVE, "Drita", "Shembulli", 1991)
    with contextlib.suppress(AssertionError):  # the centre refusing the bundle is a fix too
        _trip(hani.session, center, han_stick)
    assert centre_rows(center) == []


def test_a6_retired_key_versions_leave_the_station(workstation: Any, tmp_path: Path) -> None:
    center, hani, morine, han_stick, mor_stick = setup(workstation, tmp_path)
    _interview(hani, ScenarioPath.ADULT_POSITIVE, "Mohammed", "Al-Hussein", 1990)
    _trip(hani.session, center, han_stick)
    db = center.open()
    try:
        rotate_key(db)
    finally:
        db.close()
    for _ in range(2):
        _trip(hani.session, center, han_stick)
        _trip(morine.session, center, mor_stick)
    assert {version for _, _, version in centre_rows(center)} == {2}
    assert [k.version for k in held_keys(morine.session.db)] == [2]


def test_a6_a_key_version_resent_with_another_secret_replaces_it(workstation: Any) -> None:
    db = workstation(name="morine", code="MOR").session.db
    first = SeenBeforeKey(1, secrets.token_bytes(32))
    second = SeenBeforeKey(1, secrets.token_bytes(32))  # a centre restored or re-created
    row = IndexedInterview(
        1,
        (secrets.token_bytes(32),),
        EarlierInterview("HAN-2026-0001", "Han", date(2026, 1, 1), "potential_victim", ()),
    )
    with db.transaction():
        assert not store_section(db, SeenBeforeSection((first,), (row,))).replaced
    with db.transaction():
        stored = store_section(db, SeenBeforeSection((second,), (row,)))
    assert stored.replaced and stored.rotated
    assert [k.secret for k in held_keys(db)] == [second.secret]


def test_a6_names_are_read_from_standard_input_never_the_command_line(
    workstation: Any, tmp_path: Path
) -> None:
    parser = argparse.ArgumentParser()
    cli_case.add_commands(parser.add_subparsers())
    said = parser.parse_args(["case", "seen-before", "X", "--username", "u", "--password-stdin"])
    assert not {"given_names", "surname", "birth_year", "birth_date"} & set(vars(said))
    center, hani, morine, han_stick, mor_stick = setup(workstation, tmp_path)
    _interview(hani, ScenarioPath.ADULT_POSITIVE, "Mohammed", "Al-Hussein", 1990)
    _trip(hani.session, center, han_stick)
    _trip(morine.session, center, mor_stick)
    later = _interview(morine, ScenarioPath.ADULT_NOT_INDICATED, "Drita", "Shembulli", 1991)
    code = morine.session.db.one("SELECT code FROM cases WHERE id = ?", (later,))
    ran = run_cli(
        "case", "seen-before", str(code[0]), "--data-dir", morine.data_dir, "--probe",
        "--username", OFFICER[0], "--password-stdin",
        stdin=f"{OFFICER[1]}\nMuhammad\nHusein\n1990\n",
    )  # fmt: skip
    assert ran.returncode == 0, ran.stderr
    assert "viktimë e mundshme, referim i dërguar në strehëz" in ran.stdout
    details = morine.session.db.one(
        "SELECT surname, birth_year FROM seen_before_details WHERE case_id = ?", (later,)
    )
    assert details == ("Shembulli", 1991)  # a lookup stores nothing (attacker 8, B1)


def test_a6_tokens_for_another_name_do_not_make_a_strong_match(
    workstation: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    center, hani, morine, han_stick, mor_stick = setup(workstation, tmp_path)
    key = held_keys(hani.session.db)[-1]
    victim = PersonDetails("Muhammad", "Husein", "syria", 1990)
    forged = [t.value.hex() for t in person_tokens(victim, key, datetime.now(UTC).date())]

    def swap(doc: dict[str, Any], _: str) -> dict[str, Any]:
        if "seen_before" in doc:
            doc["seen_before"]["tokens"] = forged
            doc["decision"]["decision"] = "indicators_not_met"
            doc["referrals"] = []
        return doc

    tamper(monkeypatch, swap)
    _interview(hani, ScenarioPath.ADULT_POSITIVE, "Drita", "Shembulli", 1991)
    _trip(hani.session, center, han_stick)
    monkeypatch.undo()
    _trip(morine.session, center, mor_stick)
    later = _interview(morine, ScenarioPath.ADULT_POSITIVE, "Muhammad", "Husein", 1990)
    found = checked(morine, later).matches
    # The centre derives the tokens again from the details the record carries (Drita's):
    # they disagree, and the record is not indexed. To forge, the insider must now write the
    # victim's name into a record the centre holds (THREAT_MODEL, "seen before").
    assert not any(m.strength is MatchStrength.STRONG for m in found)
    assert centre_rows(center) == []


def test_a6_an_id_off_the_closed_lists_is_worded_as_unknown_never_as_its_text() -> None:
    from interview_room.seen_before.held import ShownMatch
    from interview_room.seen_before.wording import match_line

    earlier = EarlierInterview("HAN-2026-0042", "Han", date(2026, 10, 3), FREE_TEXT, (FREE_TEXT,))
    for language, unknown in (("sq", "e panjohur"), ("en", "unknown")):
        shown = ShownMatch(earlier, MatchStrength.LIKELY, False)
        line = match_line(shown, language, decided=True)
        assert FREE_TEXT not in line and line.count(unknown) == 2
