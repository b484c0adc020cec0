"""The case register: pseudonymous codes per station and year, and search that means what the
user typed."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from interview_room.accounts import Role, User, UserDirectory
from interview_room.cases.register import CaseRegister, CaseStatus, CaseSummary, UnknownCase
from tests.conftest import OpenStore


@pytest.fixture
def officer(store: OpenStore) -> User:
    with store.db.transaction():
        return UserDirectory(store.db).add("oficer.mor", "Oficer Shembulli", Role.OFFICER, None)


@pytest.fixture
def register(store: OpenStore) -> CaseRegister:
    return CaseRegister(store.db, "MOR")


def _create(
    store: OpenStore,
    register: CaseRegister,
    name: str,
    when: datetime,
    status: CaseStatus = CaseStatus.DRAFT,
    officer: User | None = None,
) -> CaseSummary:
    with store.db.transaction():
        return register.create(name, officer.id if officer else None, None, status, when)


def _codes(cases: list[CaseSummary]) -> list[str]:
    return [case.code for case in cases]


def test_codes_count_up_per_station_and_year(store: OpenStore, register: CaseRegister) -> None:
    created = [
        _create(store, register, f"Person {n} Shembulli", datetime(2026, 1, n + 1, tzinfo=UTC))
        for n in range(3)
    ]
    assert _codes(created) == ["MOR-2026-0001", "MOR-2026-0002", "MOR-2026-0003"]

    next_year = _create(store, register, "Jeta Provaj", datetime(2027, 1, 1, tzinfo=UTC))
    assert next_year.code == "MOR-2027-0001"
    back = _create(store, register, "Ilir Testaj", datetime(2026, 12, 31, tzinfo=UTC))
    assert back.code == "MOR-2026-0004"
    assert register.next_code(2026) == "MOR-2026-0005"

    other_station = CaseRegister(store.db, "HAN")
    assert other_station.next_code(2026) == "HAN-2026-0001"
    assert register.count() == 5


def test_codes_keep_counting_past_9999(store: OpenStore, register: CaseRegister) -> None:
    with store.db.transaction():
        store.db.execute(
            "INSERT INTO cases (id, code, status, started_at, updated_at)"
            " VALUES ('x', 'MOR-2026-9999', 'draft', '2026-01-01', '2026-01-01')"
        )
    assert register.next_code(2026) == "MOR-2026-10000"


def test_created_case_reads_back(store: OpenStore, register: CaseRegister, officer: User) -> None:
    when = datetime(2026, 3, 2, 9, 30, tzinfo=UTC)
    case = _create(store, register, "  Arta Shembulli  ", when, CaseStatus.INCOMPLETE, officer)

    assert register.get(case.id) == case
    assert case.person_name == "Arta Shembulli"
    assert case.status is CaseStatus.INCOMPLETE
    assert case.started_at == "2026-03-02T09:30:00+00:00"
    assert case.officer == "Oficer Shembulli"
    assert case.social_worker == ""
    with pytest.raises(UnknownCase):
        register.get("no-such-case")


@pytest.fixture
def filled(store: OpenStore, register: CaseRegister, officer: User) -> dict[str, CaseSummary]:
    rows = [
        ("Arta Shembulli", datetime(2026, 1, 15, 10, tzinfo=UTC), CaseStatus.COMPLETED),
        ("Besnik Ushtrimi", datetime(2026, 2, 3, 11, tzinfo=UTC), CaseStatus.DRAFT),
        ("Drita Provaj", datetime(2026, 2, 20, 12, tzinfo=UTC), CaseStatus.REFERRED),
        ("Erion 100% Testaj", datetime(2026, 3, 1, 8, tzinfo=UTC), CaseStatus.COMPLETED),
        ("Hana_Modeli", datetime(2026, 3, 5, 9, tzinfo=UTC), CaseStatus.DRAFT),
        ("HanaXModeli", datetime(2026, 3, 6, 9, tzinfo=UTC), CaseStatus.DRAFT),
        ("Back\\slash Trajnimi", datetime(2026, 3, 7, 9, tzinfo=UTC), CaseStatus.INCOMPLETE),
    ]
    return {
        name: _create(store, register, name, when, status, officer) for name, when, status in rows
    }


def test_search_without_text_lists_newest_first(
    register: CaseRegister, filled: dict[str, CaseSummary]
) -> None:
    found = register.search()
    assert len(found) == len(filled)
    assert [c.started_at for c in found] == sorted((c.started_at for c in found), reverse=True)
    assert len(register.search(limit=2)) == 2


def test_search_by_code(register: CaseRegister, filled: dict[str, CaseSummary]) -> None:
    assert _codes(register.search("MOR-2026-0003")) == ["MOR-2026-0003"]
    assert _codes(register.search("mor-2026-0003")) == ["MOR-2026-0003"]
    assert _codes(register.search("0002")) == ["MOR-2026-0002"]


def test_search_by_name_fragment_ignores_case(
    register: CaseRegister, filled: dict[str, CaseSummary]
) -> None:
    assert [c.person_name for c in register.search("shembull")] == ["Arta Shembulli"]
    assert [c.person_name for c in register.search("  DRITA ")] == ["Drita Provaj"]
    assert register.search("Nobody Such") == []


def test_search_by_date_fragment(register: CaseRegister, filled: dict[str, CaseSummary]) -> None:
    assert sorted(c.person_name for c in register.search("2026-02")) == [
        "Besnik Ushtrimi",
        "Drita Provaj",
    ]
    assert [c.person_name for c in register.search("2026-01-15")] == ["Arta Shembulli"]


def test_search_by_status(register: CaseRegister, filled: dict[str, CaseSummary]) -> None:
    completed = register.search(status=CaseStatus.COMPLETED)
    assert sorted(c.person_name for c in completed) == ["Arta Shembulli", "Erion 100% Testaj"]
    assert register.search(status=CaseStatus.SYNCED) == []
    both = register.search("2026-03", status=CaseStatus.DRAFT)
    assert sorted(c.person_name for c in both) == ["HanaXModeli", "Hana_Modeli"]


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("%", ["Erion 100% Testaj"]),
        ("0%", ["Erion 100% Testaj"]),
        ("a_m", ["Hana_Modeli"]),
        ("_", ["Hana_Modeli"]),
        ("\\", ["Back\\slash Trajnimi"]),
        ("k\\s", ["Back\\slash Trajnimi"]),
        ("\\%", []),
    ],
)
def test_like_wildcards_in_the_query_are_literal(
    register: CaseRegister, filled: dict[str, CaseSummary], typed: str, expected: list[str]
) -> None:
    assert sorted(c.person_name for c in register.search(typed)) == expected
