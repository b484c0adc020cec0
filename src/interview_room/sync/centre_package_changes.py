"""What changed with the centre's packages applied here, for the station's administrator
(issue 16): protocol versions added (with their vectors' ``changed_because`` notes and the
README's "What changed" headings), the directory's entries added, removed or changed, and the
revocations added (counts per station; certificate serials only, never a name).

At each apply (``centre_package_station.apply_package``, in its transaction) the station's held
state is kept in the encrypted store (``settings``: ``centre_package_states``, the last
``KEPT_STATES``; never in a file): the directory's entries (public service data), the protocol
versions received and a digest of the revocations held. The differences are computed from two
such states by pure functions; the first state kept is what the station held before (the
directory and protocols recorded, or the shipped directory before any package).
"""

from __future__ import annotations

import json
import re
from dataclasses import asdict, dataclass
from itertools import pairwise
from pathlib import Path
from typing import Any

from interview_room.accounts import NotPermitted
from interview_room.documents.directory import (
    Directory,
    DirectoryError,
    load_directory,
    parse_directory,
)
from interview_room.store.database import Database
from interview_room.sync.centre_holdings import HeldPackage, centre_folder
from interview_room.sync.centre_package import CentrePackage
from interview_room.sync.centre_revocations import HeldRevocations
from interview_room.workstation import Session

STATES_SETTING = "centre_package_states"
KEPT_STATES = 3
"""The state before the package applied last, and the one before that: two sets of changes."""
STATION_PREFIX = "Interview Room station "
_WHAT_CHANGED = re.compile(r"^#{2,3}\s+(What changed.*)$", re.MULTILINE)
MAX_NOTE_CHARS = 2_000


@dataclass(frozen=True)
class EntryState:
    """A directory entry (``emergency`` or ``services``), as the centre published it."""

    section: str
    id: str
    name: str | None
    city: str | None
    phone: str | None
    verified: bool


@dataclass(frozen=True)
class ProtocolState:
    id: str
    version: str
    content_hash: str
    changes: tuple[str, ...] = ()
    """The README's "What changed …" headings."""
    changed_because: tuple[tuple[str, str], ...] = ()
    """(vector id, why) of each vector that says why it changed."""


@dataclass(frozen=True)
class HeldState:
    """What the station held right after a package (number None: before any package)."""

    number: int | None
    created_at: str | None
    directory_of: str | None
    """The directory's day (None: the one shipped with the program)."""
    entries: tuple[EntryState, ...]
    protocols: tuple[ProtocolState, ...]
    revoked_serials: tuple[tuple[str, tuple[str, ...]], ...]
    """(station, serials in hex) of each station CA's newest revocation list held."""
    revoked_certificates: int
    stolen_certificates: int
    revoked_stations: int
    withdrawn: tuple[tuple[str, str, str], ...] = ()
    """(id, version, content hash) of each protocol version the centre withdrew."""


@dataclass(frozen=True)
class EntryChange:
    before: EntryState | None
    after: EntryState | None

    @property
    def kind(self) -> str:
        return "added" if self.before is None else "removed" if self.after is None else "changed"


@dataclass(frozen=True)
class PackageChanges:
    """What one package changed at this station."""

    number: int
    created_at: str
    previous: int | None
    """The package held before (None: none, the shipped resources)."""
    directory_before: str | None
    directory_after: str | None
    protocols_added: tuple[ProtocolState, ...]
    entries: tuple[EntryChange, ...]
    revoked_serials: tuple[tuple[str, tuple[str, ...]], ...]
    """(station, serials new in its revocation list)."""
    user_certificates_revoked: int
    """Certificates of users newly revoked (a user disabled, a key replaced)."""
    stations_revoked: int
    """Stations the centre newly revoked (a stolen PC)."""
    unrevoked_serials: tuple[tuple[str, tuple[str, ...]], ...] = ()
    """(station, serials no longer in its revocation list): a revocation taken back, or
    pushed out by the cap, is shown as well as one added (attacker 8)."""
    protocols_removed: tuple[ProtocolState, ...] = ()
    """Protocol versions held before and not after."""
    protocols_withdrawn: tuple[ProtocolState, ...] = ()
    """Protocol versions the centre withdrew with this package: no longer offered to a new
    interview (those begun with them keep them)."""

    def as_json(self) -> dict[str, Any]:
        return {
            "number": self.number,
            "created_at": self.created_at,
            "previous": self.previous,
            "directory": {
                "before": self.directory_before,
                "after": self.directory_after,
                "entries": [
                    {
                        "change": change.kind,
                        "before": None if change.before is None else asdict(change.before),
                        "after": None if change.after is None else asdict(change.after),
                    }
                    for change in self.entries
                ],
            },
            "protocols_removed": [
                {"id": p.id, "version": p.version, "content_hash": p.content_hash}
                for p in self.protocols_removed
            ],
            "protocols_withdrawn": [
                {"id": p.id, "version": p.version, "content_hash": p.content_hash}
                for p in self.protocols_withdrawn
            ],
            "protocols_added": [
                {
                    "id": p.id,
                    "version": p.version,
                    "content_hash": p.content_hash,
                    "changes": list(p.changes),
                    "changed_because": [{"vector": v, "because": b} for v, b in p.changed_because],
                }
                for p in self.protocols_added
            ],
            "revocations": {
                "user_certificates": self.user_certificates_revoked,
                "stations": self.stations_revoked,
                "by_station": [
                    {"station": station, "serials": list(serials)}
                    for station, serials in self.revoked_serials
                ],
                "no_longer_revoked_by_station": [
                    {"station": station, "serials": list(serials)}
                    for station, serials in self.unrevoked_serials
                ],
            },
        }


def changes_between(before: HeldState, after: HeldState) -> PackageChanges:
    """What ``after`` holds that ``before`` did not, and the revocations and protocols it no
    longer holds (a revocation can be taken back, or pushed out by the cap)."""
    assert after.number is not None and after.created_at is not None
    known = {(p.id, p.version, p.content_hash) for p in before.protocols}
    old = {(e.section, e.id): e for e in before.entries}
    new = {(e.section, e.id): e for e in after.entries}
    entries = tuple(
        EntryChange(old.get(key), new.get(key))
        for key in sorted(old.keys() | new.keys())
        if old.get(key) != new.get(key)
    )
    serials = _serials_beyond(after.revoked_serials, before.revoked_serials)
    unrevoked = _serials_beyond(before.revoked_serials, after.revoked_serials)
    kept = {(p.id, p.version, p.content_hash) for p in after.protocols}
    users_before = before.revoked_certificates - before.stolen_certificates
    users_after = after.revoked_certificates - after.stolen_certificates
    return PackageChanges(
        after.number,
        after.created_at,
        before.number,
        before.directory_of,
        after.directory_of,
        tuple(p for p in after.protocols if (p.id, p.version, p.content_hash) not in known),
        entries,
        serials,
        max(0, users_after - users_before),
        max(0, after.revoked_stations - before.revoked_stations),
        unrevoked,
        tuple(p for p in before.protocols if (p.id, p.version, p.content_hash) not in kept),
        tuple(ProtocolState(*w) for w in after.withdrawn if w not in set(before.withdrawn)),
    )


def _serials_beyond(
    these: tuple[tuple[str, tuple[str, ...]], ...], those: tuple[tuple[str, tuple[str, ...]], ...]
) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """(station, serials) in ``these`` that ``those`` does not list for that station."""
    listed = {station: set(serials) for station, serials in those}
    return tuple(
        (station, beyond)
        for station, serials in these
        if (beyond := tuple(s for s in serials if s not in listed.get(station, set())))
    )


def _entries(directory: Directory) -> tuple[EntryState, ...]:
    return tuple(
        EntryState(section, e.id, e.name, e.city, e.phone, e.verified)
        for section, listed in (
            ("emergency", directory.emergency),
            ("services", directory.services),
        )
        for e in listed
    )


def _station(crl_issuer_name: str) -> str:
    """ "MOR – Morinë" of a station CA's common name (a station, never a person)."""
    return crl_issuer_name.removeprefix(STATION_PREFIX)


def _revocations_state(
    held: HeldRevocations,
) -> tuple[tuple[tuple[str, tuple[str, ...]], ...], int, int, int]:
    from cryptography import x509
    from cryptography.x509.oid import NameOID

    serials: dict[str, set[str]] = {}
    for der in held.lists:
        try:
            crl = x509.load_der_x509_crl(der)
        except ValueError:
            continue
        names = crl.issuer.get_attributes_for_oid(NameOID.COMMON_NAME)
        station = _station(str(names[0].value)) if names else "?"
        serials.setdefault(station, set()).update(f"{r.serial_number:X}" for r in crl)
    stolen = set().union(*(certificates for certificates, _ in held.stolen))
    return (
        tuple((station, tuple(sorted(found))) for station, found in sorted(serials.items())),
        len(held.certificates),
        len(stolen),
        len(held.stolen),
    )


def _protocol_notes(
    files: tuple[tuple[str, bytes], ...],
) -> tuple[tuple[str, ...], tuple[tuple[str, str], ...]]:
    """The README's "What changed" headings and the vectors' reasons, as far as they read."""
    contents = dict(files)
    changes: tuple[str, ...] = ()
    with_reason: list[tuple[str, str]] = []
    try:
        readme = contents.get("README.md", b"").decode("utf-8")
        changes = tuple(m[:MAX_NOTE_CHARS] for m in _WHAT_CHANGED.findall(readme))
        vectors = json.loads(contents.get("vectors.json", b"{}"))
        items = vectors.get("vectors", []) if isinstance(vectors, dict) else vectors
        for item in items if isinstance(items, list) else []:
            if isinstance(item, dict) and isinstance(item.get("changed_because"), str):
                with_reason.append((str(item.get("id")), item["changed_because"][:MAX_NOTE_CHARS]))
    except (UnicodeDecodeError, ValueError):
        pass
    return changes, tuple(with_reason)


def _state_from_json(raw: dict[str, Any]) -> HeldState:
    return HeldState(
        raw["number"],
        raw["created_at"],
        raw["directory_of"],
        tuple(EntryState(**e) for e in raw["entries"]),
        tuple(
            ProtocolState(
                p["id"],
                p["version"],
                p["content_hash"],
                tuple(p["changes"]),
                tuple((v, b) for v, b in p["changed_because"]),
            )
            for p in raw["protocols"]
        ),
        tuple((s, tuple(serials)) for s, serials in raw["revoked_serials"]),
        raw["revoked_certificates"],
        raw["stolen_certificates"],
        raw["revoked_stations"],
        tuple((str(i), str(v), str(h)) for i, v, h in raw.get("withdrawn", [])),
    )


def kept_states(db: Database) -> tuple[HeldState, ...]:
    """The states kept, oldest first (none before the first package applied with this)."""
    row = db.one("SELECT value FROM settings WHERE key = ?", (STATES_SETTING,))
    if row is None:
        return ()
    try:
        return tuple(_state_from_json(item) for item in json.loads(str(row[0])))
    except (ValueError, KeyError, TypeError):
        return ()  # an unreadable record shows no changes; it never stops a package


def _directory_before(data_dir: Path, recorded: HeldPackage | None) -> tuple[str | None, Directory]:
    """The directory the station used before the first package recorded here."""
    import hashlib

    if recorded is not None and recorded.directory_file is not None:
        path = centre_folder(data_dir) / recorded.directory_file
        try:
            data = path.read_bytes()
            if hashlib.sha256(data).hexdigest() == path.stem:
                return recorded.directory_published_on, parse_directory(data, path.name)
        except (OSError, DirectoryError):
            pass
    return None, load_directory()


def _baseline(
    data_dir: Path, recorded: HeldPackage | None, revocations: HeldRevocations
) -> HeldState:
    directory_of, directory = _directory_before(data_dir, recorded)
    serials, certificates, stolen, stations = _revocations_state(revocations)
    return HeldState(
        recorded.number if recorded else None,
        recorded.created_at if recorded else None,
        directory_of,
        _entries(directory),
        tuple(
            ProtocolState(p.id, p.version, p.content_hash)
            for p in (recorded.protocols if recorded else ())
        ),
        serials,
        certificates,
        stolen,
        stations,
        recorded.withdrawn if recorded else (),
    )


def remember_applied(
    db: Database,
    data_dir: Path,
    recorded: HeldPackage | None,
    held: HeldPackage,
    package: CentrePackage,
    revocations: tuple[HeldRevocations, HeldRevocations],
) -> None:
    """Keep the state after ``package`` (``held``, the revocations now held) with the states
    before it; call in the transaction that records the package. ``recorded`` and
    ``revocations[0]`` are what was held before (used when no state was kept yet)."""
    states = list(kept_states(db)) or [_baseline(data_dir, recorded, revocations[0])]
    previous = states[-1]
    notes = {(p.id, p.version, p.content_hash): p for p in previous.protocols}
    for published in package.protocols:
        key = (published.id, published.version, published.content_hash)
        if key not in notes:
            notes[key] = ProtocolState(*key, *_protocol_notes(published.files))
    entries = previous.entries
    if package.directory is not None:
        entries = _entries(parse_directory(package.directory.data, "directory.json"))
    serials, certificates, stolen, stations = _revocations_state(revocations[1])
    states.append(
        HeldState(
            package.number,
            package.created_at,
            held.directory_published_on,
            entries,
            tuple(
                notes.get((p.id, p.version, p.content_hash))
                or ProtocolState(p.id, p.version, p.content_hash)
                for p in held.protocols
            ),
            serials,
            certificates,
            stolen,
            stations,
            held.withdrawn,
        )
    )
    text = json.dumps([asdict(s) for s in states[-KEPT_STATES:]], ensure_ascii=False)
    db.execute(
        "INSERT INTO settings (key, value) VALUES (?, ?)"
        " ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        (STATES_SETTING, text),
    )


def recent_changes(db: Database) -> tuple[PackageChanges, ...]:
    """What the package applied last changed, then the one before it (if kept)."""
    states = kept_states(db)
    return tuple(
        changes_between(before, after) for before, after in reversed(list(pairwise(states)))
    )


def package_changes(session: Session) -> tuple[PackageChanges, ...]:
    """``recent_changes`` for a station administrator; raises ``NotPermitted`` otherwise."""
    if not session.user.is_admin:
        raise NotPermitted("Only a station administrator may see what the centre's update changed.")
    return recent_changes(session.db)


def changes_text(changes: PackageChanges) -> list[str]:
    """The command line's lines (English; the window words its own)."""
    lines = [
        f"Package {changes.number} of {changes.created_at[:10]}"
        + (f" (after package {changes.previous})" if changes.previous else "")
    ]
    for p in changes.protocols_added:
        lines.append(f"  Protocol added: {p.id} {p.version}")
        lines.extend(f"    {note}" for note in p.changes)
        lines.extend(f"    vector {v}: {because}" for v, because in p.changed_because)
    if changes.directory_before != changes.directory_after:
        before = changes.directory_before or "shipped"
        lines.append(f"  Directory: {before} -> {changes.directory_after or 'shipped'}")
    for change in changes.entries:
        entry = change.after or change.before
        assert entry is not None
        lines.append(f"  Directory entry {change.kind}: {_entry_words(change)}")
    lines.append(
        f"  Revocations added: {changes.user_certificates_revoked} user certificate(s),"
        f" {changes.stations_revoked} station(s)"
    )
    for station, serials in changes.revoked_serials:
        lines.append(f"    {station}: {len(serials)} serial(s) {', '.join(serials)}")
    for station, serials in changes.unrevoked_serials:
        lines.append(f"  No longer revoked, {station}: {', '.join(serials)}")
    lines.extend(f"  Protocol removed: {p.id} {p.version}" for p in changes.protocols_removed)
    lines.extend(
        f"  Protocol withdrawn: {p.id} {p.version} (not offered to new interviews)"
        for p in changes.protocols_withdrawn
    )
    return lines


def entry_words(entry: EntryState) -> str:
    """ "Vatra, Vlorë, 0800 1234 (verified)": public service data."""
    parts = [entry.name or entry.id, entry.city, entry.phone]
    text = ", ".join(part for part in parts if part)
    return text + (" ✓" if entry.verified else "")


def _entry_words(change: EntryChange) -> str:
    if change.before is None or change.after is None:
        entry = change.after or change.before
        assert entry is not None
        return entry_words(entry)
    return f"{entry_words(change.before)} -> {entry_words(change.after)}"
