"""A complete training deployment: a station with users and synthetic cases.

Used by ``interview-room demo``, the first-run screen's *training workstation*, the tests and
the benchmarks. Whatever it hands out of the station goes under the export folder, never under
the station's data folder.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from interview_room.accounts import Role
from interview_room.errors import InterviewRoomError
from interview_room.files import atomic_write_bytes, private_dir
from interview_room.interview.protocols import ProtocolLibrary
from interview_room.store.audit import AuditEvent
from interview_room.store.kdf import DEFAULT_ARGON2, Argon2Params
from interview_room.training.scenarios import DEMO_PATHS, ScenarioResult, run_scenario
from interview_room.training.synthetic import synthetic_names
from interview_room.workstation import Session, Workstation

TRAINING_STATION_NAME = "Stacioni i trajnimit"
TRAINING_STATION_CODE = "TRN"
_PASSWORD_WORDS = (
    "mali",
    "lumi",
    "deti",
    "ura",
    "guri",
    "dielli",
    "hena",
    "pylli",
    "fusha",
    "qyteti",
    "libri",
    "dritarja",
    "molla",
    "shiu",
    "era",
    "bora",
)


@dataclass(frozen=True)
class TrainingCase:
    """One synthetic case as the demo reports it, so anyone can check what left the station:
    a case whose storage was refused carries no name or free text in the bundle."""

    code: str
    name: str
    child: bool
    storage_consent: str
    """``given``, ``refused``, ``not_asked`` … (a ``ConsentState`` value)."""
    recipients_consented: tuple[str, ...]

    @classmethod
    def of(cls, result: ScenarioResult, name: str) -> TrainingCase:
        return cls(
            result.case_code,
            name,
            result.presumed_child,
            result.storage_consent,
            result.recipients_consented,
        )


def _fill_cases(
    session: Session, names: list[str], social_worker: str, now: datetime
) -> tuple[TrainingCase, ...]:
    """One synthetic interview per name, cycling through every path (a refusal to keep a
    record among them), spread over past weeks."""
    protocol = ProtocolLibrary().current()
    worker = session.users.find(social_worker)
    worker_id = worker.id if worker else None
    made: list[TrainingCase] = []
    for index, name in enumerate(names):
        path = DEMO_PATHS[index % len(DEMO_PATHS)]
        result = run_scenario(session, protocol, path, name, index, worker_id)
        made.append(TrainingCase.of(result, name))
        started = (now - timedelta(days=index * 3, hours=index % 7)).isoformat(timespec="seconds")
        with session.db.transaction():
            # Training only: spread the cases over time so the list looks like a real station's.
            session.db.execute(
                "UPDATE cases SET started_at = ?, updated_at = ? WHERE code = ?",
                (started, started, result.case_code),
            )
    with session.db.transaction():
        session.audit.append(
            AuditEvent.TRAINING_DATA_CREATED, session.user.username, None, {"cases": len(names)}
        )
    return tuple(made)


class ExportInsideDataDir(InterviewRoomError):
    """The export folder lies inside the station's data folder, where nothing may be handed out."""


@dataclass(frozen=True)
class TrainingUser:
    username: str
    password: str
    role: Role
    display_name: str


@dataclass(frozen=True)
class TrainingDeployment:
    data_dir: Path
    export_dir: Path
    users: tuple[TrainingUser, ...]
    sample_names: tuple[str, ...]
    root_ca_pem: Path
    referral_pdfs: tuple[Path, ...]
    center_dir: Path
    center_identity: Path
    bundle: Path | None
    cases: tuple[TrainingCase, ...] = ()


def generate_password() -> str:
    """A training password that is easy to type and passes the station's rule: three different
    words (a word typed three times is a repeat any guesser tries first) and a number."""
    words = secrets.SystemRandom().sample(_PASSWORD_WORDS, 3)
    return "-".join(words) + f"-{secrets.randbelow(90) + 10}"


def build_training_deployment(
    data_dir: Path,
    export_dir: Path,
    cases: int = 12,
    kdf: Argon2Params = DEFAULT_ARGON2,
    now: datetime | None = None,
    referral_count: int = 2,
) -> TrainingDeployment:
    """Create a training station in ``data_dir`` with three users and ``cases`` synthetic cases."""
    data_resolved, export_resolved = data_dir.resolve(), export_dir.resolve()
    if export_resolved == data_resolved or data_resolved in export_resolved.parents:
        raise ExportInsideDataDir(f"{export_dir} lies inside the data folder {data_dir}.")
    users = _training_users()
    center_dir, identity = _set_up_station(data_dir, export_dir, users, kdf)
    names = synthetic_names(cases)
    social_worker = users[2]
    officer = users[1]
    session = Workstation(data_dir).unlock(officer.username, officer.password)
    try:
        cases_made = _fill_cases(session, names, social_worker.username, now or datetime.now(UTC))
        root, referrals = _hand_out_referrals(
            session, officer, social_worker, export_dir, referral_count
        )
        from interview_room.sync.station import StationSync

        # One bundle of everything, as if written onto a USB stick, not imported yet.
        bundle = StationSync(session).write_to_folder(private_dir(export_dir / "usb"))
    finally:
        session.logout()
    return TrainingDeployment(
        data_dir,
        export_dir,
        users,
        tuple(names),
        root,
        referrals,
        center_dir,
        identity,
        bundle,
        cases_made,
    )


def _training_users() -> tuple[TrainingUser, TrainingUser, TrainingUser]:
    """The administrator, the officer and the social worker, each with a new password."""
    return (
        TrainingUser("admin.trajnim", generate_password(), Role.STATION_ADMIN, "Admin Trajnimi"),
        TrainingUser("oficer.trajnim", generate_password(), Role.OFFICER, "Oficer Shembulli"),
        TrainingUser(
            "punonjes.trajnim",
            generate_password(),
            Role.SOCIAL_WORKER,
            "Punonjëse Sociale Shembulli",
        ),
    )


def _set_up_station(
    data_dir: Path,
    export_dir: Path,
    users: tuple[TrainingUser, ...],
    kdf: Argon2Params,
) -> tuple[Path, Path]:
    """The training station, made by its administrator (``users[0]``), enrolled with a
    training centre, with the other users added; the centre's folder and identity."""
    admin = users[0]
    created = Workstation(data_dir).create(
        TRAINING_STATION_NAME,
        TRAINING_STATION_CODE,
        admin.username,
        admin.display_name,
        admin.password,
        training=True,
        kdf=kdf,
    )
    private_dir(export_dir)
    session = created.session
    try:
        center_dir, identity = _training_center(session, export_dir)
        for user in users[1:]:
            session.add_user(user.username, user.display_name, user.role, user.password)
    finally:
        session.logout()
    return center_dir, identity


def _training_center(session: Session, export_dir: Path) -> tuple[Path, Path]:
    """A training central office under the export folder, the station enrolled with it the
    real way (package + one-time passphrase), and the centre's age identity written out for
    checks with the standard ``age`` tool."""
    from interview_room.center.enrollment import make_enrollment
    from interview_room.center.store import CenterStore
    from interview_room.sync.enrollment import enroll

    center_dir = export_dir / "center"
    center = CenterStore(center_dir)
    keys = center.create(training=True)
    station = session.station
    package = make_enrollment(
        center, station_name=station.name, station_code=station.code, url=None
    )
    enroll(session, package.data, package.passphrase)
    identity = export_dir / "center-identity.txt"
    atomic_write_bytes(identity, (keys.age_identity + "\n").encode())
    return center_dir, identity


def _hand_out_referrals(
    session: Session,
    officer: TrainingUser,
    social_worker: TrainingUser,
    export_dir: Path,
    wanted: int,
) -> tuple[Path, tuple[Path, ...]]:
    """Doubly signed training referrals (Albanian and English, in turn) and the training root,
    exported under ``export_dir`` as a trainer would hand them out."""
    from interview_room.interview.interview import Interview
    from interview_room.referral.content import Urgency
    from interview_room.referral.referrals import Referrals
    from interview_room.signing.pki import der_to_pem
    from interview_room.store.certificates import StationCertificates

    certificates = StationCertificates(session.db)
    root = export_dir / "training-root-ca.pem"
    atomic_write_bytes(root, der_to_pem(certificates.trust_anchors()[0]))
    folder = private_dir(export_dir / "referrals")
    referrals = Referrals(session)
    library = ProtocolLibrary()
    exported: list[Path] = []
    for case in session.cases.search():
        if len(exported) >= wanted:
            break
        interview = Interview.resume(session, case.id, library)
        if interview.decision() is None:
            continue
        language = ("sq", "en")[len(exported) % 2]
        record = referrals.create(
            interview,
            recipient="responsible_authority",
            language=language,
            urgency=Urgency.WITHIN_24_HOURS,
            officer_password=officer.password,
        )
        record = referrals.countersign(record.id, social_worker.username, social_worker.password)
        exported.append(
            referrals.export(record.id, folder / f"{record.document_number}-{language}.pdf")
        )
    return root, tuple(exported)
