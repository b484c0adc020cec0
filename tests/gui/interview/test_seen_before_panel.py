"""The "Seen before?" panel, clicked for real: a kept case at Morinë whose person the centre's
index (in the real encrypted store) holds from Han i Hotit is shown as seen before there, as a
possibility, with the guidance; a case without storage consent is not checked. Synthetic."""

from __future__ import annotations

import secrets
from datetime import UTC, date, datetime
from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from interview_room.accounts import Role
from interview_room.gui.i18n import InterfaceLanguage
from interview_room.gui.interview.seen_before_panel import SeenBeforePanel
from interview_room.interview.protocols import ProtocolLibrary
from interview_room.seen_before import EarlierInterview, PersonDetails, SeenBeforeKey, person_tokens
from interview_room.seen_before.held import store_section
from interview_room.sync.centre_package_seen import IndexedInterview, SeenBeforeSection
from interview_room.training.scenarios import Path as ScenarioPath
from interview_room.training.scenarios import run_scenario
from tests.conftest import WorkstationFactory

OFFICER = ("oficer.kufiri", "qershi-lumi-guri-shtatë")
SHOTS = Path("/tmp/shots_seen")


def _station_with_index(workstation: WorkstationFactory) -> tuple[object, str, str]:
    created = workstation(name="morine", code="MOR")
    created.session.add_user(OFFICER[0], "Oficer Shembulli", Role.OFFICER, OFFICER[1])
    key = SeenBeforeKey(1, secrets.token_bytes(32))
    earlier = PersonDetails("Mohammed", "Al-Hussein", "syria", 1990)
    tokens = person_tokens(earlier, key, datetime.now(UTC).date())
    summary = EarlierInterview(
        "HAN-2026-0042", "Han i Hotit", date(2026, 10, 3), "potential_victim", ("shelter",)
    )
    with created.session.db.transaction():
        store_section(
            created.session.db,
            SeenBeforeSection(
                (key,), (IndexedInterview(1, tuple(t.value for t in tokens), summary),)
            ),
        )
    officer = created.workstation.unlock(*OFFICER)
    protocol = ProtocolLibrary().current()
    kept = run_scenario(officer, protocol, ScenarioPath.ADULT_NOT_INDICATED, "M H", 2, None)
    refused = run_scenario(officer, protocol, ScenarioPath.STORAGE_REFUSED, "", 2, None)
    ids = {c.code: c.id for c in officer.cases.search()}
    return officer, ids[kept.case_code], ids[refused.case_code]


def test_the_panel_shows_an_earlier_interview_at_another_station_as_a_possibility(
    qtbot: QtBot, workstation: WorkstationFactory
) -> None:
    InterfaceLanguage().switch("sq")
    officer, kept, _ = _station_with_index(workstation)
    panel = SeenBeforePanel(officer, kept)  # type: ignore[arg-type]
    qtbot.addWidget(panel)
    panel.resize(640, 480)
    panel.show()
    assert not panel.check_button.isEnabled()  # nothing to compare yet
    qtbot.keyClicks(panel.given_names, "Muhammad")
    qtbot.keyClicks(panel.surname, "Husein")
    panel.birth_year.setValue(1990)
    # The case holds "M H": another name is never recorded on it unasked (attacker 8, B1).
    qtbot.mouseClick(panel.check_button, Qt.MouseButton.LeftButton)
    assert panel.name_choice.isVisibleTo(panel) and not panel.result.text()
    assert officer.db.all("SELECT count(*) FROM seen_before_details") == [(0,)]  # type: ignore[attr-defined]
    with qtbot.waitSignal(panel.checked) as signal:
        qtbot.mouseClick(panel.correct_name_button, Qt.MouseButton.LeftButton)
    assert signal.args == [1]
    assert not panel.name_choice.isVisibleTo(panel)
    name = officer.db.one("SELECT person_name FROM cases WHERE id = ?", (kept,))  # type: ignore[attr-defined]
    assert name == ("MMuhammad HHusein",)  # typed after the prefilled "M" and "H"
    corrected = officer.audit.entries()[-2]  # type: ignore[attr-defined]
    assert corrected.event == "seen_before_details_changed" and "Husein" not in corrected.detail
    text = panel.result.text()
    assert (
        "Intervistuar më 2026-10-03 në Han i Hotit (HAN-2026-0042): vendimi i punonjësve "
        "atëherë: viktimë e mundshme, referim i dërguar në strehëz" in text
    )
    assert "konfirmuar me personin" in text
    assert "Mos e bëni personin të tregojë sërish atë që ka thënë." in text
    assert "Kërkoni referimin e mëparshëm nga qendra nëpërmjet kanalit të zakonshëm." in text
    entry = officer.audit.entries()[-1]  # type: ignore[attr-defined]
    assert entry.event == "seen_before_checked" and "Husein" not in entry.detail
    SHOTS.mkdir(parents=True, exist_ok=True)
    assert panel.grab().save(str(SHOTS / "seen-before-panel-sq.png"))


def test_a_case_without_storage_consent_is_not_checked(
    qtbot: QtBot, workstation: WorkstationFactory
) -> None:
    officer, _, refused = _station_with_index(workstation)
    panel = SeenBeforePanel(officer, refused)  # type: ignore[arg-type]
    qtbot.addWidget(panel)
    qtbot.keyClicks(panel.given_names, "Muhammad")
    qtbot.keyClicks(panel.surname, "Husein")
    panel.birth_year.setValue(1990)
    with qtbot.waitSignal(panel.checked) as signal:
        qtbot.mouseClick(panel.check_button, Qt.MouseButton.LeftButton)
    assert signal.args == [0]
    assert "agreed to a record being kept" in panel.result.text()
    assert officer.audit.entries()[-1].event != "seen_before_checked"  # type: ignore[attr-defined]


def test_the_case_summary_offers_the_check_only_for_a_case_kept_with_consent(
    qtbot: QtBot, workstation: WorkstationFactory
) -> None:
    from interview_room.gui.interview.summary import CaseSummaryPage
    from interview_room.interview.interview import Interview

    officer, kept, refused = _station_with_index(workstation)
    library = ProtocolLibrary()
    page = CaseSummaryPage(Interview.resume(officer, kept, library), "en", officer)  # type: ignore[arg-type]
    qtbot.addWidget(page)
    assert isinstance(page.seen_before, SeenBeforePanel)
    panel = page.seen_before
    # The nationality answered is offered in words, never as the protocol's option id.
    if panel.nationality.currentData():
        assert panel.nationality.currentText() != panel.nationality.currentData()
    assert all(
        panel.nationality.itemText(i) != panel.nationality.itemData(i)
        for i in range(1, panel.nationality.count())
    )
    qtbot.keyClicks(panel.given_names, "Mohamed")
    qtbot.keyClicks(panel.surname, "Hussein")
    panel.birth_year.setValue(1990)  # the protocol asks the age, never the year
    qtbot.mouseClick(panel.check_button, Qt.MouseButton.LeftButton)
    assert panel.name_choice.isVisibleTo(panel)  # not the case's name ("M H")
    with qtbot.waitSignal(panel.checked) as signal:  # a lookup only: nothing recorded
        qtbot.mouseClick(panel.check_only_button, Qt.MouseButton.LeftButton)
    assert signal.args == [1]
    assert officer.db.all("SELECT count(*) FROM seen_before_details") == [(0,)]  # type: ignore[attr-defined]
    assert "Interviewed on 2026-10-03 at Han i Hotit (HAN-2026-0042)" in panel.result.text()
    other = CaseSummaryPage(Interview.resume(officer, refused, library), "en", officer)  # type: ignore[arg-type]
    qtbot.addWidget(other)
    assert other.seen_before is None
