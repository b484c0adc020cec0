"""The synthetic training station every area of the suite starts from.

One administrator, the lightest Argon2id cost the code allows (as the test suite uses; only
``password_attacks`` measures the shipped cost, on its own). Only synthetic names and passwords.
"""

from __future__ import annotations

from interview_room.store.kdf import MINIMUM_ARGON2
from interview_room.workstation import NewWorkstation, Workstation

STATION_NAME = "Stacioni Morinë (sintetik)"
STATION_CODE = "MOR"
ADMIN = ("admin.mor", "synthetic-admin-passphrase")
"""The first administrator's username and password."""


def new_training_station(workstation: Workstation) -> NewWorkstation:
    """Set up ``workstation`` (made with whatever clock the caller needs) as a training
    station; the administrator is signed in."""
    return workstation.create(
        STATION_NAME,
        STATION_CODE,
        ADMIN[0],
        "Admin Shembulli",
        ADMIN[1],
        training=True,
        kdf=MINIMUM_ARGON2,
    )
