"""What can be known about a station's data folder before anyone unlocks it.

The login screen needs the station's name, whether it is a training station, and the last
interface language; all three are in the keyring file's public part. Reading them here costs
no cryptography and no database, so the first window shows at once. ``Workstation`` (which
can unlock) extends this class.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any, NamedTuple

from interview_room.errors import InterviewRoomError

DATABASE_FILE = "station.db"
KEYRING_FILE = "keyring.json"
BACKUPS_DIR = "backups"
DEFAULT_LANGUAGE = "sq"


class WorkstationMissing(InterviewRoomError):
    """No workstation has been set up in this folder yet."""


class StationUnreadable(InterviewRoomError):
    """The keyring file is damaged and even the station's description cannot be read."""


class StationDescription(NamedTuple):
    """What may be shown before anyone logs in: no personal data. (A named tuple: the login
    window reads it, and a dataclass would cost start-up time; see ``gui/theme.Palette``.)"""

    station_id: str
    name: str
    code: str
    training: bool
    created_at: str

    def to_json(self) -> dict[str, str | bool]:
        return {
            "station_id": self.station_id,
            "name": self.name,
            "code": self.code,
            "training": self.training,
            "created_at": self.created_at,
        }

    @classmethod
    def from_json(cls, raw: Mapping[str, Any]) -> StationDescription:
        return cls(
            station_id=str(raw["station_id"]),
            name=str(raw["name"]),
            code=str(raw["code"]),
            training=bool(raw["training"]),
            created_at=str(raw["created_at"]),
        )


class StationFolder:
    """A station's data folder: ``station.db`` (SQLCipher) and ``keyring.json``."""

    def __init__(self, data_dir: Path) -> None:
        self.data_dir = data_dir
        self.database_path = data_dir / DATABASE_FILE
        self.keyring_path = data_dir / KEYRING_FILE
        self.backups_dir = data_dir / BACKUPS_DIR

    def exists(self) -> bool:
        return self.keyring_path.exists()

    def describe(self) -> StationDescription:
        try:
            return StationDescription.from_json(self._public()["station"])
        except (KeyError, TypeError) as exc:
            raise StationUnreadable(f"{self.keyring_path} is damaged.") from exc

    def login_language(self) -> str:
        if not self.exists():
            return DEFAULT_LANGUAGE
        return str(self._public().get("login_language", DEFAULT_LANGUAGE))

    def require_existing(self) -> None:
        if not self.exists():
            raise WorkstationMissing(f"No workstation is set up in {self.data_dir}.")

    def _public(self) -> dict[str, Any]:
        self.require_existing()
        try:
            raw = json.loads(self.keyring_path.read_bytes().decode("utf-8"))
        except (OSError, ValueError) as exc:
            raise StationUnreadable(f"{self.keyring_path} cannot be read.") from exc
        if not isinstance(raw, dict):
            raise StationUnreadable(f"{self.keyring_path} is damaged.")
        return raw
