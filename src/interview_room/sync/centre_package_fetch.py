"""The station fetches the centre's package from the receiver (``GET /centre-package``),
over the same pinned TLS as uploads and signed the same way (``request_signature.py``, with
an empty body), so only an enrolled, unrevoked station is answered."""

from __future__ import annotations

import time
from collections.abc import Callable
from urllib.parse import urlsplit

import httpx

from interview_room.sync.centre_package import (
    HELD_PACKAGE_HEADER,
    MAX_PACKAGE_BYTES,
    PACKAGE_PATH,
    CentrePackageError,
)
from interview_room.sync.network import BUNDLES_PATH, _endpoint, pinned_tls_context
from interview_room.sync.request_signature import sign_request
from interview_room.sync.station import StationSync


class CentrePackageUnavailable(CentrePackageError):
    """The centre's package could not be fetched over the network this time (it comes again
    with the next sync, or on a stick)."""


def fetch_package(
    sync: StationSync,
    url: str,
    root_certificate_der: bytes,
    held_number: int | None,
    *,
    timeout: float = 30,
    clock: Callable[[], float] = time.time,
) -> bytes | None:
    """The centre's latest package, or None when it has none newer than ``held_number``.
    Raises :class:`CentrePackageUnavailable` (the package is checked by whoever applies it)."""
    endpoint = _endpoint(url)[: -len(BUNDLES_PATH)] + PACKAGE_PATH
    signed = sign_request(
        sync.sign_request, sync.station_id, "GET", urlsplit(endpoint).path, b"", int(clock())
    )
    headers = {**signed, "Content-Length": "0"}
    if held_number is not None:
        headers[HELD_PACKAGE_HEADER] = str(held_number)
    try:
        with httpx.Client(
            verify=pinned_tls_context(root_certificate_der),
            timeout=timeout,
            trust_env=False,
            follow_redirects=False,
        ) as client:
            response = client.get(endpoint, headers=headers)
    except httpx.HTTPError as error:
        raise CentrePackageUnavailable(
            f"The centre's package could not be fetched ({type(error).__name__})."
        ) from None
    if response.status_code == 204:
        return None
    if response.status_code != 200:
        raise CentrePackageUnavailable(
            f"The centre did not give its package (HTTP {response.status_code})."
        )
    if len(response.content) > MAX_PACKAGE_BYTES:
        raise CentrePackageUnavailable("The centre's answer is larger than a package may be.")
    return response.content
