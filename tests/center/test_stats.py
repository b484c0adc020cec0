"""Anonymous statistics from a real centre holding records of two real stations: the right
counts, small cells suppressed, and never a name, case code or record id in the CSV or PDF."""

from __future__ import annotations

import csv
import io
import json
import subprocess
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from interview_room.accounts import Role
from interview_room.center.importer import import_files
from interview_room.center.stats import (
    SECONDARY_MARK,
    SMALL_MARK,
    Dimension,
    InvalidPeriod,
    Statistics,
    Suppression,
    UnsupportedReportFormat,
    compute_statistics,
    csv_bytes,
    interview_date,
    suppress,
    write_csv,
)
from interview_room.center.stats_pdf import write_pdf
from interview_room.center.stats_report import ReportFormat, format_from_path, write_report
from interview_room.center.store import CenterStore
from interview_room.interview.interview import Interview
from interview_room.interview.protocols import ProtocolLibrary
from interview_room.referral.content import Urgency
from interview_room.referral.referrals import Referrals
from interview_room.screening import Answer, Protocol, SectionKind
from interview_room.store.kdf import MINIMUM_ARGON2
from interview_room.sync.station import StationSync
from interview_room.training.scenarios import Path as ScenarioPath
from interview_room.training.scenarios import run_scenario, scenario_answers
from interview_room.workstation import Session, Workstation
from tests.conftest import ADMIN_PASSWORD, ADMIN_USERNAME
from tests.external_tools import require_tool, run_tool

FIRST_QUARTER = (date(2026, 1, 1), date(2026, 3, 31))
MORINE = "Stacioni Morinë (sintetik)"
HAN_I_HOTIT = "Stacioni Han i Hotit (sintetik)"


@dataclass(frozen=True)
class Centre:
    center: CenterStore
    names: tuple[str, ...]
    codes: tuple[str, ...]
    record_ids: tuple[str, ...]
    free_texts: tuple[str, ...]


def _person(number: int) -> str:
    return f"Personi Sintetik {chr(65 + number)}{chr(75 + number % 15)}"


def _answers(path: ScenarioPath, index: int, *changes: Answer) -> dict[str, Answer]:
    """A training path's answers, some of them changed."""
    answers = {q: Answer.given(q, v) for q, v in scenario_answers(path, index).items()}
    return answers | {change.question_id: change for change in changes}


def _interview(
    session: Session, protocol: Protocol, answers: Mapping[str, Answer], name: str
) -> Interview:
    """Answer section by section through the public API, then record the suggested outcome."""
    interview = Interview.begin(session, protocol, "sq", name)
    while True:
        while pending := [
            q
            for q in interview.visible_questions(interview.current_section)
            if q.id in answers and q.id not in interview.answers
        ]:
            interview.answer(answers[pending[0].id])
        following = interview.next_section()
        if following is None or following.kind is SectionKind.DETERMINATION:
            break
        interview.go_to(following)
    interview.go_to(protocol.sections[-1])
    interview.record_decision(
        interview.assessment().suggested_outcome.value, "Arsye sintetike: rast trajnimi."
    )
    return interview


def _station(folder: Path, name: str, code: str, center: CenterStore) -> Session:
    session = (
        Workstation(folder)
        .create(name, code, ADMIN_USERNAME, "Admin Shembulli", ADMIN_PASSWORD, kdf=MINIMUM_ARGON2)
        .session
    )
    keys = center.keys()
    station = session.station
    key = center.enroll_station(station.station_id, station.name, station.code)
    StationSync(session).link(key, keys.age_recipient, keys.receipt_public_key)
    return session


def _set_started(session: Session, case_id: str, moment: str) -> None:
    with session.db.transaction():
        session.db.execute("UPDATE cases SET started_at = ? WHERE id = ?", (moment, case_id))


def _send(session: Session, center: CenterStore, folder: Path) -> None:
    folder.mkdir()
    sync = StationSync(session)
    bundle = sync.write_to_folder(folder)
    assert bundle is not None
    assert not import_files(center, [bundle]).refused
    sync.receive_from_folder(folder)


@pytest.fixture(scope="module")
def centre(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Centre]:
    """19 cases in the first quarter of 2026 (15 at Morinë, 4 at Han i Hotit) and 3 outside."""
    root = tmp_path_factory.mktemp("stats")
    center = CenterStore(root / "center")
    center.create(training=True)
    protocol = ProtocolLibrary().current()
    mor = _station(root / "mor", MORINE, "MOR", center)
    han = _station(root / "han", HAN_I_HOTIT, "HAN", center)
    names: list[str] = []

    def scenario(path: ScenarioPath, index: int, moment: str) -> str:
        names.append(_person(len(names)))
        code = run_scenario(mor, protocol, path, names[-1], index, None).case_code
        (case,) = [c for c in mor.cases.search() if c.code == code]
        _set_started(mor, case.id, moment)
        return case.id

    # In the quarter: 23:30 UTC on 31 December is already 1 January in Albania.
    positives = [
        scenario(ScenarioPath.ADULT_POSITIVE, i, f"2026-01-0{i + 1}T10:00:00+00:00")
        for i in range(1, 6)
    ]
    positives.append(scenario(ScenarioPath.ADULT_POSITIVE, 0, "2025-12-31T23:30:00+00:00"))
    for i in range(6, 11):
        scenario(ScenarioPath.ADULT_NOT_INDICATED, i, f"2026-02-{i + 3:02d}T09:00:00+00:00")
    scenario(ScenarioPath.CHILD, 11, "2026-03-02T08:00:00+00:00")
    scenario(ScenarioPath.CONSENT_REFUSED, 12, "2026-03-03T08:00:00+00:00")
    scenario(ScenarioPath.STOPPED_MIDWAY, 13, "2026-03-04T08:00:00+00:00")
    draft = scenario(ScenarioPath.INCOMPLETE, 14, "2026-03-05T08:00:00+00:00")
    # Outside: 22:30 UTC on 31 December is still 2025, 22:30 UTC on 31 March is 1 April.
    for i, moment in enumerate(
        ("2025-12-31T22:30:00+00:00", "2026-03-31T22:30:00+00:00", "2026-04-15T12:00:00+00:00")
    ):
        scenario(ScenarioPath.ADULT_NOT_INDICATED, 15 + i, moment)
    # Only a border police officer makes a referral (issue 13), on their own connection.
    mor.add_user("oficer.mor", "Oficer Shembulli", Role.OFFICER, "synthetic-officer-passphrase")
    officer = Workstation(root / "mor").unlock("oficer.mor", "synthetic-officer-passphrase")
    referrals = Referrals(officer)
    for case_id in positives[:5]:
        referrals.create(
            Interview.resume(officer, case_id, ProtocolLibrary()),
            recipient="responsible_authority",
            language="en",
            urgency=Urgency.ROUTINE,
            officer_password="synthetic-officer-passphrase",
        )
    officer.logout()

    sexual = Answer.given("work_kind", ["sexual_services"])
    montenegro = Answer.given("prep_nationality", "montenegro")
    han_cases = [
        _answers(ScenarioPath.ADULT_POSITIVE, 0, sexual, montenegro),
        _answers(ScenarioPath.ADULT_POSITIVE, 1, sexual, montenegro),
        _answers(
            ScenarioPath.ADULT_POSITIVE,
            2,
            Answer.given("work_kind", ["sexual_services", "hospitality"]),
            montenegro,
        ),
        _answers(ScenarioPath.CHILD, 3, Answer.prefers_not_to_answer("prep_age"), montenegro),
    ]
    for day, answers in enumerate(han_cases, start=10):
        names.append(_person(len(names)))
        interview = _interview(han, protocol, answers, names[-1])
        # 21:30 UTC on 31 March is still 31 March in Albania (summer time).
        moment = "2026-03-31T21:30:00+00:00" if day == 13 else f"2026-03-{day}T11:00:00+00:00"
        _set_started(han, interview.case.id, moment)

    _send(mor, center, root / "usb-mor-1")
    _send(han, center, root / "usb-han")
    # The draft goes on after its first version reached the centre: only the newest counts.
    Interview.resume(mor, draft, ProtocolLibrary()).answer(
        Answer.given("prep_nationality", "greece")
    )
    _send(mor, center, root / "usb-mor-2")

    cases = [c for session in (mor, han) for c in session.cases.search()]
    db = center.open()
    try:
        record_ids = tuple(str(r[0]) for r in db.all("SELECT record_id FROM records"))
    finally:
        db.close()
    yield Centre(
        center,
        tuple(names),
        tuple(c.code for c in cases),
        record_ids,
        ("Shembulli", "Rast trajnimi sintetik", "Arsye sintetike"),
    )
    for session in (mor, han):
        session.db.close()


@pytest.fixture(scope="module")
def quarter(centre: Centre) -> Statistics:
    return compute_statistics(centre.center, start=FIRST_QUARTER[0], end=FIRST_QUARTER[1])


def _texts(statistics: Statistics, dimension: Dimension) -> dict[str, str]:
    table = statistics.table(dimension)
    return {row.value: row.count.text for row in table.rows} | {"total": table.total.text}


def test_every_case_of_the_period_is_counted_once_per_table(quarter: Statistics) -> None:
    assert quarter.cases.shown == 19
    for table in quarter.tables:
        if table.dimension is not Dimension.REFERRAL_RECIPIENT:
            assert table.total.shown == 19, table.dimension
    assert _texts(quarter, Dimension.MONTH) == {
        "2026-01": "6",
        "2026-02": "5",
        "2026-03": "8",
        "total": "19",
    }
    assert _texts(quarter, Dimension.REFERRAL_RECIPIENT) == {
        "responsible_authority": "5",
        "state_social_service": "0",
        "shelter": "0",
        "child_protection_unit": "0",
        "health_services": "0",
        "anti_trafficking_police": "0",
        "asylum_migration_authority": "0",
        "other": "0",
        "total": "5",
    }


def test_answers_become_the_published_categories(quarter: Statistics) -> None:
    assert _texts(quarter, Dimension.EXPLOITATION) == {
        "labour": "13",
        "sexual": SMALL_MARK,
        "both": SMALL_MARK,
        "unknown": SMALL_MARK,
        "total": "19",
    }
    # 11 + 5 + three single cases: the three "<5" alone would sum to 3 (so each is 1), with
    # the 5 beside them to 8 (so it is 5): both larger cells are withheld.
    assert _texts(quarter, Dimension.OUTCOME) == {
        "potential_victim": SECONDARY_MARK,
        "child_at_risk": "0",
        "indicators_not_met": SECONDARY_MARK,
        "not_determined": "0",
        "consent_refused": SMALL_MARK,
        "stopped": SMALL_MARK,
        "no_decision": SMALL_MARK,
        "total": "19",
    }
    assert _texts(quarter, Dimension.AGE_BAND)["child_age_unknown"] == SMALL_MARK
    nationality = _texts(quarter, Dimension.NATIONALITY)
    assert nationality["greece"] == SMALL_MARK, "the draft's newest version counts"
    assert nationality["montenegro"] == SMALL_MARK
    sexes = quarter.table(Dimension.SEX)
    assert {row.value for row in sexes.rows} == {"female", "male", "other", "not_stated", "unknown"}
    assert sexes.count("female").text != "0"


def test_a_lone_small_cell_takes_the_next_smallest_with_it(quarter: Statistics) -> None:
    assert _texts(quarter, Dimension.STATION) == {
        HAN_I_HOTIT: SMALL_MARK,
        MORINE: SECONDARY_MARK,
        "total": "19",
    }


def test_the_period_uses_the_albanian_calendar_day(centre: Centre) -> None:
    first_of_april = compute_statistics(centre.center, start=date(2026, 4, 1), end=date(2026, 4, 1))
    assert first_of_april.cases.text == SMALL_MARK
    assert all(t.withheld for t in first_of_april.tables if t.total.shown != 0)
    wide = compute_statistics(centre.center, start=date(2025, 12, 1), end=date(2026, 4, 30))
    assert wide.cases.shown == 22
    assert [row.value for row in wide.table(Dimension.MONTH).rows] == [
        "2025-12",
        "2026-01",
        "2026-02",
        "2026-03",
        "2026-04",
    ]
    empty = compute_statistics(centre.center, start=date(2024, 1, 1), end=date(2024, 12, 31))
    assert empty.cases.shown == 0
    assert all(row.count.text == "0" for t in empty.tables for row in t.rows)
    with pytest.raises(InvalidPeriod):
        compute_statistics(centre.center, start=date(2026, 2, 1), end=date(2026, 1, 31))


def _assert_anonymous(data: bytes, centre: Centre) -> None:
    assert centre.names and centre.codes and len(centre.record_ids) == 22
    for secret in (*centre.names, *centre.codes, *centre.record_ids, *centre.free_texts):
        assert secret.encode() not in data, secret
        assert secret.lower().encode() not in data.lower(), secret


def test_csv_is_one_long_anonymous_table_for_excel(
    centre: Centre, quarter: Statistics, tmp_path: Path
) -> None:
    path = tmp_path / "statistika.csv"
    write_csv(quarter, path)
    data = path.read_bytes()
    assert data == csv_bytes(quarter)
    assert data.startswith(b"\xef\xbb\xbf"), "Excel needs the BOM to read ë and ç"
    _assert_anonymous(data, centre)
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert rows[0] == ["dimension", "value", "count", "label_sq", "label_en"]
    assert ["cases", "total", "19", "Gjithsej", "Total"] in rows
    assert ["station", HAN_I_HOTIT, SMALL_MARK, HAN_I_HOTIT, HAN_I_HOTIT] in rows
    assert ["exploitation", "labour", "13", "Në punë", "Labour"] in rows
    assert {r[0] for r in rows[1:]} == {"cases", *(d.value for d in Dimension)}
    published = [r[2] for r in rows[1:]]
    assert all(c in (SMALL_MARK, SECONDARY_MARK) or int(c) == 0 or int(c) >= 5 for c in published)


def _pdftotext(path: Path) -> str:
    require_tool("pdftotext")
    return subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


def test_pdf_report_is_anonymous_bilingual_and_embeds_its_fonts(
    centre: Centre, quarter: Statistics, tmp_path: Path
) -> None:
    path = tmp_path / "statistika.pdf"
    write_pdf(quarter, path)
    text = _pdftotext(path)
    _assert_anonymous(text.encode(), centre)
    _assert_anonymous(path.read_bytes(), centre)
    for expected in (
        "Statistika anonime",
        "Anonymous statistics",
        "01.01.2026 – 31.03.2026",
        "<5",
        "Gjinia / Sex",
        "Forma e shfrytëzimit / Form of exploitation",
        "Autoriteti Përgjegjës",
        "Fëmijë, mosha e panjohur",
    ):
        assert expected in text, expected
    require_tool("pdffonts")
    fonts = run_tool("pdffonts", str(path)).stdout.splitlines()[2:]
    assert fonts and all("DejaVuSans" in line and " yes " in line for line in fonts), fonts

    tiny = compute_statistics(centre.center, start=date(2026, 4, 1), end=date(2026, 4, 1))
    write_pdf(tiny, path)
    text = _pdftotext(path)
    assert text.count("The breakdown is not published") == len(Dimension) - 1, "referrals: 0"


def test_report_format_follows_the_suffix(quarter: Statistics, tmp_path: Path) -> None:
    assert format_from_path(Path("a.CSV")) is ReportFormat.CSV
    assert format_from_path(Path("b.pdf")) is ReportFormat.PDF
    with pytest.raises(UnsupportedReportFormat):
        format_from_path(Path("c.xlsx"))
    with pytest.raises(UnsupportedReportFormat):
        write_report(quarter, tmp_path / "no-suffix")
    assert write_report(quarter, tmp_path / "r.pdf") is ReportFormat.PDF
    assert (tmp_path / "r.pdf").read_bytes().startswith(b"%PDF")


# -- the suppression rule on its own ---------------------------------------------------------


def _shown(counts: list[int]) -> list[str]:
    return [c.text for c in suppress(counts)[0]]


@pytest.mark.parametrize(
    ("counts", "published"),
    [
        ([0, 7, 12], ["0", "7", "12"]),
        ([4, 15], ["<5", "x"]),
        ([3, 3, 20], ["<5", "<5", "20"]),
        ([0, 2, 9, 6], ["0", "<5", "9", "x"]),
        ([1, 1, 20, 30], ["<5", "<5", "x", "30"]),  # 1 + 1 = 2: both would be exactly 1
        ([4, 4, 20, 30], ["<5", "<5", "x", "30"]),  # 4 + 4 = 8: both would be exactly 4
        ([1, 5, 6, 9], ["<5", "x", "x", "9"]),  # "<5" + "x" = 6 would make them 1 and 5
        ([1, 5], ["x", "x"]),  # nothing left to hide it behind: the table is withheld
        ([2, 1], ["x", "x"]),  # fewer than five in all
        ([0, 0], ["0", "0"]),
    ],
)
def test_suppression_examples(counts: list[int], published: list[str]) -> None:
    assert _shown(counts) == published


def _feasible(counts: list[int]) -> list[tuple[int, int]]:
    """What a reader who knows the rule can tell of each hidden cell: its least and greatest
    possible value, given the published cells and total ("<5" is 1–4, "x" is 5 or more)."""
    cells, total = suppress(counts)
    assert total.shown is not None
    rest = total.shown - sum(c.shown or 0 for c in cells)
    bounds = {
        i: (1, 4) if c.suppression is Suppression.SMALL else (5, None)
        for i, c in enumerate(cells)
        if c.suppressed
    }
    result = []
    for i, (low, high) in bounds.items():
        others = [b for j, b in bounds.items() if j != i]
        highs = [h for _, h in others]
        if all(h is not None for h in highs):
            low = max(low, rest - sum(h for h in highs if h is not None))
        greatest = rest - sum(lo for lo, _ in others)
        result.append((low, greatest if high is None else min(high, greatest)))
    return result


@settings(max_examples=300, deadline=None)
@given(st.lists(st.integers(0, 12) | st.integers(0, 200), min_size=1, max_size=12))
def test_no_published_cell_is_small_or_recoverable(counts: list[int]) -> None:
    cells, total = suppress(counts)
    assert len(cells) == len(counts)
    for cell, count in zip(cells, counts, strict=True):
        assert cell.shown is None or cell.shown == count
        assert cell.shown is None or not 1 <= cell.shown <= 4
        assert cell.suppression is not Suppression.SMALL or 1 <= count <= 4
    assert total.shown is None or (total.shown == sum(counts) and not 1 <= total.shown <= 4)
    hidden = sum(c.suppressed for c in cells)
    assert hidden == 0 or hidden >= 2 or total.suppressed, "a lone hidden cell = total - rest"
    withheld = all(c.suppression is Suppression.SECONDARY for c in cells)
    if hidden and not total.suppressed and not withheld:
        for low, high in _feasible(counts):
            assert low < high, "a hidden cell could be worked out exactly"


def test_interview_date_is_the_day_in_albania() -> None:
    assert interview_date("2025-12-31T23:30:00+00:00") == date(2026, 1, 1)
    assert interview_date("2026-03-31T21:30:00+00:00") == date(2026, 3, 31)
    assert interview_date("2026-03-31T22:30:00+00:00") == date(2026, 4, 1)
    # Summer time begins at 01:00 UTC on the last Sunday of March (29 March 2026).
    assert interview_date("2026-03-28T23:30:00+00:00") == date(2026, 3, 29)
    assert interview_date("2026-10-24T22:30:00+00:00") == date(2026, 10, 25)
    assert interview_date("2026-10-25T22:30:00+00:00") == date(2026, 10, 25)


def test_unknown_record_formats_are_refused_without_naming_the_record(
    centre: Centre, tmp_path: Path
) -> None:
    from interview_room.center.stats import UnreadableRecord

    copy = CenterStore(tmp_path / "copy")
    copy.center_dir.mkdir()
    for name in ("center.db", "center.key"):
        (copy.center_dir / name).write_bytes((centre.center.center_dir / name).read_bytes())
    db = copy.open()
    try:
        record_id, content = db.one("SELECT record_id, content FROM records LIMIT 1") or ("", b"")
        document = json.loads(bytes(content)) | {"format": 99}
        with db.transaction():
            db.execute(
                "UPDATE records SET content = ? WHERE record_id = ?",
                (json.dumps(document).encode(), record_id),
            )
    finally:
        db.close()
    with pytest.raises(UnreadableRecord) as refused:
        compute_statistics(copy, start=FIRST_QUARTER[0], end=FIRST_QUARTER[1])
    assert str(record_id) not in str(refused.value)
