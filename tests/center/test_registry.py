"""The registry reads its rows from the coded columns (issue 14): the same rows the records'
JSON gave, sorted by the store, read a page at a time, the newest first before the rest."""

from __future__ import annotations

import shutil
from collections import Counter
from pathlib import Path

import pytest

from interview_room.center.registry import OpenRegistry, RegistryOrder, RegistryRow, load_registry
from interview_room.center.store import CenterStore
from interview_room.training.varied_centre import Centre, centre_with_history, new_version
from tests.center.record_by_record import registry_record_by_record


@pytest.fixture(scope="module")
def centre(tmp_path_factory: pytest.TempPathFactory) -> Centre:
    return centre_with_history(tmp_path_factory.mktemp("registry") / "center")


def _listed(registry: OpenRegistry) -> list[tuple[str, RegistryRow]]:
    return [(registry.key(i), row) for i, row in enumerate(registry.rows(0, len(registry)))]


def _received(centre: Centre) -> dict[str, str]:
    db = centre.center.open()
    try:
        return {
            str(r[0]): str(r[1])
            for r in db.all("SELECT record_id, received_at FROM records WHERE kind = 'case'")
        }
    finally:
        db.close()


def test_rows_are_those_the_records_gave(centre: Centre) -> None:
    expected = registry_record_by_record(centre.center)
    assert len(expected) == 400
    assert any(row.conflicts for row in expected.values()), "an open conflict is flagged"
    assert any(row.version == 2 for row in expected.values())
    registry = load_registry(centre.center)
    with OpenRegistry(centre.center) as open_registry:
        open_registry.refresh()
        listed = _listed(open_registry)
    assert dict(listed) == expected
    assert [row for _, row in listed] == list(registry.rows)
    received = _received(centre)
    assert [received[key] for key, _ in listed] == sorted(received.values(), reverse=True)
    assert registry.conflicts == 1 and registry.unheld_conflicts == 0
    summary = Counter((row.station, row.status) for row in expected.values())
    assert registry.by_station_and_status() == dict(summary), "counted as rows come and go"


_SORT_KEYS = {
    RegistryOrder.STATION: lambda row: row.station,
    RegistryOrder.CASE_CODE: lambda row: row.case_code,
    RegistryOrder.STATUS: lambda row: row.status,
    RegistryOrder.OUTCOME: lambda row: row.outcome,
    RegistryOrder.INTERVIEWED_ON: lambda row: row.interviewed_on,
    RegistryOrder.CONFLICTS: lambda row: row.conflicts,
}


@pytest.mark.parametrize("order", list(RegistryOrder))
@pytest.mark.parametrize("descending", [False, True])
def test_the_store_sorts_as_a_stable_sort_of_the_newest_first(
    centre: Centre, order: RegistryOrder, descending: bool
) -> None:
    rows = registry_record_by_record(centre.center)
    received = _received(centre)
    newest_first = sorted(rows, key=lambda key: (received[key], key), reverse=True)
    if order is RegistryOrder.RECEIVED_AT:
        expected = sorted(rows, key=lambda key: (received[key], key), reverse=descending)
    else:  # Python's sort is stable, reversed too: ties stay newest first
        expected = sorted(
            newest_first, key=lambda key: _SORT_KEYS[order](rows[key]), reverse=descending
        )
    with OpenRegistry(centre.center) as registry:
        registry.refresh()
        registry.sort(order, descending)
        assert [key for key, _ in _listed(registry)] == expected
        assert all(registry.position(key) == i for i, key in enumerate(expected[:50]))


def test_rows_are_read_a_page_at_a_time(centre: Centre) -> None:
    with OpenRegistry(centre.center) as registry:
        registry.refresh()
        every = registry.rows(0, len(registry))
        read = registry.rows_read
        assert registry.rows(0, 25) == every[:25]
        assert registry.rows(390, 25) == every[390:], "fewer at the end"
        assert registry.rows_read == read + 25 + 10


LATE = "f" * 32
"""Shaped as a station draws ids (``secrets.token_hex(16)``, the consent rule wants it), and
last in their order, so a tie in the second it arrived still puts it first."""


def test_the_newest_come_first_and_the_rest_after(centre: Centre, tmp_path: Path) -> None:
    """With more cases than the first read takes, a refresh lists the newest only; the rest
    follow with read_rest, which says when cases arrived in between."""
    shutil.copytree(centre.center.center_dir, tmp_path / "copy")
    copy = CenterStore(tmp_path / "copy")
    with OpenRegistry(copy) as registry:
        registry.FIRST_READ = 50
        registry.refresh()
        assert len(registry) == 400 and registry.rows_read == 0
        first = registry.rows(0, 50)
        assert registry.read_rest() is False, "nothing changed"
        assert registry.rows(0, 50) == first and len(registry) == 400

        registry.refresh()
        station = centre.stations[3]
        late = new_version(station, LATE, 1, 77)
        assert station.send(copy, (late,)).imported == 1
        assert registry.read_rest() is True, "a case arrived after the refresh"
        assert len(registry) == 401 and registry.key(0) == LATE
        registry.refresh()
        assert registry.read_rest() is False
