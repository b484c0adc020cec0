"""The central office window shows each station's audit log as its bundles carried it, and says
when one went backwards or was rewritten (issue 13)."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from interview_room.center.audit_witness import audit_flags
from interview_room.center.importer import import_bundle
from interview_room.error_sentences import find_sentence
from interview_room.gui.center_window import CenterWindow
from interview_room.gui.i18n import InterfaceLanguage
from interview_room.sync.station import StationSync
from tests.center.linking import change_an_answer, linked_station
from tests.center.test_audit_witness import _rewrite_without
from tests.conftest import WorkstationFactory
from tests.gui.conftest import table_texts


def test_a_log_that_went_backwards_is_said_in_the_window(
    qtbot: QtBot, workstation: WorkstationFactory, tmp_path: Path
) -> None:
    session, center = linked_station(workstation, tmp_path / "center")
    sync = StationSync(session)
    first = import_bundle(center, sync.export_bundle().data, "b1")
    sync.apply_receipt(first.receipt)
    InterfaceLanguage().switch("sq")
    window = CenterWindow(center.center_dir)
    qtbot.addWidget(window)
    ((station, entries, bundle, _, flagged),) = table_texts(window.audit)
    assert "MOR" in station and int(entries) > 1 and bundle == "1" and flagged == ""
    assert window.audit_flags.isHidden()

    head = session.audit.head()
    assert head is not None
    _rewrite_without(session.db, 2, head.seq // 2)
    change_an_answer(session, "no")
    assert import_bundle(center, sync.export_bundle().data, "b2").audit_notice is not None
    window.refresh()
    ((_, _, bundle, _, flagged),) = table_texts(window.audit)
    assert (bundle, flagged) == ("2", "1")
    (notice,) = audit_flags(center)
    assert not window.audit_flags.isHidden()
    assert window.audit_flags.text() == find_sentence(notice, "sq")
    assert "shkoi prapa" in window.audit_flags.text()
