"""The holders of the sealed database key, as a re-key (``rekey.py``) sees them: the next key
sealed beside the current one for every holder it can prove, then made current or forgotten."""

from __future__ import annotations

from interview_room.store.keyring_document import VERSION, KeyringDocument, KeyringError
from interview_room.store.keyring_records import Holder, PasswordSlot
from interview_room.store.sealed_keys import holder_tag, holder_tag_valid, seal

RECOVERY_HOLDER = "recovery"
"""How :meth:`Keyring.legacy_holders` names the recovery slot (usernames are never this)."""


class KeyringTampered(KeyringError):
    """The keyring lists a key holder that no one holding the database key made (a slot put
    back by a disabled user, a public key swapped): a re-key refuses to seal to it."""


class KeyringHolders(KeyringDocument):
    """The re-key's view of the keyring: who holds the database key, and the next one."""

    def legacy_holders(self) -> list[str]:
        """Who still has a format 1 slot, which a re-key cannot reach without their secret:
        usernames, and :data:`RECOVERY_HOLDER` for the recovery slot."""
        names = sorted(s.username for s in self.slots.values() if s.holder is None)
        return names + ([RECOVERY_HOLDER] if self.recovery_holder is None else [])

    @property
    def rekey_in_progress(self) -> bool:
        return any(h.next_database_key is not None for _, _, h in self._holders())

    def seal_next(self, database_key: bytes, current_key: bytes) -> None:
        """Seal the next database key beside the current one for every holder. Raises
        :class:`KeyringTampered` if a holder's tag is not one ``current_key`` made (a holder
        added or a public key swapped by someone who can write the file), sealing nothing."""
        if self.legacy_holders():
            raise KeyringError("A format 1 slot cannot be given a new database key.")
        holders = self._holders()
        for kind, name, holder in holders:
            aad = self._aad(kind, name, VERSION)
            if not holder_tag_valid(current_key, holder.public_key, aad, holder.tag):
                raise KeyringTampered(
                    f"The keyring's holder {kind}/{name or '-'} was not made with the current"
                    " database key; no new key is sealed to it."
                )
        for kind, name, holder in holders:
            aad = self._aad(kind, name, VERSION)
            following = seal(holder.public_key, database_key, aad)
            self._replace_holder(
                kind,
                name,
                Holder(
                    holder.public_key,
                    holder.database_key,
                    following,
                    holder.tag,
                    holder_tag(database_key, holder.public_key, aad),
                ),
            )

    def promote_next(self) -> None:
        """The store now opens with the next key: make it every holder's current one."""
        for kind, name, holder in self._holders():
            if holder.next_database_key is not None:
                self._replace_holder(kind, name, holder.promoted())

    def drop_next(self) -> None:
        """The store kept its key: forget the next one."""
        for kind, name, holder in self._holders():
            self._replace_holder(kind, name, holder.without_next())

    def _holders(self) -> list[tuple[str, str, Holder]]:
        found = [("sealed", s.username, s.holder) for s in self.slots.values() if s.holder]
        if self.recovery_holder is not None:
            found.append(("recovery", "", self.recovery_holder))
        return found

    def _replace_holder(self, kind: str, name: str, holder: Holder) -> None:
        if kind == "recovery":
            self.recovery_holder = holder
        else:
            slot = self.slots[name]
            self.slots[name] = PasswordSlot(slot.username, slot.kdf, slot.wrapped, holder)
