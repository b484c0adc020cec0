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
from interview_room.cases.register import CaseRegister, CaseStatus
from interview_room.errors import InterviewRoomError
from interview_room.files import private_dir
from interview_room.store.audit import AuditEvent
from interview_room.store.kdf import DEFAULT_ARGON2, Argon2Params
from interview_room.training.synthetic import synthetic_names
from interview_room.workstation import Workstation

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
_STATUS_CYCLE = (
    CaseStatus.COMPLETED,
    CaseStatus.REFERRED,
    CaseStatus.DRAFT,
    CaseStatus.INCOMPLETE,
    CaseStatus.COMPLETED,
    CaseStatus.SYNCED,
)


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


def generate_password() -> str:
    """A training password that is easy to type and long enough for the station's rule."""
    words = [secrets.choice(_PASSWORD_WORDS) for _ in range(3)]
    return "-".join(words) + f"-{secrets.randbelow(90) + 10}"


def build_training_deployment(
    data_dir: Path,
    export_dir: Path,
    cases: int = 12,
    kdf: Argon2Params = DEFAULT_ARGON2,
    now: datetime | None = None,
) -> TrainingDeployment:
    """Create a training station in ``data_dir`` with three users and ``cases`` synthetic cases."""
    data_resolved, export_resolved = data_dir.resolve(), export_dir.resolve()
    if export_resolved == data_resolved or data_resolved in export_resolved.parents:
        raise ExportInsideDataDir(f"{export_dir} lies inside the data folder {data_dir}.")
    users = (
        TrainingUser("admin.trajnim", generate_password(), Role.STATION_ADMIN, "Admin Trajnimi"),
        TrainingUser("oficer.trajnim", generate_password(), Role.OFFICER, "Oficer Shembulli"),
        TrainingUser(
            "punonjes.trajnim",
            generate_password(),
            Role.SOCIAL_WORKER,
            "Punonjëse Sociale Shembulli",
        ),
    )
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
    session = created.session
    try:
        added = {
            u.role: session.add_user(u.username, u.display_name, u.role, u.password)
            for u in users[1:]
        }
        names = synthetic_names(cases)
        register = CaseRegister(session.db, TRAINING_STATION_CODE)
        start = now or datetime.now(UTC)
        with session.db.transaction():
            for index, name in enumerate(names):
                register.create(
                    name,
                    added[Role.OFFICER].id,
                    added[Role.SOCIAL_WORKER].id,
                    _STATUS_CYCLE[index % len(_STATUS_CYCLE)],
                    started_at=start - timedelta(days=index * 3, hours=index % 7),
                )
            session.audit.append(
                AuditEvent.TRAINING_DATA_CREATED, admin.username, None, {"cases": cases}
            )
    finally:
        session.logout()
    private_dir(export_dir)
    return TrainingDeployment(data_dir, export_dir, users, tuple(names))
