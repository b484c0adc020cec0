"""The station runs the test vectors of every protocol new to it before it applies a centre
package (the code of ``interview-room protocol check``, with the station's own decision rule):
a package whose protocol fails them, or carries none, is refused whole and nothing changes.

The failing packages are signed by the centre's own publishing code, as a centre whose rule
differed from the station's (an older or newer program) would sign them: ``publish_protocol``
runs the vectors too, so the test goes one step below it, to the signing step it shares."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from interview_room.center.publish import (
    Content,
    latest_package,
    publish_directory,
    publish_protocol,
    sign_and_publish,
    write_beside,
)
from interview_room.center.publish_snapshot import protocol_files
from interview_room.center.store import CenterStore
from interview_room.error_sentences import error_sentence
from interview_room.screening.loader import load_protocol
from interview_room.sync.centre_holdings import centre_folder, holdings
from interview_room.sync.centre_package import (
    CentrePackage,
    PublishedProtocol,
)
from interview_room.sync.centre_package_staging import CentrePackageVectorsFail
from interview_room.sync.sending import exchange_with_folder
from interview_room.workstation import Session
from tests.conftest import WorkstationFactory
from tests.sync.test_centre_package import (
    _directory,
    _enrolled,
    _files_under,
    _protocol_version,
)


def _sign_unchecked(center: CenterStore, folder: Path) -> bytes:
    """The centre's publishing step adds the protocol in ``folder`` to its package without
    running the vectors; the signed package is returned."""
    protocol = load_protocol(folder)
    published = PublishedProtocol(
        protocol.id, protocol.version, protocol.content_hash, protocol_files(folder)
    )

    def add(current: CentrePackage | None) -> Content:
        if current is None:
            return None, (published,), ()
        return current.directory, (*current.protocols, published), current.withdrawn

    sign_and_publish(center, f"protocol {protocol.id} {protocol.version}", add)
    data = latest_package(center)
    assert data is not None
    return data


def _visit(session: Session, center: CenterStore, stick: Path) -> None:
    stick.mkdir(exist_ok=True)
    assert write_beside(center, stick) is not None


def test_a_package_whose_new_protocol_fails_its_vectors_is_refused_whole(
    workstation: WorkstationFactory, tmp_path: Path
) -> None:
    session, center = _enrolled(workstation, tmp_path)
    data_dir = session.workstation.data_dir
    # A good package first: its protocol passes its vectors here and is applied.
    publish_directory(center, _directory(tmp_path, False), date(2027, 1, 5))
    publish_protocol(center, _protocol_version(tmp_path, "2.1.0"))
    stick = tmp_path / "stick"
    _visit(session, center, stick)
    good = exchange_with_folder(session, stick).package
    assert good is not None and good.refused is None
    assert good.applied is not None and good.applied.protocols_added == (
        "al-border-screening 2.1.0",
    )
    held_files = _files_under(centre_folder(data_dir))
    before = holdings(data_dir, session.db)
    assert (before.protocol_version, before.package_number) == ("2.1.0", 2)

    # Then one that also changes the directory and adds 2.2.0 with a vector that fails.
    publish_directory(center, _directory(tmp_path, True), date(2027, 1, 12))
    _sign_unchecked(center, _protocol_version(tmp_path, "2.2.0", break_a_vector=True))
    _visit(session, center, stick)
    outcome = exchange_with_folder(session, stick).package
    assert outcome is not None and outcome.applied is None
    assert isinstance(outcome.problem, CentrePackageVectorsFail)
    assert outcome.refused_as == "CentrePackageVectorsFail"
    problem = outcome.problem
    assert (problem.protocol, problem.reason, problem.failed) == (
        "al-border-screening 2.2.0",
        "failed",
        1,
    )
    assert problem.total > 90
    sentence = error_sentence(problem, "sq")
    assert "al-border-screening 2.2.0" in sentence and f"1 nga {problem.total}" in sentence
    assert "Nothing changed" in error_sentence(problem, "en")

    # Nothing of it was applied: not the protocol, not the directory, not the number.
    assert _files_under(centre_folder(data_dir)) == held_files
    assert holdings(data_dir, session.db) == before
    assert not any(p.name.startswith(".staging-") for p in centre_folder(data_dir).iterdir())


def test_a_package_whose_new_protocol_carries_no_vectors_is_refused(
    workstation: WorkstationFactory, tmp_path: Path
) -> None:
    session, center = _enrolled(workstation, tmp_path)
    data_dir = session.workstation.data_dir
    folder = _protocol_version(tmp_path, "2.1.0")
    (folder / "vectors.json").unlink()
    data = _sign_unchecked(center, folder)
    stick = tmp_path / "stick"
    stick.mkdir()
    (stick / "IR-centre-package.json").write_bytes(data)
    outcome = exchange_with_folder(session, stick).package
    assert outcome is not None and isinstance(outcome.problem, CentrePackageVectorsFail)
    assert outcome.problem.reason == "missing"
    assert "nuk ka raste prove" in error_sentence(outcome.problem, "sq")
    assert holdings(data_dir, session.db).package_number is None
    assert holdings(data_dir, session.db).protocol_version == "2.0.0"


def test_vectors_of_a_protocol_already_applied_are_not_run_again(
    workstation: WorkstationFactory, tmp_path: Path
) -> None:
    """A later package carries every protocol published so far; only those new to the station
    are run (one it took once stays usable whatever later packages say, and running 64 of them
    again would take seconds). The content hash, not the vectors, says what is new."""
    session, center = _enrolled(workstation, tmp_path)
    publish_protocol(center, _protocol_version(tmp_path, "2.1.0"))
    stick = tmp_path / "stick"
    _visit(session, center, stick)
    first = exchange_with_folder(session, stick).package
    assert first is not None and first.refused is None

    # The next package carries the same 2.1.0 content with a broken vectors file, and 2.2.0.
    broken = _protocol_version(tmp_path / "again", "2.1.0", break_a_vector=True)
    again = PublishedProtocol(
        "al-border-screening",
        "2.1.0",
        load_protocol(broken).content_hash,
        protocol_files(broken),
    )
    newer = _protocol_version(tmp_path, "2.2.0")
    added = PublishedProtocol(
        "al-border-screening", "2.2.0", load_protocol(newer).content_hash, protocol_files(newer)
    )

    def replace(current: CentrePackage | None) -> Content:
        return None, (again, added), ()

    sign_and_publish(center, "protocols", replace)
    _visit(session, center, stick)
    outcome = exchange_with_folder(session, stick).package
    assert outcome is not None
    assert outcome.refused is None, outcome.refused
    assert outcome.applied is not None
    assert outcome.applied.protocols_added == ("al-border-screening 2.2.0",)
    assert holdings(session.workstation.data_dir, session.db).protocol_version == "2.2.0"
