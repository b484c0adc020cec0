"""The centre refuses a case record that carries what the person's consents do not allow
(docs/BUNDLE_FORMAT.md, "What a case record may carry"), even when the station's own key
signed it; a record that keeps to the rule is stored."""

from __future__ import annotations

import json
import secrets
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from interview_room.center.importer import (
    RecordBreaksConsent,
    UnknownRecordKind,
    import_bundle,
    import_files,
)
from interview_room.center.store import CenterStore
from interview_room.interview.protocols import ProtocolLibrary
from interview_room.sync.bundle import Bundle, BundleRecord, write_bundle
from interview_room.sync.records import canonical, case_record
from interview_room.sync.station import StationSync
from interview_room.training.scenarios import Path as ScenarioPath
from interview_room.training.scenarios import run_scenario
from interview_room.workstation import Session
from tests.conftest import WorkstationFactory

NAME = "Besa Shembulli-Kx2"


class Linked:
    def __init__(self, session: Session, center: CenterStore, recipient: str) -> None:
        self.session = session
        self.center = center
        self.recipient = recipient
        self.sequence = 0

    @property
    def station_id(self) -> str:
        return StationSync(self.session).station_id

    def bundle(self, *documents: dict[str, Any], kind: str = "case") -> bytes:
        """Signed with the station's own key: only the content (or the kind) can be wrong."""
        row = self.session.db.one("SELECT station_key FROM sync_link")
        assert row is not None
        self.sequence += 1
        records = tuple(
            BundleRecord(kind, secrets.token_hex(16), 1, canonical(document))
            for document in documents
        )
        return write_bundle(
            Bundle(self.station_id, self.sequence, "2026-03-07T09:00:00+00:00", records),
            station_key=Ed25519PrivateKey.from_private_bytes(bytes(row[0])),
            recipient=self.recipient,
        )

    def held(self) -> list[tuple[object, ...]]:
        db = self.center.open()
        try:
            return db.all("SELECT record_id, version, content_hash FROM records ORDER BY 1")
        finally:
            db.close()


@pytest.fixture
def linked(workstation: WorkstationFactory, tmp_path: Path) -> Linked:
    session = workstation(training=True).session
    center = CenterStore(tmp_path / "center")
    keys = center.create(training=True)
    station = session.station
    key = center.enroll_station(station.station_id, station.name, station.code)
    StationSync(session).link(key, keys.age_recipient, keys.receipt_public_key)
    return Linked(session, center, keys.age_recipient)


def _minimal_record(linked: Linked) -> dict[str, Any]:
    """What the station itself sends for a person who did not agree to a record."""
    session = linked.session
    result = run_scenario(
        session, ProtocolLibrary().current(), ScenarioPath.STORAGE_REFUSED, NAME, 6, None
    )
    case = next(c for c in session.cases.search() if c.code == result.case_code)
    document: dict[str, Any] = json.loads(case_record(session.db, case.id, linked.station_id))
    return document


def test_what_the_station_sends_without_consent_is_stored(linked: Linked) -> None:
    document = _minimal_record(linked)
    assert NAME not in json.dumps(document, ensure_ascii=False)
    exported = StationSync(linked.session).export_bundle()
    assert import_bundle(linked.center, exported.data, "a.bundle.age").imported == 1


Forgery = Callable[[dict[str, Any]], None]


def _name(d: dict[str, Any]) -> None:
    d["case"]["person_name"] = NAME


def _free_text(d: dict[str, Any]) -> None:
    d["answers"].append(["need_anything_else", "answered", "Synthetic: call her sister."])


def _answer(d: dict[str, Any]) -> None:
    d["answers"].append(["rec_how_started", "answered", "offer_from_someone"])


def _reasons(d: dict[str, Any]) -> None:
    d["decision"]["reasons"] = "Synthetic: the companion holds her documents."


def _stop_reason(d: dict[str, Any]) -> None:
    d["events"].append(["2026-03-07T09:00:00+00:00", "stopped", {"reason": "Synthetic."}])


def _language(d: dict[str, Any]) -> None:
    d["interview"]["person_language"] = "sq"


@pytest.mark.parametrize(
    ("forge", "what"),
    [
        (_name, "the person's name"),
        (_free_text, "answers beyond the minimal record"),
        (_answer, "answers beyond the minimal record"),
        (_reasons, "the reasons for the decision"),
        (_stop_reason, "free text in the interview's events"),
        (_language, "the interview's language or place"),
    ],
)
def test_a_record_breaking_the_consent_rule_is_refused_and_nothing_is_kept(
    linked: Linked, tmp_path: Path, forge: Forgery, what: str
) -> None:
    good = _minimal_record(linked)
    bad = json.loads(json.dumps(good))
    forge(bad)
    before = linked.held()
    with pytest.raises(RecordBreaksConsent, match=f"Record 2 .*carries {what}") as refused:
        import_bundle(linked.center, linked.bundle(good, bad), "forged.bundle.age")
    assert NAME not in str(refused.value) and "Synthetic" not in str(refused.value)
    assert linked.held() == before, "all or nothing: the good record was not kept either"

    path = tmp_path / "forged.bundle.age"
    path.write_bytes(linked.bundle(bad))
    run = import_files(linked.center, [path])
    assert not run.results and run.refused[0][1].startswith("Record 1 ")


def test_with_the_persons_agreement_the_same_content_travels(linked: Linked) -> None:
    document = _minimal_record(linked)
    for forge in (_name, _free_text, _answer, _reasons, _stop_reason, _language):
        forge(document)
    document["answers"] = [
        [q, status, "yes" if q == "consent_storage" else value]
        for q, status, value in document["answers"]
    ]
    result = import_bundle(linked.center, linked.bundle(document), "agreed.bundle.age")
    assert result.imported == 1


@pytest.mark.parametrize("kind", ["casecon", "con"])
def test_a_case_sent_under_another_kind_is_refused_and_nothing_is_kept(
    linked: Linked, tmp_path: Path, kind: str
) -> None:
    """Found by the bundle fuzzing (a path trick on the record kind): the consent rule reads
    only records of kind ``case``, and any other kind was stored unread, past the rule, and
    shown nowhere. The centre now refuses a kind it does not know."""
    bad = _minimal_record(linked)
    _name(bad)
    with pytest.raises(RecordBreaksConsent):  # as a case, the rule sees the name
        import_bundle(linked.center, linked.bundle(bad), "forged.bundle.age")
    before = linked.held()
    with pytest.raises(UnknownRecordKind, match="Record 1 ") as refused:
        import_bundle(linked.center, linked.bundle(bad, kind=kind), "renamed.bundle.age")
    assert NAME not in str(refused.value)
    assert linked.held() == before, "nothing of the bundle was stored"

    path = tmp_path / "renamed.bundle.age"
    path.write_bytes(linked.bundle(bad, kind=kind))
    run = import_files(linked.center, [path])
    assert not run.results and run.refused[0][1].startswith("Record 1 ")
    assert linked.held() == before
