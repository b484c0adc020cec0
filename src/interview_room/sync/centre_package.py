"""The centre's package: what the central office sends back to every station, signed with the
root the stations pinned at enrollment (docs/CENTRE_PACKAGE.md is the specification).

A package is one JSON envelope: the root's SHA-256 (a hint, so a package of another centre is
named as such), the signed body as base64 and the root's ECDSA P-256 signature over the body's
exact bytes. The reader checks the envelope's shape and sizes, then the signature with the
station's pinned root, and only then parses the body: nothing the centre did not sign is read
as content. The body holds a number that only ever rises, the time it was made, the directory of
services (with the day it was published) and every protocol version the centre has published,
each file as its exact bytes (so the station computes the same content hash), and (body version
2) the revocations every station reported: each station CA's newest revocation list, as the
station signed it, and the SHA-256 of every certificate a station reported revoked.

No name, answer or free text is ever in a package: the directory names services, the
protocols are questions and texts; the seen-before index (body version 3: tokens with a case's
code, station, day, outcome and recipients) travels sealed to the stations
(``centre_package_seen``).
"""

from __future__ import annotations

import base64
import hashlib
import re
from dataclasses import dataclass
from datetime import date
from typing import Any, NoReturn

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.serialization import load_der_private_key
from cryptography.x509 import load_der_x509_certificate

from interview_room.errors import InterviewRoomError
from interview_room.sync.centre_package_seen import check_sealed
from interview_room.sync.fields import (
    FORMAT_VERSION,
    MIB,
    FormatViolation,
    canonical_json,
    check_counter,
    check_format,
    check_list,
    check_object,
    check_sha256,
    check_utc_timestamp,
    decode_base64,
    parse_json,
)

PACKAGE_FORMAT = "interview-room-centre-package"
BODY_FORMAT = "interview-room-centre-package-body"
PACKAGE_FILE_NAME = "IR-centre-package.json"
"""The name the package has on a stick (beside the receipts) and in the centre's folder."""
PACKAGE_PATH = "/centre-package"
"""The receiver's address for the package (``GET``, signed like an upload, empty body)."""
HELD_PACKAGE_HEADER = "x-centre-package-number"
"""The number of the package the station holds: the receiver answers 204 when it has none
newer (a hint only; the station checks every package it receives)."""
MAX_PACKAGE_BYTES = 32 * MIB
MAX_BODY_BYTES = 24 * MIB
MAX_FILE_BYTES = 4 * MIB
MAX_PROTOCOLS = 64
MAX_FILES = 32
MAX_SIGNATURE_BYTES = 80  # a DER ECDSA P-256 signature is at most 72 bytes
MAX_REVOCATION_LISTS = 4096
MAX_REVOCATION_LIST_BYTES = 1 * MIB
MAX_REVOKED_CERTIFICATES = 200_000
BODY_VERSION_REVOCATIONS = 2
"""The body version that carries ``revocations``; a package without any is written as version
1, which a station of before issue 16 still reads."""
BODY_VERSION_SEEN_BEFORE = 3
"""The body version that carries ``seen_before`` (the sealed index, ``centre_package_seen``);
``revocations`` is optional in it. Written only when there is a section to carry."""
BODY_VERSION_WITHDRAWALS = 4
"""The body version that carries ``withdrawn`` (protocol versions the centre withdrew);
``revocations`` and ``seen_before`` are optional in it. Written only when something was
withdrawn: a station from before it refuses the package as damaged until it is updated."""
MAX_WITHDRAWN = 64

_FILE_NAME = re.compile(r"(protocol\.json|vectors\.json|README\.md|texts/[a-z]{2,3}\.json)")
_PROTOCOL_ID = re.compile(r"[a-z][a-z0-9-]{0,63}")
_VERSION = re.compile(r"[0-9]{1,4}(\.[0-9]{1,4}){0,3}")

_ENVELOPE_KEYS = frozenset({"format", "version", "root_sha256", "body", "signature"})
_BODY_KEYS = frozenset(
    {"format", "version", "number", "created_at", "root_sha256", "directory", "protocols"}
)
_BODY_KEYS_V2 = _BODY_KEYS | {"revocations"}
_BODY_KEYS_V3 = _BODY_KEYS_V2 | {"seen_before"}
_REVOCATIONS_KEYS = frozenset({"lists", "certificates"})
_REVOCATIONS_KEYS_STOLEN = _REVOCATIONS_KEYS | {"stolen"}
_STOLEN_KEYS = frozenset({"certificates", "forms"})
MAX_STOLEN_STATIONS = 256
MAX_VOUCHED_FORMS = 200_000
_DIRECTORY_KEYS = frozenset({"published_on", "sha256", "data"})
_PROTOCOL_KEYS = frozenset({"id", "version", "content_hash", "files"})
_WITHDRAWN_KEYS = frozenset({"id", "version", "content_hash"})


class CentrePackageError(InterviewRoomError):
    """A package from the centre was not taken; nothing at the station changed."""


class CentrePackageDamaged(CentrePackageError):
    """The file is not a centre package, is truncated or over a limit, or breaks its format."""


class CentrePackageFromAnotherCentre(CentrePackageError):
    """The package names another root than the central office this station is enrolled with."""


class CentrePackageSignatureInvalid(CentrePackageError):
    """The package's signature does not verify with the station's central root: it was
    changed after it was signed, or not signed by that root."""


@dataclass(frozen=True)
class PublishedDirectory:
    published_on: str
    """The day the centre published it (YYYY-MM-DD): what a station shows."""
    data: bytes
    """The directory file's exact bytes (``resources/directory.json`` format)."""

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.data).hexdigest()


@dataclass(frozen=True)
class PublishedProtocol:
    id: str
    version: str
    content_hash: str
    """The loader's content hash (``screening/loader.py``), which interviews are pinned by."""
    files: tuple[tuple[str, bytes], ...]
    """(path inside the protocol folder, exact bytes), sorted by path."""


@dataclass(frozen=True, order=True)
class WithdrawnProtocol:
    """A protocol version the centre withdrew: no station offers it to a new interview again;
    an interview begun with it keeps it (its folder is never removed)."""

    id: str
    version: str
    content_hash: str


_Withdrawn = tuple[WithdrawnProtocol, ...]


@dataclass(frozen=True)
class PublishedRevocations:
    """What every station reported revoked, as the centre holds it when it signs the package.
    Both parts only ever grow: a station's later list never drops a serial, and the centre
    never takes back a revocation it merged."""

    lists: tuple[bytes, ...] = ()
    """The newest revocation list (DER) of each station CA, signed by that CA, sorted."""
    certificates: tuple[str, ...] = ()
    """SHA-256 (hex) of each certificate a station's register reports revoked, or that belongs
    to a station the centre revoked, sorted (whole certificates: a serial may be reused)."""

    stolen: tuple[tuple[tuple[str, ...], tuple[str, ...]], ...] = ()
    """For each station the centre revoked (a stolen PC): the SHA-256 of its certificates that
    are revoked only because of that (not by its own register), and the SHA-256 of every
    referral PDF the centre received from it before the revocation. Those exact forms stay
    valid (as at the centre, ``center/certificates._of_revoked_stations``); hashes only."""

    def __bool__(self) -> bool:
        return bool(self.lists or self.certificates)


@dataclass(frozen=True)
class CentrePackage:
    number: int
    """Rises by one at each publication: a station refuses a package not newer than its own."""
    created_at: str
    root_sha256: str
    directory: PublishedDirectory | None
    protocols: tuple[PublishedProtocol, ...]
    revocations: PublishedRevocations = PublishedRevocations()
    """Empty in a body of version 1."""
    seen_before: bytes | None = None
    """The sealed seen-before section (body version 3; ``centre_package_seen``): opened only
    by the stations it is sealed to."""
    withdrawn: tuple[WithdrawnProtocol, ...] = ()
    """Every protocol version the centre withdrew (body version 4), sorted; none of them is
    also in ``protocols``. Only ever grows from one package to the next."""

    def protocol(self, protocol_id: str, version: str) -> PublishedProtocol | None:
        for protocol in self.protocols:
            if (protocol.id, protocol.version) == (protocol_id, version):
                return protocol
        return None

    def withdrawal(self, protocol_id: str, version: str) -> WithdrawnProtocol | None:
        for withdrawn in self.withdrawn:
            if (withdrawn.id, withdrawn.version) == (protocol_id, version):
                return withdrawn
        return None


@dataclass(frozen=True)
class ReadPackage:
    """A package whose signature verified: its content and the SHA-256 of its signed body."""

    package: CentrePackage
    body_sha256: str


def root_fingerprint(root_certificate_der: bytes) -> str:
    return hashlib.sha256(root_certificate_der).hexdigest()


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _body_document(package: CentrePackage) -> dict[str, Any]:
    directory = package.directory
    revocations = package.revocations
    document: dict[str, Any] = {
        "format": BODY_FORMAT,
        "version": FORMAT_VERSION,
        "number": package.number,
        "created_at": package.created_at,
        "root_sha256": package.root_sha256,
        "directory": None
        if directory is None
        else {
            "published_on": directory.published_on,
            "sha256": directory.sha256,
            "data": _b64(directory.data),
        },
        "protocols": [
            {
                "id": protocol.id,
                "version": protocol.version,
                "content_hash": protocol.content_hash,
                "files": {path: _b64(data) for path, data in protocol.files},
            }
            for protocol in package.protocols
        ],
    }
    if revocations:
        document["version"] = BODY_VERSION_REVOCATIONS
        document["revocations"] = {
            "lists": [_b64(der) for der in sorted(revocations.lists)],
            "certificates": sorted(revocations.certificates),
        }
        if revocations.stolen:
            document["revocations"]["stolen"] = [
                {"certificates": sorted(certificates), "forms": sorted(forms)}
                for certificates, forms in sorted(revocations.stolen)
            ]
    if package.seen_before is not None:
        document["version"] = BODY_VERSION_SEEN_BEFORE
        document["seen_before"] = _b64(package.seen_before)
    if package.withdrawn:
        document["version"] = BODY_VERSION_WITHDRAWALS
        document["withdrawn"] = [
            {"id": w.id, "version": w.version, "content_hash": w.content_hash}
            for w in sorted(package.withdrawn)
        ]
    return document


def write_package(
    package: CentrePackage, *, root_certificate_der: bytes, root_private_key_der: bytes
) -> bytes:
    """The package as a signed envelope (canonical JSON). Raises ``CentrePackageDamaged`` when
    the values break the format (checked by reading the result back)."""
    key = load_der_private_key(root_private_key_der, password=None)
    if not isinstance(key, ec.EllipticCurvePrivateKey):
        raise CentrePackageDamaged("The centre's root key is not an elliptic-curve key.")
    body = canonical_json(_body_document(package))
    signature = key.sign(body, ec.ECDSA(hashes.SHA256()))
    data = canonical_json(
        {
            "format": PACKAGE_FORMAT,
            "version": FORMAT_VERSION,
            "root_sha256": package.root_sha256,
            "body": _b64(body),
            "signature": _b64(signature),
        }
    )
    read_package(data, root_certificate_der)  # what is written must read back
    return data


def _damaged(reason: str) -> NoReturn:
    raise CentrePackageDamaged(f"The centre's package is damaged because {reason}.")


def read_package(data: bytes, root_certificate_der: bytes) -> ReadPackage:
    """The package, once its envelope has the right shape and sizes and its signature verifies
    with ``root_certificate_der`` (the station's pinned central root); only then is the body
    parsed. Raises ``CentrePackageDamaged``, ``CentrePackageFromAnotherCentre`` or
    ``CentrePackageSignatureInvalid``."""
    if len(data) > MAX_PACKAGE_BYTES:
        _damaged(f"it is larger than {MAX_PACKAGE_BYTES // MIB} MiB")
    pinned = root_fingerprint(root_certificate_der)
    try:
        envelope = check_object(parse_json(data, "the package"), _ENVELOPE_KEYS, "the package")
        check_format(envelope, PACKAGE_FORMAT, "the package")
        named_root = check_sha256(envelope["root_sha256"], "the root's fingerprint")
        body = decode_base64(envelope["body"], MAX_BODY_BYTES, "the body")
        signature = decode_base64(envelope["signature"], MAX_SIGNATURE_BYTES, "the signature")
    except FormatViolation as violation:
        _damaged(violation.reason)
    if named_root != pinned:
        raise CentrePackageFromAnotherCentre(
            "This package comes from another central office than the one this station is"
            " enrolled with."
        )
    public_key = load_der_x509_certificate(root_certificate_der).public_key()
    if not isinstance(public_key, ec.EllipticCurvePublicKey):
        raise CentrePackageSignatureInvalid("The central root does not hold an ECDSA key.")
    try:
        public_key.verify(signature, body, ec.ECDSA(hashes.SHA256()))
    except InvalidSignature:
        raise CentrePackageSignatureInvalid(
            "The package's signature does not verify with this station's central root."
        ) from None
    try:
        package = _read_body(body)
    except FormatViolation as violation:
        _damaged(violation.reason)
    if package.root_sha256 != pinned:
        raise CentrePackageFromAnotherCentre(
            "This package was made for another central office's stations."
        )
    return ReadPackage(package, hashlib.sha256(body).hexdigest())


def _read_body(body: bytes) -> CentrePackage:
    document, seen_before, withdrawn = _versioned_body(parse_json(body, "the body"))
    check_format(document, BODY_FORMAT, "the body")
    revocations = (
        _read_revocations(document["revocations"])
        if "revocations" in document
        else PublishedRevocations()
    )
    number = check_counter(document["number"], "the package number")
    created_at = check_utc_timestamp(document["created_at"], "the time it was made")
    root = check_sha256(document["root_sha256"], "the root's fingerprint in the body")
    raw_directory = document["directory"]
    directory = None if raw_directory is None else _read_directory(raw_directory)
    protocols = _read_protocols(document["protocols"])
    carried = {(protocol.id, protocol.version) for protocol in protocols}
    if any((w.id, w.version) in carried for w in withdrawn):
        raise FormatViolation("a protocol version is both carried and withdrawn")
    return CentrePackage(
        number, created_at, root, directory, protocols, revocations, seen_before, withdrawn
    )


def _versioned_body(document: Any) -> tuple[dict[str, Any], bytes | None, _Withdrawn]:
    """The body with exactly the keys of its version, its sealed seen-before section (or None)
    and its withdrawn protocol versions."""
    version = document.get("version") if isinstance(document, dict) else None
    later = (BODY_VERSION_REVOCATIONS, BODY_VERSION_SEEN_BEFORE, BODY_VERSION_WITHDRAWALS)
    if type(version) is not int or version not in later:
        return check_object(document, _BODY_KEYS, "the body"), None, ()
    present = set(document)
    if version == BODY_VERSION_WITHDRAWALS:
        keys = _BODY_KEYS | {"withdrawn"} | (present & {"revocations", "seen_before"})
    elif version == BODY_VERSION_SEEN_BEFORE:
        keys = _BODY_KEYS_V3 if "revocations" in present else _BODY_KEYS | {"seen_before"}
    else:
        keys = _BODY_KEYS_V2
    # Its other fields are version 1's.
    document = {**check_object(document, keys, "the body"), "version": FORMAT_VERSION}
    seen_before = check_sealed(document["seen_before"]) if "seen_before" in document else None
    if version != BODY_VERSION_WITHDRAWALS:
        return document, seen_before, ()
    return document, seen_before, _read_withdrawn(document["withdrawn"])


def _read_directory(value: object) -> PublishedDirectory:
    raw = check_object(value, _DIRECTORY_KEYS, "the directory")
    published_on = raw["published_on"]
    try:
        date.fromisoformat(published_on if isinstance(published_on, str) else "")
    except ValueError:
        raise FormatViolation("the directory's day is not a YYYY-MM-DD date") from None
    if len(published_on) != 10:
        raise FormatViolation("the directory's day is not a YYYY-MM-DD date")
    directory = PublishedDirectory(
        published_on, decode_base64(raw["data"], MAX_FILE_BYTES, "the directory")
    )
    if directory.sha256 != check_sha256(raw["sha256"], "the directory's hash"):
        raise FormatViolation("the directory's bytes do not have the hash it states")
    return directory


def _read_protocols(value: object) -> tuple[PublishedProtocol, ...]:
    protocols: list[PublishedProtocol] = []
    seen: set[tuple[str, str]] = set()
    items = check_list(value, MAX_PROTOCOLS, "the list of protocols")
    for position, item in enumerate(items, start=1):
        raw = check_object(item, _PROTOCOL_KEYS, f"protocol {position}")
        protocol_id, version = raw["id"], raw["version"]
        if not isinstance(protocol_id, str) or _PROTOCOL_ID.fullmatch(protocol_id) is None:
            raise FormatViolation(f"the id of protocol {position} is not a lowercase name")
        if not isinstance(version, str) or _VERSION.fullmatch(version) is None:
            raise FormatViolation(f"the version of protocol {position} is not like 2.0.0")
        if (protocol_id, version) in seen:
            raise FormatViolation(f"protocol {position} repeats an earlier id and version")
        seen.add((protocol_id, version))
        content_hash = check_sha256(raw["content_hash"], f"the hash of protocol {position}")
        files = raw["files"]
        if not isinstance(files, dict) or not 0 < len(files) <= MAX_FILES:
            raise FormatViolation(f"the files of protocol {position} are not 1 to {MAX_FILES}")
        decoded: list[tuple[str, bytes]] = []
        for path, data in sorted(files.items()):
            if _FILE_NAME.fullmatch(path) is None:
                raise FormatViolation(f"protocol {position} holds a file a protocol cannot have")
            decoded.append((path, decode_base64(data, MAX_FILE_BYTES, f"a file of {position}")))
        if "protocol.json" not in files:
            raise FormatViolation(f"protocol {position} has no protocol.json")
        protocols.append(PublishedProtocol(protocol_id, version, content_hash, tuple(decoded)))
    return tuple(protocols)


def _read_withdrawn(value: object) -> _Withdrawn:
    """The withdrawn versions: 1 to ``MAX_WITHDRAWN``, sorted, none repeated."""
    withdrawn = []
    for position, item in enumerate(check_list(value, MAX_WITHDRAWN, "the withdrawn"), start=1):
        raw = check_object(item, _WITHDRAWN_KEYS, f"withdrawn protocol {position}")
        protocol_id, version = raw["id"], raw["version"]
        if not isinstance(protocol_id, str) or _PROTOCOL_ID.fullmatch(protocol_id) is None:
            raise FormatViolation(f"the id of withdrawn protocol {position} is not a name")
        if not isinstance(version, str) or _VERSION.fullmatch(version) is None:
            raise FormatViolation(f"the version of withdrawn protocol {position} is not 2.0.0")
        digest = check_sha256(raw["content_hash"], f"the hash of withdrawn protocol {position}")
        withdrawn.append(WithdrawnProtocol(protocol_id, version, digest))
    versions = [(w.id, w.version) for w in withdrawn]
    if not withdrawn or withdrawn != sorted(withdrawn) or len(set(versions)) != len(versions):
        raise FormatViolation("the withdrawn protocols are empty, not sorted or repeat one")
    return tuple(withdrawn)


def _read_revocations(value: object) -> PublishedRevocations:
    keys = (
        _REVOCATIONS_KEYS_STOLEN
        if isinstance(value, dict) and "stolen" in value
        else _REVOCATIONS_KEYS
    )
    raw = check_object(value, keys, "the revocations")
    lists = tuple(
        decode_base64(item, MAX_REVOCATION_LIST_BYTES, "a revocation list")
        for item in check_list(raw["lists"], MAX_REVOCATION_LISTS, "the revocation lists")
    )
    certificates = tuple(
        check_sha256(item, "a revoked certificate's hash")
        for item in check_list(
            raw["certificates"], MAX_REVOKED_CERTIFICATES, "the revoked certificates"
        )
    )
    if list(lists) != sorted(set(lists)) or list(certificates) != sorted(set(certificates)):
        raise FormatViolation("the revocations are not sorted or repeat an item")
    stolen = tuple(
        _read_stolen(item, set(certificates))
        for item in check_list(raw.get("stolen", []), MAX_STOLEN_STATIONS, "the stolen stations")
    )
    if "stolen" in raw and (not stolen or list(stolen) != sorted(set(stolen))):
        raise FormatViolation("the stolen stations are empty, not sorted or repeat an item")
    revocations = PublishedRevocations(lists, certificates, stolen)
    if not revocations:
        raise FormatViolation("a body of version 2 carries no revocations")
    return revocations


def _read_stolen(value: object, revoked: set[str]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    raw = check_object(value, _STOLEN_KEYS, "a stolen station")
    certificates = tuple(
        check_sha256(item, "a stolen station's certificate hash")
        for item in check_list(
            raw["certificates"], MAX_REVOKED_CERTIFICATES, "a stolen station's certificates"
        )
    )
    forms = tuple(
        check_sha256(item, "a vouched form's hash")
        for item in check_list(raw["forms"], MAX_VOUCHED_FORMS, "a stolen station's forms")
    )
    if (
        not certificates
        or list(certificates) != sorted(set(certificates))
        or list(forms) != sorted(set(forms))
        or not set(certificates) <= revoked
    ):
        raise FormatViolation("a stolen station's certificates or forms are not in order")
    return certificates, forms
