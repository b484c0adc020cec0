"""A real centre with one user of each role, for the keyring, password and re-key tests."""

from __future__ import annotations

from pathlib import Path

from interview_room.center.store import CenterStore, NewCenterUser
from interview_room.center.users import CenterRole
from interview_room.store.kdf import MINIMUM_ARGON2

ADMIN = ("ana", "synthetic-morine-training-passphrase")
STATS = ("besa", "synthetic-kakavije-counting-passphrase")
NEW_PASSWORD = "synthetic-tushemisht-lakeside-passphrase"


def centre_with_two_users(center_dir: Path) -> CenterStore:
    """A new centre in ``center_dir`` (real Argon2id at the floor): ana, its administrator,
    still signed in, and besa, who sees the statistics."""
    center = CenterStore(center_dir)
    center.create(admin=NewCenterUser(ADMIN[0], "Ana Shembulli", ADMIN[1]), kdf=MINIMUM_ARGON2)
    center.add_user(
        NewCenterUser(STATS[0], "Besa Numri", STATS[1], CenterRole.STATISTICS), kdf=MINIMUM_ARGON2
    )
    return center
