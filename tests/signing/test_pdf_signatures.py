"""Signed referral PDFs, judged by poppler's pdfsig and qpdf as well as by verify_pdf."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from io import BytesIO
from pathlib import Path

import pytest
import tzlocal
from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.sign import fields
from reportlab.pdfgen.canvas import Canvas

from interview_room.signing.errors import CertificateError, PdfUnreadable, SignatureFieldInvalid
from interview_room.signing.pdf_signatures import (
    ChangesAfter,
    SignatureField,
    sign_pdf,
    verify_pdf,
)
from interview_room.signing.pki import create_root_ca, issue_signing_certificate
from tests.external_tools import run_tool
from tests.signing.conftest import (
    OFFICER,
    OFFICER_FIELD,
    SOCIAL_WORKER,
    Chain,
    SignedReferral,
    sign_as_officer,
    write,
)

VALID = "Signature is Valid."
TRUSTED = "Certificate is Trusted."


def _pdfsig_blocks(pdfsig: str, path: Path, *options: str) -> list[str]:
    """pdfsig's report, one text block per signature."""
    result = run_tool(pdfsig, *options, str(path))
    return re.split(r"^Signature #\d+:$", result.stdout, flags=re.MULTILINE)[1:]


def _with_page_content_added(pdf: bytes) -> bytes:
    """An incremental update that paints a box over page 1: a change after the signatures."""
    writer = IncrementalPdfFileWriter(BytesIO(pdf))
    box = writer.add_object(generic.StreamObject(stream_data=b"0 0 1 rg 72 400 200 40 re f"))
    writer.add_stream_to_page(0, box)
    output = BytesIO()
    writer.write(output)
    return output.getvalue()


# -- independent tools ----------------------------------------------------------------------


def test_pdfsig_finds_two_valid_signatures(
    referral: SignedReferral, pdfsig: str, tmp_path: Path
) -> None:
    blocks = _pdfsig_blocks(pdfsig, write(tmp_path, "referral.pdf", referral.both))

    assert len(blocks) == 2
    assert all(VALID in block for block in blocks)
    assert f"Common Name: {OFFICER}" in blocks[0]
    assert f"Common Name: {SOCIAL_WORKER}" in blocks[1]
    assert all("ETSI.CAdES.detached" in block for block in blocks)
    assert "Total document signed" in blocks[1]


def test_pdfsig_trusts_both_signers_once_the_root_is_trusted(
    referral: SignedReferral, pdfsig: str, nss_db: str, tmp_path: Path
) -> None:
    path = write(tmp_path, "referral.pdf", referral.both)

    untrusted = _pdfsig_blocks(pdfsig, path)
    trusted = _pdfsig_blocks(pdfsig, path, "-nssdir", nss_db)

    assert not any(TRUSTED in block for block in untrusted)
    assert len(trusted) == 2
    assert all(VALID in block and TRUSTED in block for block in trusted)


def test_qpdf_finds_no_structural_errors(
    referral: SignedReferral, qpdf: str, tmp_path: Path
) -> None:
    for name, data in (("one.pdf", referral.officer_only), ("two.pdf", referral.both)):
        result = run_tool(qpdf, "--check", str(write(tmp_path, name, data)))
        assert result.returncode == 0, result.stdout + result.stderr
        assert "No syntax or stream encoding errors" in result.stdout


def test_the_stamps_show_name_role_signing_time_and_place_in_albanian(
    chain: Chain, referral: SignedReferral, qpdf: str, pdftotext: str, tmp_path: Path
) -> None:
    signed = write(tmp_path, "referral.pdf", referral.both)
    flat = tmp_path / "flat.pdf"
    flattened = run_tool(qpdf, "--flatten-annotations=all", str(signed), str(flat))
    assert flattened.returncode == 0, flattened.stderr

    text = run_tool(pdftotext, str(flat), "-").stdout

    assert OFFICER in text and SOCIAL_WORKER in text
    assert "Oficer i policisë kufitare – referim" in text
    assert "Punonjëse sociale – marrje në ngarkim" in text
    assert text.count("Nënshkruar dixhitalisht") == 2
    assert text.count("Morinë") == 2
    # Each stamp shows the signing time of its signed attributes, in the station's time zone.
    for check in verify_pdf(referral.both, [chain.root.certificate_der]).signatures:
        assert check.signing_time is not None
        local = check.signing_time.astimezone(tzlocal.get_localzone())
        assert local.strftime("%d.%m.%Y %H:%M") in text


def _with_title_byte_flipped(referral: SignedReferral) -> bytes:
    """One byte of the page text changed in the first revision, which both signatures cover."""
    damaged = bytearray(referral.both)
    offset = damaged.index(b"(Formular referimi")
    assert offset < len(referral.unsigned)
    damaged[offset + 1] ^= 0x01  # "F" becomes "G"
    return bytes(damaged)


def test_pdfsig_sees_a_flipped_byte_in_the_signed_page(
    referral: SignedReferral, pdfsig: str, tmp_path: Path
) -> None:
    tampered = write(tmp_path, "tampered.pdf", _with_title_byte_flipped(referral))

    blocks = _pdfsig_blocks(pdfsig, tampered)

    assert len(blocks) == 2
    assert not any(VALID in block for block in blocks)
    assert all("Digest Mismatch" in block for block in blocks)


def test_pdfsig_sees_content_added_after_the_signatures_only_as_partial_coverage(
    referral: SignedReferral, pdfsig: str, tmp_path: Path
) -> None:
    changed = write(tmp_path, "changed.pdf", _with_page_content_added(referral.both))

    blocks = _pdfsig_blocks(pdfsig, changed)

    # poppler checks each byte range only; that is why verify_pdf also diffs revisions.
    assert len(blocks) == 2
    assert all(VALID in block and "Not total document signed" in block for block in blocks)


# -- verify_pdf -----------------------------------------------------------------------------


def test_both_signatures_are_valid_in_order(chain: Chain, referral: SignedReferral) -> None:
    result = verify_pdf(referral.both, [chain.root.certificate_der])
    officer, social_worker = result.signatures

    assert result.all_valid
    assert (officer.field_name, officer.signer_common_name) == ("officer", OFFICER)
    assert (social_worker.field_name, social_worker.signer_common_name) == (
        "social_worker",
        SOCIAL_WORKER,
    )
    assert officer.changes_after is ChangesAfter.ONLY_LATER_SIGNATURES
    assert social_worker.changes_after is ChangesAfter.NONE
    assert (officer.covers_document, social_worker.covers_document) == (False, True)
    for check in (officer, social_worker):
        assert check.intact and check.trusted and not check.revoked and check.valid
        assert check.problems == ()
        assert check.signing_time is not None
        assert abs(datetime.now(UTC) - check.signing_time) < timedelta(minutes=10)
    assert officer.signer_serial == chain.officer.serial


def test_a_single_signature_covers_the_whole_document(
    chain: Chain, referral: SignedReferral
) -> None:
    (check,) = verify_pdf(referral.officer_only, [chain.root.certificate_der]).signatures

    assert check.valid and check.covers_document
    assert check.changes_after is ChangesAfter.NONE


def test_an_unrelated_root_does_not_make_the_signatures_trusted(
    chain: Chain, referral: SignedReferral
) -> None:
    stranger = create_root_ca("Another TRAINING root", training=True)

    for roots in ([stranger.certificate_der], []):
        result = verify_pdf(referral.both, roots)
        assert len(result.signatures) == 2
        assert not result.all_valid
        for check in result.signatures:
            assert check.intact and not check.trusted and not check.valid
            assert any("trusted root" in problem for problem in check.problems)


def test_a_revoked_officer_certificate_invalidates_only_the_officer_signature(
    chain: Chain, referral: SignedReferral
) -> None:
    result = verify_pdf(referral.both, [chain.root.certificate_der], {chain.officer.serial})
    officer, social_worker = result.signatures

    assert officer.revoked and not officer.valid
    assert any("revoked" in problem for problem in officer.problems)
    assert not social_worker.revoked and social_worker.valid
    assert not result.all_valid


def test_a_revoked_station_ca_invalidates_both_signatures(
    chain: Chain, referral: SignedReferral
) -> None:
    result = verify_pdf(referral.both, [chain.root.certificate_der], [chain.station.serial])

    assert all(check.revoked and not check.valid for check in result.signatures)


def test_a_flipped_byte_in_the_signed_page_breaks_both_signatures(
    chain: Chain, referral: SignedReferral
) -> None:
    result = verify_pdf(_with_title_byte_flipped(referral), [chain.root.certificate_der])

    assert len(result.signatures) == 2
    for check in result.signatures:
        assert not check.intact and not check.valid
        assert any("does not match the document" in problem for problem in check.problems)


def test_content_added_after_the_signatures_is_reported(
    chain: Chain, referral: SignedReferral
) -> None:
    changed = _with_page_content_added(referral.both)

    result = verify_pdf(changed, [chain.root.certificate_der])

    assert len(result.signatures) == 2
    for check in result.signatures:
        assert check.intact and check.trusted
        assert check.changes_after is ChangesAfter.OTHER_CHANGES
        assert not check.valid
        assert any("changed after" in problem for problem in check.problems)


def test_an_unsigned_field_painted_over_the_page_after_signing_is_reported(
    chain: Chain, referral: SignedReferral
) -> None:
    # An empty signature field whose grey box hides the form's title: pyHanko's diff rules
    # accept new signature fields, so verify_pdf must demand a signature in every later revision.
    writer = IncrementalPdfFileWriter(BytesIO(referral.both))
    overlay = fields.SigFieldSpec(
        "overlay", on_page=0, box=(60, 740, 400, 770), empty_field_appearance=True
    )
    fields.append_signature_field(writer, overlay)
    painted = BytesIO()
    writer.write(painted)

    result = verify_pdf(painted.getvalue(), [chain.root.certificate_der])

    assert [check.changes_after for check in result.signatures] == [
        ChangesAfter.OTHER_CHANGES,
        ChangesAfter.OTHER_CHANGES,
    ]
    assert not result.all_valid


def test_filling_a_form_field_after_signing_is_not_a_later_signature(chain: Chain) -> None:
    buffer = BytesIO()
    canvas = Canvas(buffer)
    canvas.acroForm.textfield(name="note", x=72, y=600, width=200, height=20, value="")
    canvas.showPage()
    canvas.save()
    signed = sign_as_officer(buffer.getvalue(), chain)
    writer = IncrementalPdfFileWriter(BytesIO(signed))
    note = next(
        ref.get_object()
        for ref in writer.root["/AcroForm"]["/Fields"]
        if ref.get_object()["/T"] == "note"
    )
    note["/V"] = generic.pdf_string("added later")
    writer.update_container(note)
    filled = BytesIO()
    writer.write(filled)

    (check,) = verify_pdf(filled.getvalue(), [chain.root.certificate_der]).signatures

    assert check.intact
    assert check.changes_after is ChangesAfter.OTHER_CHANGES


def test_a_pdf_without_signatures_has_none(chain: Chain, referral: SignedReferral) -> None:
    result = verify_pdf(referral.unsigned, [chain.root.certificate_der])

    assert result.signatures == ()
    assert not result.all_valid


@pytest.mark.parametrize(
    "damage",
    [
        lambda pdf: b"\x00garbage, not a PDF\xff" * 50,
        lambda pdf: b"",
        lambda pdf: pdf[: len(pdf) // 2],
    ],
    ids=["garbage", "empty", "truncated"],
)
def test_unreadable_files_are_refused(
    chain: Chain, referral: SignedReferral, damage: Callable[[bytes], bytes]
) -> None:
    with pytest.raises(PdfUnreadable):
        verify_pdf(damage(referral.both), [chain.root.certificate_der])


# -- sign_pdf refusals ----------------------------------------------------------------------


def test_a_field_cannot_be_signed_twice(chain: Chain, referral: SignedReferral) -> None:
    with pytest.raises(SignatureFieldInvalid):
        sign_as_officer(referral.officer_only, chain)


@pytest.mark.parametrize(
    "field",
    [
        SignatureField("officer", 1, (50.0, 60.0, 290.0, 130.0)),
        SignatureField("officer", 0, (50.0, 60.0, 50.0, 130.0)),
        SignatureField("officer.name", 0, (50.0, 60.0, 290.0, 130.0)),
    ],
    ids=["missing-page", "no-area", "dotted-name"],
)
def test_impossible_fields_are_refused(
    chain: Chain, referral: SignedReferral, field: SignatureField
) -> None:
    with pytest.raises(SignatureFieldInvalid):
        sign_pdf(
            referral.unsigned,
            chain.officer,
            [],
            field=field,
            signer_name=OFFICER,
            reason="r",
            location="l",
        )


def test_signing_garbage_is_refused(chain: Chain) -> None:
    with pytest.raises(PdfUnreadable):
        sign_pdf(
            b"not a pdf",
            chain.officer,
            [],
            field=OFFICER_FIELD,
            signer_name=OFFICER,
            reason="r",
            location="l",
        )


def test_an_expired_signing_certificate_is_refused(chain: Chain, referral: SignedReferral) -> None:
    long_ago = datetime.now(UTC) - timedelta(days=3 * 366)
    expired = issue_signing_certificate(
        chain.station,
        full_name=OFFICER,
        username="oficer.shembulli",
        role="officer",
        station_code="MOR",
        valid_years=1,
        now=long_ago,
    )
    with pytest.raises(CertificateError):
        sign_pdf(
            referral.unsigned,
            expired,
            chain.embedded,
            field=OFFICER_FIELD,
            signer_name=OFFICER,
            reason="r",
            location="l",
        )
