"""What the station holds from the centre, as the encrypted store recorded it: the protocols
and the directory a new interview, a referral and a minimal record use.

``centre/held.json`` lists what was received; only what the store's record of it
(``centre_package_held``) names, with the hashes it gives, is used: anyone who can write the
data folder can edit ``held.json`` or the files. Applying a package (``centre_package_station``)
writes these; this module only reads them, and imports nothing of the station's sync, so the
records a bundle carries can ask which protocol a case used (``records.py``).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import re
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from interview_room.documents.directory import Directory, load_directory, parse_directory
from interview_room.interview.protocols import ProtocolLibrary
from interview_room.screening import Protocol
from interview_room.store.database import Database

CENTRE_DIR = "centre"
HELD_FILE = "held.json"
PROTOCOLS_DIR = "protocols"
DIRECTORIES_DIR = "directories"
HELD_SETTING = "centre_package_held"
"""``held.json``'s content as recorded in the encrypted store when the package was applied: the
directory file (named by its SHA-256) and each protocol folder with its content hash. What the
station uses is checked against this, never against ``held.json`` alone."""


@dataclass(frozen=True)
class HeldProtocol:
    id: str
    version: str
    content_hash: str
    folder: str
    files: tuple[tuple[str, str], ...] | None = None
    """Each file of the folder as the centre's package brought it (path, SHA-256), recorded
    when applied (None: applied before this was recorded). The content hash covers only
    protocol.json and the sq/en texts (attacker 5, P2: the ar/fa/fr/sr texts were editable in
    place)."""


@dataclass(frozen=True)
class HeldPackage:
    """What the station holds from the centre (``centre/held.json``)."""

    number: int
    created_at: str
    body_sha256: str
    directory_file: str | None
    directory_published_on: str | None
    protocols: tuple[HeldProtocol, ...]
    """Every version ever received, oldest first."""
    withdrawn: tuple[tuple[str, str, str], ...] = ()
    """(id, version, content hash) of every version the centre withdrew, by any package
    applied here, sorted: never offered to a new interview again (never taken back)."""

    def as_json(self) -> dict[str, Any]:
        return {
            "number": self.number,
            "created_at": self.created_at,
            "body_sha256": self.body_sha256,
            "directory_file": self.directory_file,
            "directory_published_on": self.directory_published_on,
            "protocols": [
                {
                    "id": p.id,
                    "version": p.version,
                    "content_hash": p.content_hash,
                    "folder": p.folder,
                    **({} if p.files is None else {"files": dict(p.files)}),
                }
                for p in self.protocols
            ],
            **({"withdrawn": [list(w) for w in self.withdrawn]} if self.withdrawn else {}),
        }

    @classmethod
    def from_json(cls, raw: dict[str, Any]) -> HeldPackage:
        return cls(
            number=int(raw["number"]),
            created_at=str(raw["created_at"]),
            body_sha256=str(raw["body_sha256"]),
            directory_file=raw["directory_file"],
            directory_published_on=raw["directory_published_on"],
            protocols=tuple(
                HeldProtocol(
                    str(p["id"]),
                    str(p["version"]),
                    str(p["content_hash"]),
                    str(p["folder"]),
                    _files(p.get("files")),
                )
                for p in raw["protocols"]
            ),
            withdrawn=tuple(
                sorted((str(i), str(v), str(h)) for i, v, h in raw.get("withdrawn", []))
            ),
        )


def _files(raw: object) -> tuple[tuple[str, str], ...] | None:
    if raw is None:
        return None
    if not isinstance(raw, dict):
        raise TypeError("files is not an object")
    return tuple(sorted((str(path), str(digest)) for path, digest in raw.items()))


def file_hashes(files: tuple[tuple[str, bytes], ...]) -> tuple[tuple[str, str], ...]:
    """(path, SHA-256) of each file of a protocol as the package carries it."""
    return tuple(sorted((path, hashlib.sha256(data).hexdigest()) for path, data in files))


def files_intact(folder: Path, files: tuple[tuple[str, str], ...] | None) -> bool:
    """Whether ``folder`` holds exactly ``files`` (no file added, removed or changed); True
    when nothing was recorded (a folder received before the hashes were kept)."""
    if files is None:
        return True
    try:
        present = sorted(
            path.relative_to(folder).as_posix() for path in folder.rglob("*") if path.is_file()
        )
        if present != [path for path, _ in files]:
            return False
        return all(
            hashlib.sha256((folder / path).read_bytes()).hexdigest() == digest
            for path, digest in files
        )
    except OSError:
        return False


def centre_folder(data_dir: Path) -> Path:
    return data_dir / CENTRE_DIR


_DIRECTORY_FILE = re.compile(rf"{DIRECTORIES_DIR}/([0-9a-f]{{64}})\.json")
_PROTOCOL_FOLDER = re.compile(r"[a-z][a-z0-9-]{0,63}-[0-9]{1,4}(\.[0-9]{1,4}){0,3}-[0-9a-f]{16}")
_PROTOCOL_FILE = re.compile(r"protocol\.json|vectors\.json|README\.md|texts/[a-z]{2,3}\.json")
_SHA256 = re.compile(r"[0-9a-f]{64}")


def protocol_folder(protocol_id: str, version: str, content_hash: str) -> str:
    """The folder a received protocol is kept in: named by its content."""
    return f"{protocol_id}-{version}-{content_hash[:16]}"


def _held_names_valid(held: HeldPackage) -> bool:
    """``held.json`` names only files this module writes: no path leaves ``centre/``."""
    if held.directory_file is not None and not _DIRECTORY_FILE.fullmatch(held.directory_file):
        return False
    if not all(_SHA256.fullmatch(content_hash) for _, _, content_hash in held.withdrawn):
        return False
    return all(
        _PROTOCOL_FOLDER.fullmatch(p.folder) is not None
        and p.folder == protocol_folder(p.id, p.version, p.content_hash)
        and all(
            _PROTOCOL_FILE.fullmatch(path) and _SHA256.fullmatch(digest)
            for path, digest in p.files or ()
        )
        for p in held.protocols
    )


def held_package(data_dir: Path) -> HeldPackage | None:
    """What ``held.json`` says the station holds; None before any package (or if the file is
    unreadable, or names a path this module never writes: the station then uses what it
    shipped with)."""
    try:
        text = (centre_folder(data_dir) / HELD_FILE).read_bytes().decode("utf-8")
    except (OSError, ValueError):
        return None
    return parse_held(text)


def parse_held(text: str) -> HeldPackage | None:
    try:
        held = HeldPackage.from_json(json.loads(text))
    except (ValueError, KeyError, TypeError, AttributeError):
        return None
    return held if _held_names_valid(held) else None


def recorded_package(db: Database) -> HeldPackage | None:
    """What the encrypted store recorded when the last package was applied; None before any
    (or for a store that applied one before this was recorded: shipped resources are used).
    Its withdrawn versions are those of the record and every one the audit log's entries of
    applied packages name (attacker 9, B2: one UPDATE of the record undid a withdrawal)."""
    row = db.one("SELECT value FROM settings WHERE key = ?", (HELD_SETTING,))
    held = None if row is None else parse_held(str(row[0]))
    if held is None:
        return None
    logged = logged_withdrawals(db)
    if set(logged) <= set(held.withdrawn):
        return held
    return replace(held, withdrawn=tuple(sorted({*held.withdrawn, *logged})))


WITHDRAWN_DETAIL = "withdrawn_"
"""Audit detail keys of a package applied: ``withdrawn_<n>`` = ``<id>@<version>`` and
``withdrawn_<n>_sha256`` = its content hash, for each withdrawn version the log did not name."""


def withdrawal_details(
    withdrawn: tuple[tuple[str, str, str], ...], logged: tuple[tuple[str, str, str], ...]
) -> dict[str, str]:
    """The audit detail naming each of ``withdrawn`` that ``logged`` does not name yet."""
    detail: dict[str, str] = {}
    for n, (protocol_id, version, content_hash) in enumerate(
        (w for w in withdrawn if w not in logged), start=1
    ):
        detail[f"{WITHDRAWN_DETAIL}{n}"] = f"{protocol_id}@{version}"
        detail[f"{WITHDRAWN_DETAIL}{n}_sha256"] = content_hash
    return detail


def logged_withdrawals(db: Database) -> tuple[tuple[str, str, str], ...]:
    """(id, version, content hash) of every withdrawn version the audit log's entries of
    applied packages name: the hash-chained log only grows, so a withdrawal stays."""
    found: set[tuple[str, str, str]] = set()
    for (detail,) in db.all(
        "SELECT detail FROM audit_log WHERE event = 'settings_changed'"
        " AND detail LIKE '%\"centre_package\"%' AND detail LIKE '%\"withdrawn\\_%' ESCAPE '\\'"
    ):
        with contextlib.suppress(ValueError, TypeError, AttributeError):
            raw = json.loads(str(detail))
            for key, named in raw.items():
                content_hash = raw.get(f"{key}_sha256")
                if not key.startswith(WITHDRAWN_DETAIL) or not isinstance(content_hash, str):
                    continue
                protocol_id, _, version = str(named).partition("@")
                if _SHA256.fullmatch(content_hash) and protocol_id and version:
                    found.add((protocol_id, version, content_hash))
    return tuple(sorted(found))


def station_protocols(data_dir: Path, db: Database) -> ProtocolLibrary:
    """The station's protocols: those shipped and those the centre sent. A new interview is
    offered a received version only if the encrypted store ``db`` recorded it when its package
    was applied and its content still has the hash recorded (a folder edited in place, or one
    only ``held.json`` names, is not); an interview already started reopens with the version
    whose exact content hash it recorded, from any folder received."""
    return _station_protocols(data_dir, recorded_package(db))


def _station_protocols(data_dir: Path, recorded: HeldPackage | None) -> ProtocolLibrary:
    folders = centre_folder(data_dir) / PROTOCOLS_DIR
    anchored = {folders / p.folder: p.content_hash for p in recorded.protocols} if recorded else {}
    # A folder with a file changed, added or removed since it was applied (a language the
    # content hash does not cover) is neither offered nor reopened: attacker 5, P2.
    changed = {
        folders / p.folder
        for p in (recorded.protocols if recorded else ())
        if not files_intact(folders / p.folder, p.files)
    }
    listed: list[Path] = []
    with contextlib.suppress(OSError):
        listed = sorted(f for f in folders.iterdir() if _PROTOCOL_FOLDER.fullmatch(f.name))
    if recorded is not None and any(p.files is not None for p in recorded.protocols):
        listed = []  # the store lists every version received: a folder it does not is planted
    received = tuple(f for f in dict.fromkeys([*anchored, *listed]) if f not in changed)
    anchored = {folder: hashed for folder, hashed in anchored.items() if folder not in changed}
    withdrawn = frozenset(w[2] for w in recorded.withdrawn) if recorded else frozenset()
    return ProtocolLibrary(received=received, anchored=anchored, withdrawn=withdrawn)


def protocol_withdrawn(db: Database, protocol: Protocol) -> bool:
    """Whether the centre withdrew ``protocol`` by a package this station applied (an
    interview begun with it is finished with it, and says so)."""
    recorded = recorded_package(db)
    if recorded is None or not recorded.withdrawn:
        return False
    withdrawn = frozenset(content_hash for _, _, content_hash in recorded.withdrawn)
    return ProtocolLibrary(withdrawn=withdrawn).withdrawn(protocol)


def _received_directory(data_dir: Path, recorded: HeldPackage | None) -> Directory | None:
    """The directory file the store recorded, if it is still the file the centre signed."""
    if recorded is None or recorded.directory_file is None:
        return None
    path = centre_folder(data_dir) / recorded.directory_file
    # Named by its SHA-256 when applied, and the name is taken from the encrypted store: a file
    # changed since (a phone number edited in place), or another file held.json was edited to
    # name, is not the one the centre signed. The bytes checked are the bytes parsed.
    try:
        data = path.read_bytes()
    except OSError:
        return None
    if hashlib.sha256(data).hexdigest() != path.stem:
        return None
    return parse_directory(data, path.name)


def station_directory(data_dir: Path, db: Database) -> Directory:
    """The directory the centre sent last, as the encrypted store ``db`` recorded it when the
    package was applied; else the one shipped with the program."""
    received = _received_directory(data_dir, recorded_package(db))
    return received if received is not None else load_directory()


@dataclass(frozen=True)
class HoldingsSummary:
    """What a person is told: the directory's day (None: the one shipped) and the protocol
    version new interviews use."""

    directory_published_on: str | None
    protocol_version: str
    package_number: int | None

    def as_json(self) -> dict[str, object]:
        return {
            "directory_of": self.directory_published_on,
            "protocol": self.protocol_version,
            "centre_package": self.package_number,
        }


def holdings(data_dir: Path, db: Database) -> HoldingsSummary:
    """What the station uses (checked as ``station_directory`` and ``station_protocols`` do)."""
    recorded = recorded_package(db)
    directory = _received_directory(data_dir, recorded)
    return HoldingsSummary(
        recorded.directory_published_on if recorded and directory else None,
        _station_protocols(data_dir, recorded).current().version,
        recorded.number if recorded else None,
    )


def holdings_sentence(summary: HoldingsSummary) -> str:
    """ "Directory of 2027-01-12, protocol 2.0.0" (the command line's words; the window
    translates its own)."""
    directory = (
        f"Directory of {summary.directory_published_on}"
        if summary.directory_published_on
        else "Directory shipped with the program"
    )
    return f"{directory}, protocol {summary.protocol_version}"
