"""Shared fixtures for the signing tests: a training chain, a referral-like PDF, and the rule for
external checking tools (poppler's pdfsig, qpdf, NSS certutil, openssl).

External tools decide whether our signatures are good; pyHanko's own opinion is not enough.
"""

from __future__ import annotations

from dataclasses import dataclass
from io import BytesIO
from pathlib import Path

import pytest
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

from interview_room.resources import resources_root
from interview_room.signing.pdf_signatures import (
    SignatureField,
    declare_signature_fields,
    sign_pdf,
)
from interview_room.signing.pki import (
    CertifiedKey,
    create_root_ca,
    create_station_ca,
    issue_revocation_list,
    issue_signing_certificate,
)
from tests.external_tools import require_tool, run_tool

TRAINING_ROOT_NAME = "Interview Room TRAINING root – not for real referrals"
FORM_TITLE = "Formular referimi – ë ç Ë Ç"
OFFICER = "Oficer Shembulli"
SOCIAL_WORKER = "Punonjëse Sociale Shembulli"
OFFICER_FIELD = SignatureField("officer", 0, (50.0, 60.0, 290.0, 130.0))
SOCIAL_WORKER_FIELD = SignatureField(
    "social_worker", 0, (310.0, 60.0, 550.0, 130.0), locks_document=True
)


@dataclass(frozen=True)
class Chain:
    root: CertifiedKey
    station: CertifiedKey
    officer: CertifiedKey
    social_worker: CertifiedKey

    @property
    def embedded(self) -> list[bytes]:
        """What a signer embeds besides their own certificate: station CA, then root."""
        return [self.station.certificate_der, self.root.certificate_der]

    @property
    def revocation_lists(self) -> list[bytes]:
        """Empty CRLs of the station CA and the root, as a training station embeds them."""
        return [issue_revocation_list(self.station, []), issue_revocation_list(self.root, [])]


@dataclass(frozen=True)
class SignedReferral:
    unsigned: bytes
    officer_only: bytes
    both: bytes


@pytest.fixture(scope="session")
def chain() -> Chain:
    root = create_root_ca(TRAINING_ROOT_NAME, training=True)
    station = create_station_ca(root, station_name="Morinë", station_code="MOR")
    officer = issue_signing_certificate(
        station, full_name=OFFICER, username="oficer.shembulli", role="officer", station_code="MOR"
    )
    social_worker = issue_signing_certificate(
        station,
        full_name=SOCIAL_WORKER,
        username="punonjese.sociale",
        role="social_worker",
        station_code="MOR",
    )
    return Chain(root, station, officer, social_worker)


def make_referral_pdf() -> bytes:
    """One page, uncompressed content so tests can find the title's bytes."""
    font = "SigningTestSans"
    pdfmetrics.registerFont(TTFont(font, str(resources_root() / "fonts" / "DejaVuSans.ttf")))
    buffer = BytesIO()
    canvas = Canvas(buffer, pageCompression=0, invariant=1, initialFontName=font)
    canvas.setFont(font, 14)
    canvas.drawString(72, 750, FORM_TITLE)
    canvas.setFont(font, 10)
    canvas.drawString(72, 720, "Rast sintetik për testim – jo një person i vërtetë.")
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def sign_as_officer(pdf: bytes, chain: Chain, *, certify: bool = True) -> bytes:
    """The officer's signature as the app makes it: certifying, with validation data."""
    return sign_pdf(
        pdf,
        chain.officer,
        chain.embedded,
        field=OFFICER_FIELD,
        signer_name=OFFICER,
        reason="Oficer i policisë kufitare – referim",
        location="Morinë",
        certify=certify,
        revocation_lists=chain.revocation_lists,
    )


def sign_as_social_worker(pdf: bytes, chain: Chain) -> bytes:
    return sign_pdf(
        pdf,
        chain.social_worker,
        chain.embedded,
        field=SOCIAL_WORKER_FIELD,
        signer_name=SOCIAL_WORKER,
        reason="Punonjëse sociale – marrje në ngarkim",
        location="Morinë",
        revocation_lists=chain.revocation_lists,
    )


@pytest.fixture(scope="session")
def referral(chain: Chain) -> SignedReferral:
    unsigned = declare_signature_fields(make_referral_pdf(), (OFFICER_FIELD, SOCIAL_WORKER_FIELD))
    officer_only = sign_as_officer(unsigned, chain)
    return SignedReferral(unsigned, officer_only, sign_as_social_worker(officer_only, chain))


def write(folder: Path, name: str, data: bytes) -> Path:
    path = folder / name
    path.write_bytes(data)
    return path


@pytest.fixture
def pdfsig() -> str:
    return require_tool("pdfsig")


@pytest.fixture
def qpdf() -> str:
    return require_tool("qpdf")


@pytest.fixture
def pdftotext() -> str:
    return require_tool("pdftotext")


@pytest.fixture
def openssl() -> str:
    return require_tool("openssl")


@pytest.fixture(scope="session")
def nss_db(tmp_path_factory: pytest.TempPathFactory, chain: Chain) -> str:
    """An NSS database that trusts the training root: what pdfsig -nssdir needs."""
    certutil = require_tool("certutil")
    folder = tmp_path_factory.mktemp("nss")
    root_pem = write(folder, "root.pem", chain.root.certificate_pem)
    database = f"sql:{folder}"
    for args in (
        ("-N", "-d", database, "--empty-password"),
        ("-A", "-d", database, "-n", "root", "-t", "CT,C,C", "-i", str(root_pem)),
    ):
        result = run_tool(certutil, *args)
        assert result.returncode == 0, result.stderr
    return database
