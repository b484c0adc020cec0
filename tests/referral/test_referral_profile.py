"""Issue 13, item 2: attacks on a doubly signed referral, each refused by the strict profile.

Every attack starts from a real referral (a real store, the officer's and the social worker's
own keys) and uses standard PDF machinery (pyHanko's incremental writer), as an insider with the
app's code would. Independent tools show what the attack does on screen (qpdf flattens the
annotations, pdftotext reads the page) and what poppler's byte-range check misses.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from io import BytesIO
from pathlib import Path

import pytest
from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.generic import pdf_name
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.pdf_utils.writer import PageObject

from interview_room.referral.verification import (
    ProblemKind,
    ReferralCheck,
    ReferralStatus,
)
from interview_room.signing.pdf_signatures import ChangesAfter, SignatureField, sign_pdf
from interview_room.signing.pki import CertifiedKey
from tests.external_tools import require_tool, run_tool
from tests.referral.attacks import (
    FORGED_DECISION,
    appearance,
    free_text_overlay,
    incremental,
    strip_to_revision_of,
)
from tests.referral.conftest import Signed

# -- helpers: where things are, what a reader sees -------------------------------------------


def _write(folder: Path, name: str, data: bytes) -> Path:
    path = folder / name
    path.write_bytes(data)
    return path


Box = tuple[float, float, float, float]


def _box_of_line(pdf: bytes, word: str, folder: Path) -> tuple[int, Box]:
    """Page index and box (PDF points, lower-left origin) of the last line holding ``word``
    (for "Decision": the row with the recorded decision, below the section's title)."""
    require_tool("pdftotext")
    path = _write(folder, "locate.pdf", pdf)
    html = run_tool("pdftotext", "-bbox", str(path), "-").stdout
    found: tuple[int, Box] | None = None
    for page_index, page in enumerate(html.split("<page ")[1:]):
        size = re.search(r'height="([\d.]+)"', page)
        assert size is not None, "pdftotext gave a page without its height"
        height = float(size.group(1))
        for match in re.finditer(
            r'xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<', page
        ):
            if match.group(5) == word:
                _x0, y0, _x1, y1 = (float(v) for v in match.groups()[:4])
                found = page_index, (40.0, height - y1 - 4, 555.0, height - y0 + 4)
    assert found is not None, f"{word!r} is not on the form"
    return found


def _visible_text(pdf: bytes, folder: Path) -> str:
    """The text a reader sees, annotations and signature stamps included."""
    qpdf = require_tool("qpdf")
    require_tool("pdftotext")
    signed = _write(folder, "seen.pdf", pdf)
    flat = folder / "flat.pdf"
    assert run_tool(qpdf, "--flatten-annotations=all", str(signed), str(flat)).returncode in (0, 3)
    return run_tool("pdftotext", "-raw", str(flat), "-").stdout


def _pdfsig(pdf: bytes, folder: Path, *options: str) -> list[str]:
    require_tool("pdfsig")
    path = _write(folder, "pdfsig.pdf", pdf)
    report = run_tool("pdfsig", *options, str(path)).stdout
    return re.split(r"^Signature #\d+:$", report, flags=re.MULTILINE)[1:]


def _kinds(check: ReferralCheck) -> set[tuple[ProblemKind, str | None]]:
    return {(problem.kind, problem.field) for problem in check.problems}


# -- (d) the untouched form -----------------------------------------------------------------


def test_an_untouched_form_is_valid_for_pdfsig_qpdf_and_the_profile(
    signed: Signed, tmp_path: Path
) -> None:
    certutil = require_tool("certutil")
    nss = tmp_path / "nss"
    nss.mkdir()
    run_tool(certutil, "-N", "-d", f"sql:{nss}", "--empty-password")
    run_tool(
        certutil, "-A", "-d", f"sql:{nss}", "-n", "root", "-t", "CT,C,C", "-i", str(signed.root_pem)
    )
    blocks = _pdfsig(signed.both, tmp_path, "-nssdir", f"sql:{nss}")
    assert len(blocks) == 2
    assert all("Signature is Valid." in b and "Certificate is Trusted." in b for b in blocks)
    assert "Signature Field Name: officer" in blocks[0]
    assert "Signature Field Name: social_worker" in blocks[1]
    qpdf = require_tool("qpdf")
    checked = run_tool(qpdf, "--check", str(_write(tmp_path, "form.pdf", signed.both)))
    assert checked.returncode == 0, checked.stdout + checked.stderr

    check = signed.check(signed.both)

    assert check.status is ReferralStatus.VALID and check.valid
    assert check.problems == ()
    officer, worker = check.signatures
    assert (officer.field_name, officer.signer_role) == ("officer", "officer")
    assert (worker.field_name, worker.signer_role) == ("social_worker", "social_worker")
    assert officer.certifies and officer.docmdp == 2, "the officer certifies: filling only"
    assert not worker.certifies and worker.docmdp == 1, "the social worker's field locks"
    assert officer.fields_filled_after == {"social_worker"}
    assert worker.covers_document


def test_the_signatures_carry_their_chain_and_revocation_lists(signed: Signed) -> None:
    reader = PdfFileReader(BytesIO(signed.both))
    store = reader.root["/DSS"]
    assert len(store["/Certs"]) >= 4, "officer, social worker, station CA, root"
    assert len(store["/CRLs"]) >= 1
    # In each signature's own revision: nothing follows the last signature.
    assert reader.xrefs.total_revisions == 4  # form, declared fields, officer, social worker
    assert signed.check(signed.officer_only).signatures[0].covers_document


# -- (a) a third signature field painting a new decision -------------------------------------


@pytest.mark.parametrize("with_signature", [True, False], ids=["signed", "empty-field"])
def test_a_third_signature_field_painting_a_new_decision_is_refused(
    signed: Signed, tmp_path: Path, with_signature: bool
) -> None:
    page, box = _box_of_line(signed.both, "Decision", tmp_path)
    overlay = SignatureField("overlay", page, box)
    if with_signature:
        # Signed with a real, trusted key of this station: "whatever key signed it".
        attacked = sign_pdf(
            signed.both,
            signed.officer_key,
            signed.chain,
            field=overlay,
            signer_name=FORGED_DECISION,
            reason=FORGED_DECISION,
            location="",
        )
    else:

        def add_field(writer: IncrementalPdfFileWriter) -> None:
            from pyhanko.sign import fields

            fields.append_signature_field(
                writer,
                fields.SigFieldSpec("overlay", on_page=page, box=box),  # type: ignore[arg-type]
            )
            widget = next(
                ref
                for ref in writer.root["/AcroForm"]["/Fields"]
                if ref.get_object()["/T"] == "overlay"
            ).get_object()
            left, bottom, right, top = box
            widget["/AP"] = generic.DictionaryObject(
                {pdf_name("/N"): appearance(writer, right - left, top - bottom, FORGED_DECISION)}
            )

        attacked = incremental(signed.both, add_field)
    assert FORGED_DECISION in _visible_text(attacked, tmp_path), "the attack paints the page"
    if with_signature:
        # poppler checks byte ranges only: the two real signatures still look valid to it.
        blocks = _pdfsig(attacked, tmp_path)
        assert len(blocks) == 3
        assert all("Signature is Valid." in block for block in blocks[:2])

    check = signed.check(attacked)

    assert check.status is ReferralStatus.INVALID and not check.valid
    kinds = _kinds(check)
    assert (ProblemKind.FIELDS_DIFFER, None) in kinds
    assert (ProblemKind.CHANGED_AFTER, "officer") in kinds
    assert (ProblemKind.CHANGED_AFTER, "social_worker") in kinds
    if with_signature:
        assert (ProblemKind.UNEXPECTED_SIGNATURE, "overlay") in kinds


# -- (b) the countersignature stripped --------------------------------------------------------


def test_a_stripped_countersignature_leaves_an_incomplete_form(signed: Signed) -> None:
    stripped = strip_to_revision_of(signed.both, "officer")
    assert stripped == signed.officer_only

    check = signed.check(stripped)

    assert check.status is ReferralStatus.INCOMPLETE and not check.valid
    assert _kinds(check) == {(ProblemKind.NOT_COUNTERSIGNED, "social_worker")}
    (officer,) = check.signatures
    assert officer.valid and officer.certifies


def test_a_form_with_neither_signature_is_incomplete(signed: Signed) -> None:
    reader = PdfFileReader(BytesIO(signed.officer_only))
    signature = reader.embedded_signatures[0]
    cut = signed.officer_only.rfind(b"%%EOF", 0, int(signature.byte_range[1]))
    unsigned = signed.officer_only[: cut + len(b"%%EOF\n")]
    assert PdfFileReader(BytesIO(unsigned)).xrefs.total_revisions == 2

    check = signed.check(unsigned)

    assert check.status is ReferralStatus.INCOMPLETE
    assert _kinds(check) == {
        (ProblemKind.NOT_SIGNED, "officer"),
        (ProblemKind.NOT_COUNTERSIGNED, "social_worker"),
    }


# -- (c) annotations, page content, pages, appearances ---------------------------------------


def test_a_free_text_annotation_over_the_decision_is_refused(
    signed: Signed, tmp_path: Path
) -> None:
    page, box = _box_of_line(signed.both, "Decision", tmp_path)
    attacked = free_text_overlay(signed.both, page, box, FORGED_DECISION)
    assert FORGED_DECISION in _visible_text(attacked, tmp_path), "the attack paints the page"

    check = signed.check(attacked)

    assert check.status is ReferralStatus.INVALID
    assert {
        (ProblemKind.CHANGED_AFTER, "officer"),
        (ProblemKind.CHANGED_AFTER, "social_worker"),
    } <= (_kinds(check))
    assert all(s.intact and s.trusted for s in check.signatures), "the bytes signed are intact"


def _page_content_added(writer: IncrementalPdfFileWriter) -> None:
    box = writer.add_object(generic.StreamObject(stream_data=b"1 0 0 rg 40 300 500 60 re f"))
    writer.add_stream_to_page(0, box)


def _page_added(writer: IncrementalPdfFileWriter) -> None:
    content = writer.add_object(generic.StreamObject(stream_data=b"0 0 1 rg 40 300 500 60 re f"))
    writer.insert_page(PageObject(content, (0, 0, 595, 842)))


def _officer_stamp_replaced(writer: IncrementalPdfFileWriter) -> None:
    field = next(
        ref.get_object()
        for ref in writer.root["/AcroForm"]["/Fields"]
        if ref.get_object()["/T"] == "officer"
    )
    field["/AP"] = generic.DictionaryObject(
        {pdf_name("/N"): appearance(writer, 200, 90, FORGED_DECISION)}
    )
    writer.update_container(field)


def _title_changed(writer: IncrementalPdfFileWriter) -> None:
    # What a viewer shows in its title bar: the form's document number.
    info = writer.trailer["/Info"]
    info["/Title"] = generic.TextStringObject(FORGED_DECISION)
    writer.update_container(info)


def _xmp_title_added(writer: IncrementalPdfFileWriter) -> None:
    from pyhanko.pdf_utils.metadata import model, xmp_xml

    xmp = xmp_xml.update_xmp_with_meta(model.DocumentMetadata(title=FORGED_DECISION))
    writer.root["/Metadata"] = writer.add_object(xmp_xml.MetadataStream.from_xmp(xmp))
    writer.update_root()


@pytest.mark.parametrize(
    "change",
    [
        _page_content_added,
        _page_added,
        _officer_stamp_replaced,
        _title_changed,
        _xmp_title_added,
    ],
    ids=["page-content", "new-page", "officer-stamp-replaced", "info-title", "xmp-title"],
)
def test_other_changes_after_both_signatures_are_refused(
    signed: Signed, change: Callable[[IncrementalPdfFileWriter], None]
) -> None:
    check = signed.check(incremental(signed.both, change))

    assert check.status is ReferralStatus.INVALID
    assert (ProblemKind.CHANGED_AFTER, "social_worker") in _kinds(check)
    assert (ProblemKind.CHANGED_AFTER, "officer") in _kinds(check)


def test_a_change_between_the_signatures_is_refused_even_when_countersigned(
    signed: Signed, tmp_path: Path
) -> None:
    # The annotation goes in after the officer signed; the social worker's signature then
    # covers it, but the officer's certification allowed only her signature.
    page, box = _box_of_line(signed.officer_only, "Decision", tmp_path)
    annotated = free_text_overlay(signed.officer_only, page, box, FORGED_DECISION)
    countersigned = _countersign(annotated, signed, signed.worker_key)

    check = signed.check(countersigned)

    assert check.status is ReferralStatus.INVALID
    assert (ProblemKind.CHANGED_AFTER, "officer") in _kinds(check)


# -- who signs which field ------------------------------------------------------------------


def _countersign(pdf: bytes, signed: Signed, key: CertifiedKey) -> bytes:
    reader = PdfFileReader(BytesIO(pdf))
    field = next(
        ref.get_object()
        for ref in reader.root["/AcroForm"]["/Fields"]
        if ref.get_object()["/T"] == "social_worker"
    )
    rect = [float(v) for v in field["/Rect"]]
    return sign_pdf(
        pdf,
        key,
        signed.chain,
        field=SignatureField("social_worker", 0, (rect[0], rect[1], rect[2], rect[3])),
        signer_name="Oficer Shembulli",
        reason="Punonjëse sociale",
        location="Morinë",
    )


def test_the_officer_cannot_countersign_in_the_social_workers_field(signed: Signed) -> None:
    check = signed.check(_countersign(signed.officer_only, signed, signed.officer_key))

    assert check.status is ReferralStatus.INVALID
    assert _kinds(check) == {(ProblemKind.WRONG_ROLE, "social_worker")}


def test_a_form_whose_first_signature_does_not_certify_is_refused(signed: Signed) -> None:
    reader = PdfFileReader(BytesIO(signed.officer_only))
    signature = reader.embedded_signatures[0]
    cut = signed.officer_only.rfind(b"%%EOF", 0, int(signature.byte_range[1]))
    unsigned = signed.officer_only[: cut + len(b"%%EOF\n")]
    field = next(
        ref.get_object()
        for ref in reader.root["/AcroForm"]["/Fields"]
        if ref.get_object()["/T"] == "officer"
    )
    rect = [float(v) for v in field["/Rect"]]
    approval_only = sign_pdf(
        unsigned,
        signed.officer_key,
        signed.chain,
        field=SignatureField("officer", 0, (rect[0], rect[1], rect[2], rect[3])),
        signer_name="Oficer Shembulli",
        reason="Oficer",
        location="Morinë",
    )

    check = signed.check(_countersign(approval_only, signed, signed.worker_key))

    assert (ProblemKind.NOT_CERTIFIED, "officer") in _kinds(check)
    assert check.status is ReferralStatus.INVALID


# -- what may follow: validation data only ---------------------------------------------------


def test_validation_data_added_later_keeps_the_form_valid(signed: Signed) -> None:
    # An archive may add fresh revocation lists (a DSS update) years later: not a change.
    from asn1crypto import crl as asn1_crl
    from pyhanko.sign.validation.dss import DocumentSecurityStore

    output = BytesIO(signed.both)
    DocumentSecurityStore.add_dss(
        output,
        None,
        crls=[asn1_crl.CertificateList.load(der) for der in signed.revocation_lists],
        force_write=True,
    )
    updated = output.getvalue()
    assert len(updated) > len(signed.both)

    check = signed.check(updated)

    assert check.status is ReferralStatus.VALID, check.problems
    assert check.signatures[1].changes_after is ChangesAfter.ONLY_VALIDATION_DATA
