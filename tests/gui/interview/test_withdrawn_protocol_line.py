"""An interview whose protocol version the centre withdrew (a real centre publishes 2.1.0 to a
real enrolled station, then withdraws it): the wizard's header and the case summary say so in a
calm line; a new interview, on the version before, does not; the administrator's
"what changed" window lists the withdrawal."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from interview_room.center.publish import latest_package, publish_protocol
from interview_room.center.publish_withdraw import withdraw_protocol
from interview_room.center.store import CenterStore
from interview_room.gui.dialogs.package_changes import PackageChangesDialog
from interview_room.gui.interview.summary import CaseSummaryPage
from interview_room.gui.interview.wizard import WizardPage
from interview_room.interview.interview import Interview
from interview_room.sync.centre_holdings import station_protocols
from interview_room.sync.centre_package_station import apply_package
from interview_room.workstation import Session
from tests.conftest import WorkstationFactory
from tests.gui.interview.helpers import texts
from tests.sync.test_centre_package import _enrolled, _protocol_version, _start_case

LINE = "Protocol 2.1.0 was withdrawn by the central office"


def _apply_latest(session: Session, center: CenterStore) -> None:
    data = latest_package(center)
    assert data is not None
    apply_package(session, data)


def test_the_wizard_and_the_summary_say_the_protocol_was_withdrawn(
    qtbot: QtBot, workstation: WorkstationFactory, tmp_path: Path
) -> None:
    session, center = _enrolled(workstation, tmp_path)
    publish_protocol(center, _protocol_version(tmp_path, "2.1.0"))
    _apply_latest(session, center)
    begun = _start_case(session, station_protocols(session.workstation.data_dir, session.db))
    withdraw_protocol(center, "2.1.0")
    _apply_latest(session, center)
    library = station_protocols(session.workstation.data_dir, session.db)

    wizard = WizardPage(Interview.resume(session, begun, library), "en")
    qtbot.addWidget(wizard)
    wizard.show()
    assert LINE in texts(wizard)
    summary = CaseSummaryPage(Interview.resume(session, begun, library), "en", session)
    qtbot.addWidget(summary)
    summary.show()
    assert LINE in texts(summary)
    fresh = WizardPage(Interview.begin(session, library.current(), "en"), "en")
    qtbot.addWidget(fresh)
    fresh.show()
    assert "withdrawn" not in texts(fresh)

    changes = PackageChangesDialog(session)
    qtbot.addWidget(changes)
    changes.show()
    assert "Withdrawn by the central office: al-border-screening 2.1.0" in texts(changes)
