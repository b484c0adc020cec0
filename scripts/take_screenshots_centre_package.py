"""Screenshots of issue 16's screens in Albanian and English: what the central office's package
brings to a station, and "seen before".

    xvfb-run -a -s "-screen 0 1280x800x24" \
        .venv/bin/python scripts/take_screenshots_centre_package.py

``scripts/take_screenshots.py`` runs this walk too (after its own), so one run retakes every
``docs/screenshots/<lang>-*.png``. The state is built with the core, as
``tests/seen_before/test_seen_before_end_to_end.py`` and ``tests/sync/
test_centre_package_changes.py`` build theirs: a real training centre, two real stations
(Han i Hotit, Morinë) enrolled by it, real bundles on a folder standing for the stick, real
imports and packages; the centre's second package (protocol 2.1.0) is checked and published
through the centre's own publish dialog. Synthetic people only.

Shots, for each language:
    <lang>-center-publish-check     the publish dialog after "Check" passed (protocol 2.1.0)
    <lang>-center-publish-done      the same dialog after "Publish"
    <lang>-center-published         the centre window with "Published for the stations: …"
    <lang>-sync-centre-package      the station's sync window after receiving the package
                                    ("Directory of …, protocol …")
    <lang>-package-changes          the administrator's "what changed" after the second package
    <lang>-wizard-seen-before       the interview with "Seen before?" in its header
    <lang>-wizard-seen-before-match the check from the interview, a match at Han i Hotit shown
    <lang>-case-summary-seen-before the case summary's check once the decision is recorded
"""

from __future__ import annotations

import json
import shutil
import sys
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from PySide6.QtWidgets import QDialogButtonBox, QScrollArea

from interview_room.accounts import Role
from interview_room.center.enrollment import make_enrollment
from interview_room.center.importer import import_files
from interview_room.center.publish import publish_directory, write_beside
from interview_room.center.store import CenterStore
from interview_room.gui.i18n import InterfaceLanguage
from interview_room.gui.pages.home import HomePage
from interview_room.gui.pages.login import LoginPage
from interview_room.gui.window import AppWindow
from interview_room.resources import resources_root
from interview_room.store.kdf import MINIMUM_ARGON2
from interview_room.sync.enrollment import enroll
from interview_room.sync.sending import exchange_with_folder
from interview_room.workstation import Session, Workstation

sys.path.insert(0, str(Path(__file__).resolve().parent))
from take_screenshots import SIZE, save, wait_for

ADMIN = ("admin.stacioni", "synthetic-station-admin-passphrase")
OFFICER = ("oficer.kufiri", "synthetic-border-officer-passphrase")
SYRIA = 2
"""The training scenario whose nationality is "syria" (as the end-to-end test)."""
EARLIER = ("Mohammed", "Al-Hussein", 1990)
"""Interviewed at Han i Hotit; seen again at Morinë written another way (below)."""
LATER = ("Muhammad", "Husein", 1990)


@dataclass
class World:
    center_dir: Path
    center: CenterStore
    han: Session
    mor: Session
    folder: Path
    """Where the sticks, directories and the protocol folder are written."""


def _station(center: CenterStore, folder: Path, name: str, code: str) -> Session:
    """A real station, enrolled by the centre, with an officer; its administrator signed in."""
    created = Workstation(folder).create(
        name, code, ADMIN[0], "Admin Shembulli", ADMIN[1], kdf=MINIMUM_ARGON2
    )
    package = make_enrollment(center, station_name=name, station_code=code, url=None)
    enroll(created.session, package.data, package.passphrase)
    created.session.add_user(OFFICER[0], "Oficer Shembulli", Role.OFFICER, OFFICER[1])
    return created.session


def _trip(station: Session, world: World, stick_name: str) -> None:
    """To the centre and back with a stick: the bundle is imported, the package comes back."""
    stick = world.folder / stick_name
    stick.mkdir(exist_ok=True)
    visit = exchange_with_folder(station, stick)
    if visit.written is not None:
        run = import_files(world.center, [visit.written])
        assert not run.refused, run.refused
    write_beside(world.center, stick)
    exchange_with_folder(station, stick)


def _directory(folder: Path, name: str, edit: bool) -> Path:
    """The shipped directory with the hotline confirmed; ``edit``: one service changed, one
    removed and one added (as ``tests/sync/test_centre_package_changes.py``)."""
    document = json.loads((resources_root() / "directory.json").read_text("utf-8"))
    for entry in document["emergency"]:
        if entry["id"] == "trafficking_hotline":
            entry["verified"] = True
    if edit:
        services = document["services"]
        vatra = next(e for e in services if e["id"] == "vatra")
        vatra["phone"], vatra["verified"] = "033 222 111", True
        services[:] = [e for e in services if e["id"] != "tjeter_vizion"]
        services.append(
            {"id": "qendra_sot", "name": "Qendra Sot", "city": "Korçë", "phone": None}
            | {"verified": False}
        )
    path = folder / f"{name}.json"
    path.write_text(json.dumps(document, ensure_ascii=False), "utf-8")
    return path


def _protocol_2_1(folder: Path) -> Path:
    """The shipped protocol as version 2.1.0: what a centre would check and publish."""
    target = folder / "protocol-2.1.0"
    shutil.copytree(resources_root() / "protocols" / "screening-v2", target)
    for name in ("protocol.json", "vectors.json"):
        path = target / name
        text = path.read_text("utf-8").replace('"version": "2.0.0"', '"version": "2.1.0"', 1)
        path.write_text(text, "utf-8")
    return target


def _interview(station: Session, path_name: str, who: tuple[str, str, int]) -> str:
    """An officer's whole interview (a training scenario), the person's details recorded for
    the check; a positive one is referred to the shelter. Returns the case id."""
    from interview_room.interview.interview import Interview
    from interview_room.interview.protocols import ProtocolLibrary
    from interview_room.referral.content import Urgency
    from interview_room.referral.referrals import Referrals
    from interview_room.seen_before.held import record_details
    from interview_room.training.scenarios import Path as ScenarioPath
    from interview_room.training.scenarios import run_scenario

    path = ScenarioPath[path_name]
    given, surname, year = who
    officer = station.workstation.unlock(*OFFICER)
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


def build_world(home: Path) -> World:
    """A centre and two stations; the first directory and the seen-before key at both; a person
    interviewed at Han i Hotit and that interview's summary at the centre."""
    center_dir = home / "center"
    center = CenterStore(center_dir)
    center.create(training=True)
    folder = home / "files"
    folder.mkdir(parents=True)
    han = _station(center, home / "han", "Han i Hotit", "HAN")
    mor = _station(center, home / "mor", "Morinë", "MOR")
    world = World(center_dir, center, han, mor, folder)
    month_ago = datetime.now(UTC).date() - timedelta(days=30)
    publish_directory(center, _directory(folder, "first", False), month_ago)
    _trip(han, world, "han-stick")
    _trip(mor, world, "mor-stick")
    _interview(han, "ADULT_POSITIVE", EARLIER)
    _trip(han, world, "han-stick")  # the case reaches the centre: its summary is indexed
    return world


def centre_publishes(language: str, world: World) -> None:
    """The centre checks and publishes protocol 2.1.0 in its window; then a new directory."""
    from interview_room.gui.center_window import CenterWindow

    window = CenterWindow(world.center_dir)
    window.resize(*SIZE)
    window.show()
    dialog = window.publish_dialog()
    dialog.path.setText(str(_protocol_2_1(world.folder)))
    dialog.show()
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    ok.click()  # Check
    wait_for(lambda: not dialog.busy and dialog.found.isVisible())
    save(dialog, f"{language}-center-publish-check")
    if dialog._passed is None:  # the protocol folder does not pass: say why, do not wait
        raise RuntimeError(f"protocol 2.1.0 did not pass the check: {dialog.found.text()}")
    ok.click()  # Publish
    wait_for(lambda: dialog.publication is not None)
    save(dialog, f"{language}-center-publish-done")
    dialog.close()
    publish_directory(world.center, _directory(world.folder, "second", True))
    window.refresh()
    save(window, f"{language}-center-published")
    window.close()


def station_receives(language: str, world: World) -> None:
    """Morinë's administrator receives the package from the stick in the sync window, then
    reads what it changed."""
    from interview_room.gui.dialogs.package_changes import PackageChangesDialog
    from interview_room.gui.dialogs.sync import SyncDialog

    stick = world.folder / "mor-stick"
    write_beside(world.center, stick)
    sync = SyncDialog(world.mor)
    sync.drive.setCurrentText(str(stick))
    sync.show()
    sync.receive_button.click()
    wait_for(lambda: bool(sync.message.text()))
    save(sync, f"{language}-sync-centre-package")
    changes = PackageChangesDialog(world.mor, sync)
    changes.resize(760, 760)
    changes.show()
    save(changes, f"{language}-package-changes")
    changes.close()
    sync.close()


def _signed_in_window(language: str, world: World) -> AppWindow:
    """Morinë's window, the officer signed in through the login page."""
    interface = InterfaceLanguage()
    interface.switch(language)
    window = AppWindow(world.mor.workstation.data_dir, interface, language_forced=True)
    window.resize(*SIZE)
    window.show()
    window.show_login(OFFICER[0])
    login = window.page
    assert isinstance(login, LoginPage)
    login.password.setText(OFFICER[1])
    login.sign_in_button.click()
    wait_for(lambda: isinstance(window.page, HomePage))
    return window


def seen_before_in_interview(language: str, window: AppWindow) -> None:
    """The same person at Morinë, written another way: "Seen before?" in the header, then
    the check with the match at Han i Hotit (no earlier decision before today's)."""
    from interview_room.gui.interview.wizard import WizardPage
    from interview_room.interview.interview import Interview
    from interview_room.screening import Answer

    session = window.session
    assert session is not None
    protocol = window.protocols.current()
    given, surname, year = LATER
    interview = Interview.begin(session, protocol, language, f"{given} {surname}")
    answers: dict[str, str | int] = {
        "needs_medical": "no",
        "needs_feels_safe": "safe",
        "needs_children_with": "no",
        "prep_age": 36,
        "prep_age_doubt": "no",
        "prep_sex": "male",
        "prep_interpreter": "no",
        "consent_rights_read": "yes",
        "consent_interview": "yes",
        "consent_storage": "yes",
    }
    for section in ("immediate_needs", "preparation", "rights_and_consent"):
        interview.go_to(protocol.section(section))
        shown = {q.id for q in interview.visible_questions(interview.current_section)}
        for question_id, value in answers.items():
            if question_id in shown:
                interview.answer(Answer.given(question_id, value))
    window.show_interview(interview)
    wizard = window.page
    assert isinstance(wizard, WizardPage)
    wizard.show_section("consent_storage")
    wait_for(wizard.seen_before.isVisible)
    save(window, f"{language}-wizard-seen-before")
    wizard.seen_before.click()
    dialog = wizard.seen_before.dialog
    assert dialog is not None
    panel = dialog.panel
    panel.birth_year.setValue(year)
    panel.nationality.setCurrentIndex(panel.nationality.findData("syria"))
    panel.check_button.click()
    wait_for(lambda: bool(panel.result.text()))
    save(dialog, f"{language}-wizard-seen-before-match")
    dialog.close()
    wizard.done.emit()
    wait_for(lambda: isinstance(window.page, HomePage))


def seen_before_in_summary(language: str, window: AppWindow, world: World) -> None:
    """A whole interview of the same person at Morinë; its summary's check, after the
    decision, shows what was decided at Han i Hotit."""
    from interview_room.gui.interview.summary import CaseSummaryPage

    case_id = _interview(world.mor, "ADULT_NOT_INDICATED", LATER)
    window.open_case(case_id)
    wait_for(lambda: isinstance(window.page, CaseSummaryPage))
    page = window.page
    assert isinstance(page, CaseSummaryPage) and page.seen_before is not None
    panel = page.seen_before
    check = getattr(panel, "check_button")  # noqa: B009 (a SeenBeforePanel, typed QWidget)
    check.click()
    wait_for(lambda: bool(getattr(panel, "result").text()))  # noqa: B009
    area = page.findChild(QScrollArea)
    assert area is not None
    area.ensureWidgetVisible(panel, 0, 0)
    wait_for(lambda: True)
    area.ensureWidgetVisible(panel, 0, 24)
    save(window, f"{language}-case-summary-seen-before")


def walk_centre_package(language: str, home: Path) -> None:
    InterfaceLanguage().switch(language)  # the centre's window and the dialogs speak it too
    world = build_world(home)
    centre_publishes(language, world)
    station_receives(language, world)
    window = _signed_in_window(language, world)
    seen_before_in_interview(language, window)
    seen_before_in_summary(language, window, world)
    window.close()
    for session in (world.han, world.mor):
        session.logout()


def main() -> int:
    import gc
    import tempfile

    from interview_room.files import restrict_umask
    from interview_room.gui.app import create_application

    restrict_umask()
    gc.disable()  # as take_screenshots.py: collect only between walks
    app = create_application()
    with tempfile.TemporaryDirectory(prefix="ir-shots-") as tmp:
        for language in ("sq", "en"):
            walk_centre_package(language, Path(tmp) / language)
            gc.collect()
    del app
    return 0


if __name__ == "__main__":
    sys.exit(main())
