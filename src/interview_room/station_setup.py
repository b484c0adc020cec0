"""First-run set-up of a station, the use-case every front end shares: check the enrollment
package (when there is one), create the workstation, enroll it with the central office.

The package is opened before anything is created, so a wrong passphrase or an unreadable file
leaves the data folder as it was.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from interview_room.store.kdf import DEFAULT_ARGON2, Argon2Params
from interview_room.workstation import NewWorkstation, Workstation


@dataclass(frozen=True)
class StationSetupRequest:
    """What a person gives to set a station up; with ``enrollment_package`` the station is
    enrolled at once with that file and its one-time passphrase."""

    station_name: str
    station_code: str
    admin_display_name: str
    admin_username: str
    admin_password: str
    enrollment_package: Path | None = None
    enrollment_passphrase: str = ""

    def __repr__(self) -> str:
        return f"StationSetupRequest({self.station_name!r}, {self.station_code!r}, <hidden>)"


def set_up_station(
    workstation: Workstation, request: StationSetupRequest, kdf: Argon2Params = DEFAULT_ARGON2
) -> NewWorkstation:
    """Create the workstation with its first administrator and, with a package, enroll it.

    Raises the package's refusals (``EnrollmentPackageUnreadable``,
    ``EnrollmentPassphraseWrong``, ``EnrollmentForAnotherStation``, ``EnrollmentInvalid``)
    before anything is created, then those of :meth:`Workstation.create`
    (``WorkstationExists``, ``InvalidStation``, a weak password …).
    """
    from interview_room.sync.enrollment import check_package_for, enroll, read_package

    package = None
    if request.enrollment_package is not None:
        package = read_package(request.enrollment_package)
        check_package_for(package, request.enrollment_passphrase, request.station_code)
    created = workstation.create(
        request.station_name,
        request.station_code,
        request.admin_username,
        request.admin_display_name,
        request.admin_password,
        kdf=kdf,
    )
    if package is not None:
        enroll(created.session, package, request.enrollment_passphrase)
    return created
