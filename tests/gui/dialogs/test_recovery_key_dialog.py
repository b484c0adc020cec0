"""The administrator's "Type the recovery key…" (``Session.upgrade_recovery``), through the
real Users window and dialog on a real station whose recovery slot is from before re-keying."""

from __future__ import annotations

import base64
import json
import secrets
from pathlib import Path

from PySide6.QtWidgets import QDialogButtonBox
from pytestqt.qtbot import QtBot

from interview_room.accounts import Role
from interview_room.gui.dialogs.users import RecoveryKeyDialog, UsersDialog
from interview_room.store.authority import RECOVERY_HOLDER, StationAuthority
from interview_room.store.database import Database, DatabaseUnreadable
from interview_room.store.kdf import MINIMUM_ARGON2, derive_recovery_key
from interview_room.store.keyring import Keyring
from interview_room.store.recovery_key import RecoveryKey
from interview_room.workstation import NewWorkstation, Workstation
from tests.gui.conftest import ADMIN

OFFICER = ("oficer.mor", "synthetic-morine-officer-passphrase")


def _recovery_slot_from_before_rekeying(created: NewWorkstation, ws: Workstation) -> None:
    """Rewrite the recovery slot as the previous version wrote it (the database key wrapped
    directly under the recovery key), and take the recovery key's hold on the authority away,
    as a store sealed by an administrator's sign-in had it."""
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    document = json.loads(ws.keyring_file.path.read_bytes())
    station_id = document["station"]["station_id"]
    salt, nonce = secrets.token_bytes(16), secrets.token_bytes(12)
    aad = f"interview-room-keyring/v1/{station_id}/recovery/".encode()
    wrapped = AESGCM(derive_recovery_key(created.recovery_key.secret, salt)).encrypt(
        nonce, created.session.keys.database_key, aad
    )
    document["recovery"] = {
        "kdf": {"name": "hkdf-sha256"},
        **{
            name: base64.b64encode(value).decode("ascii")
            for name, value in (("salt", salt), ("nonce", nonce), ("ciphertext", wrapped))
        },
    }
    ws.keyring_file.path.write_text(json.dumps(document, indent=2))
    with created.session.db.transaction():
        StationAuthority.withdraw(created.session.db, RECOVERY_HOLDER)


def _opens_current_store(ws: Workstation, kept: bytes, username: str, password: str) -> bool:
    keys = Keyring.from_bytes(kept, Path("kept.json")).open_password_slot(username, password)
    try:
        Database.open(ws.database_path, keys.database_key).close()
    except DatabaseUnreadable:
        return False
    return True


def test_the_recovery_key_typed_by_an_administrator_lets_the_waiting_rekey_happen(
    qtbot: QtBot, tmp_path: Path
) -> None:
    ws = Workstation(tmp_path / "s")
    created = ws.create("Morinë", "MOR", ADMIN[0], "Admin", ADMIN[1], kdf=MINIMUM_ARGON2)
    admin = created.session
    admin.add_user(OFFICER[0], "Oficer Shembulli", Role.OFFICER, OFFICER[1])
    _recovery_slot_from_before_rekeying(created, ws)
    kept = ws.keyring_file.path.read_bytes()  # the officer keeps a copy of the slot file
    admin.disable_user(OFFICER[0])
    # The re-key waits for the recovery slot: the officer's copy still opens the store.
    assert ws.keyring_file.read().rekey_due == "user_disabled"
    assert _opens_current_store(ws, kept, *OFFICER)

    users = UsersDialog(admin)
    qtbot.addWidget(users)
    users.show()
    assert users.recovery_hint.isVisible(), "the administrator is told the key is wanted"

    dialog = RecoveryKeyDialog(admin, users)
    qtbot.addWidget(dialog)
    dialog.show()
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    dialog.recovery_key.setText(RecoveryKey.generate().formatted())  # another station's key
    ok.click()
    assert dialog.error.isVisible() and dialog.isVisible()
    assert dialog.recovery_key.text() == "", "a typed key is not left in the field"
    assert ws.keyring_file.read().rekey_due == "user_disabled"

    dialog.recovery_key.setText(created.recovery_key.formatted().lower())
    with qtbot.waitSignal(dialog.accepted, timeout=20_000):
        ok.click()
    assert dialog.outcome is not None
    assert (dialog.outcome.slot_moved, dialog.outcome.authority_granted) == (True, True)
    assert dialog.outcome.rekeyed is True
    assert "new key" in dialog.summary()

    keyring = ws.keyring_file.read()
    assert keyring.rekey_due is None and keyring.legacy_holders() == []
    assert not _opens_current_store(ws, kept, *OFFICER), "the kept copy opens nothing now"
    users.refresh()
    assert not users.recovery_hint.isVisible()
    admin.logout()
    # The recovery key opens the store and the authority; the administrator signs in.
    opened = ws.keyring_file.read().open_recovery_keys(created.recovery_key)
    db = Database.open(ws.database_path, opened.database_key)
    try:
        with db.transaction():
            StationAuthority.open_with_recovery(db, created.recovery_key)
    finally:
        db.close()
    ws.unlock(*ADMIN).logout()


def test_a_recovery_key_already_up_to_date_changes_nothing(qtbot: QtBot, tmp_path: Path) -> None:
    ws = Workstation(tmp_path / "s")
    created = ws.create("Morinë", "MOR", ADMIN[0], "Admin", ADMIN[1], kdf=MINIMUM_ARGON2)
    before = ws.keyring_file.read().recovery_holder
    users = UsersDialog(created.session)
    qtbot.addWidget(users)
    users.show()
    assert not users.recovery_hint.isVisible()
    dialog = RecoveryKeyDialog(created.session, users)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.recovery_key.setText(created.recovery_key.formatted())
    with qtbot.waitSignal(dialog.accepted, timeout=20_000):
        dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    assert dialog.summary() == "The recovery key is right. Nothing needed to change."
    assert ws.keyring_file.read().recovery_holder == before
    created.session.logout()
