"""Issue 13, item 3: the centre's roles made cryptographic. The registry (``center.db``) and the
statistics (``center-statistics.db``) are two SQLCipher stores under two keys; a statistics
user's slot holds only the statistics key (real SQLCipher, real files, the real importer)."""

from __future__ import annotations

import json
import secrets
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from interview_room.center import key_split, rekey, statistics_store
from interview_room.center.case_counts import count_facts
from interview_room.center.importer import import_bundle
from interview_room.center.keyring import CenterKeyring
from interview_room.center.sign_in import KEYRING_FILE, CenterKeyringFile
from interview_room.center.statistics_store import STATISTICS_FILE
from interview_room.center.stats import compute_statistics
from interview_room.center.store import DATABASE_FILE, CenterStore, NewCenterUser
from interview_room.center.users import CenterActionRefused, CenterRole, CenterStoreKind
from interview_room.store.database import Database, DatabaseUnreadable
from interview_room.store.kdf import MINIMUM_ARGON2
from interview_room.store.sealed_keys import KeyPair, open_sealed
from interview_room.sync.bundle import Bundle, BundleRecord, bundle_file_name, write_bundle
from interview_room.sync.records import RECORD_KIND
from tests.center.filled import _record

ADMIN = ("ana", "synthetic-morine-training-passphrase")
STATS = ("besa", "synthetic-kakavije-counting-passphrase")
REGISTRY = ("cara", "synthetic-qafe-thane-registry-passphrase")
YEAR = (date(2025, 1, 1), date(2025, 12, 31))


def _users(center: CenterStore) -> None:
    for (name, password), role in ((STATS, CenterRole.STATISTICS), (REGISTRY, CenterRole.REGISTRY)):
        center.add_user(NewCenterUser(name, name.title(), password, role), kdf=MINIMUM_ARGON2)


def _centre(center_dir: Path) -> CenterStore:
    """A real centre (split from its creation), its users, signed in as the administrator."""
    center = CenterStore(center_dir)
    center.create(admin=NewCenterUser(ADMIN[0], "Ana Shembulli", ADMIN[1]), kdf=MINIMUM_ARGON2)
    _users(center)
    return center


def _import(center: CenterStore, code: str, numbers: range, by: CenterStore | None = None) -> str:
    """One station's cases in one signed, encrypted bundle, through the real importer (run by
    ``by``, else the administrator who enrolled the station)."""
    sequence = 1
    station_id = secrets.token_hex(16)
    key = Ed25519PrivateKey.from_private_bytes(center.enroll_station(station_id, code, code))
    records = tuple(
        BundleRecord(RECORD_KIND, f"case-{code}-{n:06d}", 1, _record(station_id, code, n))
        for n in numbers
    )
    created_at = datetime.now(UTC).isoformat(timespec="seconds")
    data = write_bundle(
        Bundle(station_id, sequence, created_at, records),
        station_key=key,
        recipient=center.keys().age_recipient,
    )
    assert import_bundle(by or center, data, bundle_file_name(station_id, sequence)).imported
    return station_id


def _signed_in(center_dir: Path, user: tuple[str, str]) -> CenterStore:
    center = CenterStore(center_dir)
    center.sign_in(*user)
    return center


def _figures(center: CenterStore) -> list[tuple[str, tuple[tuple[str, str], ...]]]:
    computed = compute_statistics(center, start=YEAR[0], end=YEAR[1])
    return [
        (t.dimension.value, tuple((r.value, r.count.text) for r in t.rows)) for t in computed.tables
    ]


def _registry_facts(center_dir: Path, key: bytes) -> dict[str, dict[str, int]]:
    db = Database.open(center_dir / DATABASE_FILE, key)
    try:
        return {d: dict(c) for d, c in count_facts(db, *YEAR).items()}
    finally:
        db.close()


def _statistics_facts(center: CenterStore) -> dict[str, dict[str, int]]:
    db = center.open_statistics()
    try:
        return {d: dict(c) for d, c in count_facts(db, *YEAR).items()}
    finally:
        db.close()


def _every_sealed_key(
    keyring_bytes: bytes, center_dir: Path, username: str, password: str
) -> list[bytes]:
    """Every secret the password opens in the slot: the app's own opening, then each holder
    of the slot's JSON opened with the slot's private key under every role and store label."""
    keyring = CenterKeyring.from_bytes(keyring_bytes, center_dir / KEYRING_FILE)
    opened = keyring.open_slot(username, password)
    found = [
        *opened.keys_for(CenterStoreKind.REGISTRY),
        *opened.keys_for(CenterStoreKind.STATISTICS),
    ]
    slot = keyring.slots[username]
    from interview_room.center.keyring import _open
    from interview_room.store.kdf import derive_password_key

    wrapping = derive_password_key(password, slot.salt, slot.kdf)
    private = _open(
        wrapping, slot.nonce, slot.ciphertext, keyring.slot_aad(username, slot.role, "private-key")
    )
    assert private is not None
    pair = KeyPair.from_private(private)
    for holder in (slot.holder, slot.statistics):
        if holder is None:
            continue
        for sealed in (holder.database_key, holder.next_database_key):
            for role in CenterRole:
                for store in CenterStoreKind:
                    if sealed is not None:
                        secret = open_sealed(pair, sealed, keyring.key_aad(username, role, store))
                        if secret is not None:
                            found.append(secret)
    return found


def _opens(path: Path, key: bytes) -> bool:
    try:
        Database.open(path, key).close()
    except DatabaseUnreadable:
        return False
    return True


def test_a_statistics_password_the_keyring_and_both_files_never_open_the_registry(
    tmp_path: Path,
) -> None:
    center_dir = tmp_path / "center"
    center = _centre(center_dir)
    _import(center, "MOR", range(0, 30))
    center.sign_out()
    keyring_bytes = (center_dir / KEYRING_FILE).read_bytes()
    assert json.loads(keyring_bytes)["version"] == 3

    keys = _every_sealed_key(keyring_bytes, center_dir, *STATS)

    assert keys, "the statistics user holds a key"
    assert not any(_opens(center_dir / DATABASE_FILE, key) for key in keys)
    assert any(_opens(center_dir / STATISTICS_FILE, key) for key in keys)
    registry_keys = _every_sealed_key(keyring_bytes, center_dir, *REGISTRY)
    assert any(_opens(center_dir / DATABASE_FILE, key) for key in registry_keys)
    # What the statistics store holds: no case code, no content, no centre key.
    stats_key = next(k for k in keys if _opens(center_dir / STATISTICS_FILE, k))
    db = Database.open(center_dir / STATISTICS_FILE, stats_key)
    try:
        tables = {str(r[0]) for r in db.all("SELECT name FROM sqlite_master WHERE type = 'table'")}
        assert not tables & {"records", "center_keys", "conflicts", "audit_log", "record_versions"}
        assert db.all(
            "SELECT DISTINCT case_code, outcome, started_on, received_at FROM coded_cases"
        ) == [("", "", "", "")]
        assert db.one("SELECT count(*) FROM coded_cases") == (30,)
    finally:
        db.close()
    # And through the app: the role is refused, and the key it holds opens only statistics.
    besa = _signed_in(center_dir, STATS)
    with pytest.raises(CenterActionRefused):
        besa.open()
    with pytest.raises(CenterActionRefused):
        besa.keys()
    assert sum(_statistics_facts(besa)["station"].values()) == 30
    besa.sign_out()


def test_statistics_are_right_after_imports_and_the_receiver_path(tmp_path: Path) -> None:
    center_dir = tmp_path / "center"
    center = _centre(center_dir)
    _import(center, "MOR", range(0, 40))
    cara = _signed_in(center_dir, REGISTRY)  # the registry role imports too
    _import(center, "HAN", range(40, 75), by=cara)
    registry_key = cara._key()
    cara.sign_out()
    center.sign_out()

    besa = _signed_in(center_dir, STATS)
    assert _statistics_facts(besa) == _registry_facts(center_dir, registry_key)
    figures = _figures(besa)
    besa.sign_out()
    admin = _signed_in(center_dir, ADMIN)
    assert _figures(admin) == figures, "every role counts the same cases"
    admin.sign_out()


def test_a_cut_between_the_two_commits_is_repaired(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    center_dir = tmp_path / "center"
    center = _centre(center_dir)
    _import(center, "MOR", range(0, 20))

    def cut(*args: object) -> int:
        raise OSError("the power went after the registry's commit")

    with monkeypatch.context() as patch:
        patch.setattr(key_split, "follow", cut)
        _import(center, "HAN", range(20, 50))  # the import itself succeeded
    registry_key = center._key()
    center.sign_out()
    besa = _signed_in(center_dir, STATS)
    assert sum(_statistics_facts(besa)["station"].values()) == 20, "behind, not wrong"
    besa.sign_out()

    # A cut inside following: the statistics committed, the registry's notes not removed.
    registry = Database.open(center_dir / DATABASE_FILE, registry_key)
    keyring_bytes = (center_dir / KEYRING_FILE).read_bytes()
    stats_key = next(
        k
        for k in _every_sealed_key(keyring_bytes, center_dir, *STATS)
        if _opens(center_dir / STATISTICS_FILE, k)
    )
    stats = statistics_store.open_store(center_dir / STATISTICS_FILE, stats_key)
    statistics_store.follow(registry, stats, clean=False)
    stats.close()
    registry.close()

    cara = _signed_in(center_dir, REGISTRY)  # the check at sign-in follows again
    cara.sign_out()
    besa = _signed_in(center_dir, STATS)
    assert _statistics_facts(besa) == _registry_facts(center_dir, registry_key)
    assert sum(_statistics_facts(besa)["station"].values()) == 50
    besa.sign_out()
    # The statistics store removed (or damaged): built again at a registry user's sign-in.
    (center_dir / STATISTICS_FILE).unlink()
    with pytest.raises(key_split.CenterStatisticsStoreMissing):
        CenterStore(center_dir).sign_in(*STATS)
    _signed_in(center_dir, REGISTRY).sign_out()
    besa = _signed_in(center_dir, STATS)
    assert _statistics_facts(besa) == _registry_facts(center_dir, registry_key)
    besa.sign_out()


def test_removing_a_statistics_user_rekeys_only_the_statistics_store(tmp_path: Path) -> None:
    center_dir = tmp_path / "center"
    center = _centre(center_dir)
    _import(center, "MOR", range(0, 10))
    registry_before = center._key()
    statistics_before = center._statistics_key
    copy = (center_dir / KEYRING_FILE).read_bytes()

    done = center.remove_user(STATS[0])

    assert done.done
    assert center._key() == registry_before, "the registry keeps its key"
    assert center._statistics_key not in (None, statistics_before)
    kept = _every_sealed_key(copy, center_dir, *STATS)
    assert not any(_opens(center_dir / STATISTICS_FILE, key) for key in kept)
    assert not any(_opens(center_dir / DATABASE_FILE, key) for key in kept)
    logged = [json.loads(e.detail) for e in center.audit_entries() if e.event == "store_rekeyed"]
    assert logged[-1] == {"reason": "user_removed", "store": "statistics"}
    center.sign_out()
    for user in (ADMIN, REGISTRY):
        again = _signed_in(center_dir, user)
        assert sum(_statistics_facts(again)["station"].values()) == 10
        again.sign_out()


def _format_2_centre(center_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A centre as the app made it before the split: format 2, one key for everything."""
    with monkeypatch.context() as patch:
        patch.setattr(key_split, "split", lambda access, key: None)
        center = _centre(center_dir)
        _import(center, "MOR", range(0, 25))
        center.sign_out()
    assert json.loads((center_dir / KEYRING_FILE).read_bytes())["version"] == 2
    assert not (center_dir / STATISTICS_FILE).exists()


def test_an_old_centre_is_split_at_its_administrators_sign_in(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    center_dir = tmp_path / "center"
    _format_2_centre(center_dir, monkeypatch)
    old_copy = (center_dir / KEYRING_FILE).read_bytes()
    besa = _signed_in(center_dir, STATS)  # before the split: as before, from center.db
    figures = _figures(besa)
    besa.sign_out()
    assert any(
        _opens(center_dir / DATABASE_FILE, k)
        for k in _every_sealed_key(old_copy, center_dir, *STATS)
    ), "the weakness the split removes"

    admin = _signed_in(center_dir, ADMIN)

    keyring = CenterKeyringFile(center_dir).read()
    assert keyring.split and keyring.rekey_due is None
    assert json.loads((center_dir / KEYRING_FILE).read_bytes())["version"] == 3
    assert _figures(admin) == figures
    admin.sign_out()
    for copy in (old_copy, (center_dir / KEYRING_FILE).read_bytes()):
        kept = _every_sealed_key(copy, center_dir, *STATS)
        assert not any(_opens(center_dir / DATABASE_FILE, key) for key in kept)
    besa = _signed_in(center_dir, STATS)
    assert _figures(besa) == figures
    besa.sign_out()
    cara = _signed_in(center_dir, REGISTRY)
    assert cara.keys().age_recipient
    cara.sign_out()


class PowerCut(Exception):
    pass


@pytest.mark.parametrize(
    ("cut", "target", "name"),
    [
        ("store-built", CenterKeyring, "split_statistics"),  # 1 done, the keyring not written
        ("keyring-written", rekey, "rotate"),  # 2 done, no re-key begun
        ("next-key-sealed", Database, "rekey"),  # A written, B not made
        ("store-rekeyed", CenterKeyring, "promote_next"),  # B made, C not written
    ],
)
def test_a_power_cut_during_the_split_locks_nobody_out(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, cut: str, target: object, name: str
) -> None:
    center_dir = tmp_path / "center"
    _format_2_centre(center_dir, monkeypatch)
    with monkeypatch.context() as patch:
        patch.setattr(target, name, _raise_once(getattr(target, name), 0))
        with pytest.raises(PowerCut):
            CenterStore(center_dir).sign_in(*ADMIN)
    for user in (STATS, REGISTRY, ADMIN, STATS):
        again = _signed_in(center_dir, user)
        assert sum(_statistics_facts(again)["station"].values()) == 25
        again.sign_out()
    keyring = CenterKeyringFile(center_dir).read()
    assert keyring.split and keyring.rekey_due is None and not keyring.rekey_in_progress
    kept = _every_sealed_key((center_dir / KEYRING_FILE).read_bytes(), center_dir, *STATS)
    assert not any(_opens(center_dir / DATABASE_FILE, key) for key in kept)


def _raise_once(original: object, after: int) -> object:
    """``original``, except that its call number ``after`` (from 0) raises :class:`PowerCut`."""
    calls = [0]

    def cut(*args: object, **kwargs: object) -> object:
        calls[0] += 1
        if calls[0] == after + 1:
            raise PowerCut()
        return original(*args, **kwargs)  # type: ignore[operator]

    return cut
