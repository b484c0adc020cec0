"""Issue 16, done when: a person interviewed at station A is shown as seen before at station B,
with nothing but the summary crossing.

Two real stations (SQLCipher stores, real keys) enrolled by a real centre, real bundles on a
stick, a real import, a real root-signed package with the sealed index; nothing is mocked.
Synthetic people only."""

from __future__ import annotations

import base64
import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from interview_room.accounts import Role
from interview_room.center.enrollment import make_enrollment
from interview_room.center.importer import import_files
from interview_room.center.publish import latest_package, publish_revocations, write_beside
from interview_room.center.seen_before import rotate_key
from interview_room.center.store import CenterStore
from interview_room.interview.interview import Interview
from interview_room.interview.protocols import ProtocolLibrary
from interview_room.referral.content import Urgency
from interview_room.referral.referrals import Referrals
from interview_room.seen_before import MatchStrength
from interview_room.seen_before.held import (
    SeenBeforeNeedsConsent,
    check_case,
    held_keys,
    record_details,
)
from interview_room.sync.centre_package import read_package
from interview_room.sync.centre_package_seen import open_sealed, read_section
from interview_room.sync.enrollment import enroll
from interview_room.sync.records import case_record
from interview_room.sync.sending import exchange_with_folder
from interview_room.training.scenarios import Path as ScenarioPath
from interview_room.training.scenarios import run_scenario
from interview_room.workstation import Session
from tests.conftest import (
    ADMIN_PASSWORD,
    ADMIN_USERNAME,
    CreatedStation,
    WorkstationFactory,
    run_cli,
)

OFFICER = ("oficer.kufiri", "qershi-lumi-guri-shtatë")
SYRIA = 2  # the scenario index whose nationality is "syria"
NAMES = ("Mohammed", "Al-Hussein", "Muhammad", "Husein", "Drita", "Shembulli")


def _enrolled(center: CenterStore, created: CreatedStation, name: str, code: str) -> None:
    package = make_enrollment(center, station_name=name, station_code=code, url=None)
    enroll(created.session, package.data, package.passphrase)
    created.session.add_user(OFFICER[0], "Oficer Shembulli", Role.OFFICER, OFFICER[1])


def _trip(station: Session, center: CenterStore, stick: Path) -> None:
    stick.mkdir(exist_ok=True)
    visit = exchange_with_folder(station, stick)
    assert visit.package is None or visit.package.refused is None, visit.package.refused
    if visit.written is not None:
        run = import_files(center, [visit.written])
        assert not run.refused, run.refused
    write_beside(center, stick)
    exchange_with_folder(station, stick)


def _interview(
    created: CreatedStation, path: ScenarioPath, given: str, surname: str, year: int
) -> str:
    """The officer interviews a synthetic person and records their details for the check;
    returns the case id."""
    officer = created.workstation.unlock(*OFFICER)
    made = run_scenario(
        officer, ProtocolLibrary().current(), path, f"{given} {surname}", SYRIA, None
    )
    case = next(c for c in officer.cases.search() if c.code == made.case_code)
    if path is ScenarioPath.ADULT_POSITIVE:
        Referrals(officer).create(
            Interview.resume(officer, case.id, ProtocolLibrary()),
            recipient="shelter",
            language="sq",
            urgency=Urgency.ROUTINE,
            officer_password=OFFICER[1],
        )
    with officer.db.transaction():
        record_details(officer, case.id, given, surname, year)
    officer.logout()
    return case.id


def test_a_person_interviewed_at_one_station_is_seen_before_at_another_and_only_the_summary_crosses(
    workstation: WorkstationFactory, tmp_path: Path
) -> None:
    center = CenterStore(tmp_path / "center")
    center.create(training=True)
    hani = workstation(name="hani", code="HAN")
    _enrolled(center, hani, "Han i Hotit", "HAN")
    morine = workstation(name="morine", code="MOR")
    _enrolled(center, morine, "Morinë", "MOR")
    han_stick, mor_stick = tmp_path / "han-stick", tmp_path / "mor-stick"
    # The first package brings the key (version 1) to both stations.
    _trip(hani.session, center, han_stick)
    _trip(morine.session, center, mor_stick)
    assert [k.version for k in held_keys(hani.session.db)] == [1]
    assert held_keys(morine.session.db) == held_keys(hani.session.db)

    # Station A: one person kept with consent and referred to the shelter; one who refused.
    kept = _interview(hani, ScenarioPath.ADULT_POSITIVE, "Mohammed", "Al-Hussein", 1990)
    with pytest.raises(SeenBeforeNeedsConsent):
        _interview(hani, ScenarioPath.STORAGE_REFUSED, "Drita", "Shembulli", 1990)
    record = json.loads(case_record(hani.session.db, kept, "x"))
    assert record["seen_before"]["key_version"] == 1 and len(record["seen_before"]["tokens"]) == 4
    refused_codes = {c.code for c in hani.session.cases.search()} - {record["case"]["code"]}
    _trip(hani.session, center, han_stick)
    _trip(morine.session, center, mor_stick)

    # What crossed: the package body names nobody; the sealed index holds codes and tokens.
    data = latest_package(center)
    assert data is not None
    root = center.keys().root_certificate_der
    package = read_package(data, root).package
    body = base64.b64decode(json.loads(data)["body"])
    assert json.loads(body)["version"] == 3
    assert package.seen_before is not None
    station_key = morine.session.db.one("SELECT station_key FROM sync_link WHERE id = 1")
    assert station_key is not None
    plain = open_sealed(package.seen_before, bytes(station_key[0]))
    assert plain is not None
    for text in (body, package.seen_before, plain):
        for name in NAMES:
            assert name.encode() not in text and name.lower().encode() not in text.lower()
    section = read_section(plain)
    assert [i.earlier.case_code for i in section.interviews] == [record["case"]["code"]]
    assert not refused_codes & {i.earlier.case_code for i in section.interviews}
    assert set(json.loads(plain)["cases"][0]) == {
        "key_version", "tokens", "case_code", "station", "station_code", "interviewed_on",
        "outcome", "recipients",
    }  # fmt: skip

    # Station B: the same person, written another way, is seen before with A's summary.
    later = _interview(morine, ScenarioPath.ADULT_NOT_INDICATED, "Muhammad", "Husein", 1990)
    officer = morine.workstation.unlock(*OFFICER)
    check = check_case(officer, later)
    assert len(check.matches) == 1
    match = check.matches[0]
    assert match.earlier.case_code == record["case"]["code"]
    assert match.earlier.station == "Han i Hotit" and not match.here
    assert match.earlier.outcome == "potential_victim"
    assert match.earlier.recipients == ("shelter",)
    assert match.earlier.interviewed_on == datetime.now(UTC).date()
    assert match.strength is MatchStrength.STRONG
    entry = officer.audit.entries()[-1]
    assert entry.event == "seen_before_checked" and entry.subject is not None
    assert "Husein" not in entry.detail and "Muhammad" not in entry.detail
    officer.logout()
    # The command line says the same, in Albanian by default.
    code = morine.session.db.one("SELECT code FROM cases WHERE id = ?", (later,))
    assert code is not None
    said = run_cli(
        "case", "seen-before", str(code[0]), "--data-dir", morine.data_dir,
        "--username", OFFICER[0], "--password-stdin", stdin=OFFICER[1] + "\n",
    )  # fmt: skip
    assert said.returncode == 0, said.stderr
    assert (
        f"në Han i Hotit ({record['case']['code']}): vendimi i punonjësve atëherë: "
        "viktimë e mundshme, referim i dërguar në strehëz" in (said.stdout)
    )
    assert "Mos e bëni personin të tregojë sërish atë që ka thënë." in said.stdout

    # At A, its own case is not a match of itself.
    officer = hani.workstation.unlock(*OFFICER)
    assert check_case(officer, kept).matches == ()
    officer.logout()


def test_a_new_key_version_re_derives_the_tokens_of_kept_cases_at_the_next_export(
    workstation: WorkstationFactory, tmp_path: Path
) -> None:
    center = CenterStore(tmp_path / "center")
    center.create(training=True)
    hani = workstation(name="hani", code="HAN")
    _enrolled(center, hani, "Han i Hotit", "HAN")
    stick = tmp_path / "stick"
    _trip(hani.session, center, stick)
    kept = _interview(hani, ScenarioPath.ADULT_POSITIVE, "Mohammed", "Al-Hussein", 1990)
    _trip(hani.session, center, stick)
    db = center.open()
    try:
        rotate_key(db)
    finally:
        db.close()
    assert publish_revocations(center) is not None  # the new key changes the section
    _trip(hani.session, center, stick)  # brings key 2; the kept case is marked changed
    assert [k.version for k in held_keys(hani.session.db)] == [1, 2]
    _trip(hani.session, center, stick)  # sends the case again, with tokens under key 2
    db = center.open()
    try:
        versions = db.all("SELECT key_version FROM seen_before_cases WHERE record_id = ?", (kept,))
    finally:
        db.close()
    assert versions == [(2,)]
    _ = ADMIN_USERNAME, ADMIN_PASSWORD


def test_the_details_go_when_the_person_withdraws_consent_to_a_record(
    workstation: WorkstationFactory,
) -> None:
    created = workstation(name="hani", code="HAN")
    created.session.add_user(OFFICER[0], "Oficer Shembulli", Role.OFFICER, OFFICER[1])
    case_id = _interview(created, ScenarioPath.ADULT_POSITIVE, "Mohammed", "Al-Hussein", 1990)
    db = created.session.db
    assert db.one("SELECT count(*) FROM seen_before_details") == (1,)
    with db.transaction():
        db.execute("UPDATE interviews SET personal_data = 'minimal' WHERE case_id = ?", (case_id,))
    assert db.one("SELECT count(*) FROM seen_before_details") == (0,)


def test_a_check_against_ten_thousand_earlier_interviews_is_quick(
    workstation: WorkstationFactory,
) -> None:
    import secrets
    import time
    from datetime import date

    from interview_room.seen_before import EarlierInterview, SeenBeforeKey, person_tokens
    from interview_room.seen_before.held import store_section
    from interview_room.seen_before.tokens import PersonDetails
    from interview_room.sync.centre_package_seen import IndexedInterview, SeenBeforeSection

    created = workstation(name="morine", code="MOR")
    created.session.add_user(OFFICER[0], "Oficer Shembulli", Role.OFFICER, OFFICER[1])
    case_id = _interview(created, ScenarioPath.ADULT_NOT_INDICATED, "Muhammad", "Husein", 1990)
    key = SeenBeforeKey(1, secrets.token_bytes(32))
    today = datetime.now(UTC).date()
    real = person_tokens(PersonDetails("Mohammed", "Al-Hussein", "syria", 1990), key, today)
    interviews = [
        IndexedInterview(
            1,
            tuple(secrets.token_bytes(32) for _ in range(5)),
            EarlierInterview(f"HAN-2026-{n:05d}", "Han i Hotit", date(2026, 1, 1), "x", ()),
        )
        for n in range(10_000)
    ]
    interviews.append(
        IndexedInterview(
            1,
            tuple(t.value for t in real),
            EarlierInterview("HAN-2026-0042", "Han i Hotit", date(2026, 10, 3), "x", ()),
        )
    )
    db = created.session.db
    started = time.perf_counter()
    with db.transaction():
        store_section(db, SeenBeforeSection((key,), tuple(interviews)))
    stored = time.perf_counter() - started
    officer = created.workstation.unlock(*OFFICER)
    started = time.perf_counter()
    check = check_case(officer, case_id)
    checked = time.perf_counter() - started
    print(
        f"\nstation: 10,001 interviews stored in {stored:.2f} s, one check {checked * 1000:.0f} ms"
    )
    assert [m.earlier.case_code for m in check.matches] == ["HAN-2026-0042"]
    assert check.index_size == 10_001
    assert checked < 1.0
