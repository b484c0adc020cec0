"""What may change in a referral PDF after a signature: pyHanko's difference analysis narrowed
to filling signature fields that exist, plus validation data and bookkeeping."""

from __future__ import annotations

from collections.abc import Iterator
from io import BytesIO

from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.metadata.xmp_xml import meta_from_xmp, parse_xmp
from pyhanko.pdf_utils.misc import PdfError
from pyhanko.pdf_utils.reader import HistoricalResolver
from pyhanko.sign.diff_analysis import (
    CatalogModificationRule,
    DocInfoRule,
    DSSCompareRule,
    FormUpdatingRule,
    MetadataUpdateRule,
    ModificationLevel,
    ObjectStreamRule,
    ReferenceUpdate,
    SigFieldModificationRule,
    StandardDiffPolicy,
    SuspiciousModification,
    XrefStreamRule,
)


class _InfoKeepsItsWords(DocInfoRule):
    """pyHanko's rule for the trailer's /Info, allowing only what every incremental writer
    updates (modification date, producer): a viewer shows the title in its title bar."""

    _BOOKKEEPING = frozenset({"/ModDate", "/Producer"})

    def apply(self, old: HistoricalResolver, new: HistoricalResolver) -> Iterator[ReferenceUpdate]:
        if self._words(old) != self._words(new):
            raise SuspiciousModification("The document information changed after signing.")
        yield from super().apply(old, new)

    def _words(self, resolver: HistoricalResolver) -> dict[str, str]:
        reference = resolver.trailer_view.get_value_as_reference("/Info", optional=True)
        if reference is None:
            return {}
        info = resolver(reference)
        if not isinstance(info, generic.DictionaryObject):
            return {"": "not a dictionary"}
        return {str(k): str(v) for k, v in info.items() if k not in self._BOOKKEEPING}


class _MetadataKeepsItsWords(MetadataUpdateRule):
    """pyHanko's rule for the XMP metadata stream, allowing an update only when the title,
    author, subject, keywords and creator it states stay the same (pyHanko's writer refreshes
    the dates in it at every signature); metadata that appears after signing is refused."""

    def __init__(self) -> None:
        super().__init__(check_xml_syntax=True)  # type: ignore[no-untyped-call]

    def apply(self, old: HistoricalResolver, new: HistoricalResolver) -> Iterator[ReferenceUpdate]:
        new_words = self._words(new)
        if new_words is not None and new_words != self._words(old):
            raise SuspiciousModification("The XMP metadata changed after signing.")
        yield from super().apply(old, new)

    @staticmethod
    def _words(resolver: HistoricalResolver) -> tuple[str, ...] | None:
        try:
            reference = resolver.root.get_value_as_reference("/Metadata")
        except KeyError:
            return None
        except (PdfError, ValueError) as error:
            raise SuspiciousModification("/Metadata is not a stream reference.") from error
        stream = resolver(reference)
        if not isinstance(stream, generic.StreamObject):
            raise SuspiciousModification("/Metadata is not a stream.")
        try:
            meta = meta_from_xmp(parse_xmp(BytesIO(stream.data)))
        except (PdfError, ValueError, KeyError, TypeError) as error:
            raise SuspiciousModification("The XMP metadata cannot be read.") from error
        return tuple(
            repr(value)
            for value in (meta.title, meta.author, meta.subject, meta.keywords, meta.creator)
        )


def _only_filling_signature_fields() -> StandardDiffPolicy:
    """pyHanko's default policy narrowed to what a referral needs after a signature: filling a
    signature field that exists, and validation data.

    Creating any field (a signature field too: its widget can paint over signed text),
    filling ordinary form fields, and new words in /Info or the XMP metadata are refused;
    bookkeeping (cross-reference and object streams, modification dates, the DSS with
    certificates and revocation lists) stays allowed.
    """
    bookkeeping = ModificationLevel.LTA_UPDATES
    return StandardDiffPolicy(
        global_rules=[
            CatalogModificationRule(),  # type: ignore[no-untyped-call]
            _InfoKeepsItsWords().as_qualified(bookkeeping),
            XrefStreamRule().as_qualified(bookkeeping),
            ObjectStreamRule().as_qualified(bookkeeping),
            DSSCompareRule().as_qualified(bookkeeping),
            _MetadataKeepsItsWords().as_qualified(bookkeeping),
        ],
        form_rule=FormUpdatingRule(field_rules=[SigFieldModificationRule()]),
    )


ONLY_FILLING_SIGNATURE_FIELDS = _only_filling_signature_fields()
