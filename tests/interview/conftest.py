"""The fixtures every interview test uses: the shipped protocols and a new station with its
administrator signed in."""

from __future__ import annotations

import pytest

from interview_room.interview.protocols import ProtocolLibrary
from interview_room.screening import Protocol
from tests.conftest import CreatedStation, WorkstationFactory


@pytest.fixture(scope="module")
def library() -> ProtocolLibrary:
    return ProtocolLibrary()


@pytest.fixture(scope="module")
def protocol(library: ProtocolLibrary) -> Protocol:
    """The current protocol version, as a new interview gets it."""
    return library.current()


@pytest.fixture
def station(workstation: WorkstationFactory) -> CreatedStation:
    return workstation()
