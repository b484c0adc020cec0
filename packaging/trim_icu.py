"""A smaller ICU data library for the Linux frozen build (Qt's libicudata is 31 MB).

Qt links ICU on Linux for collation, case mapping, text boundaries and time zones. The data
library holds those tables for every language ICU knows, plus ~230 legacy character-set
converters. Interview Room's interface is Albanian and English and the person-facing languages
are Serbian, French, Arabic and Persian; it reads and writes only UTF-8 and UTF-16 (which ICU
converts without any table). This module rewrites ICU's "common data" package keeping:

- every item that is not tied to a language (root tables, likely subtags, plurals, time zones,
  normalization, the collation base ``coll/ucadata.icu``, break-iterator rules, pools, indexes);
- the language items of ``KEPT_LANGUAGES`` (and their regional variants);

and dropping the converters, transliterators, stringprep profiles, character names, spoof
detection and the dictionaries for Chinese, Japanese, Thai, Lao, Khmer and Burmese word breaks.
A missing language falls back to ICU's root, as ICU does for any language it lacks.

The result is assembled into a shared library that exports the same ``icudtNN_dat`` symbol
with ``gcc`` (present on Linux build machines); without ``gcc`` the build keeps Qt's own library
and says so. Windows builds are not concerned: Qt there uses the ICU that comes with Windows.

    python packaging/trim_icu.py LIBICUDATA OUT_DIR      (by hand: prints the two sizes)

The spec calls ``trimmed_library`` itself.
"""

from __future__ import annotations

import re
import shutil
import struct
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

KEPT_LANGUAGES = ("root", "sq", "en", "sr", "fr", "ar", "fa")
DROPPED_TREES = ("translit/",)
DROPPED_SUFFIXES = (".cnv", ".spp", ".cfu", ".dict")
DROPPED_NAMES = ("unames.icu",)
NOT_LANGUAGES = ("res_index.res",)  # each tree's list of its languages: looks like one, is not
LANGUAGE_ITEM = re.compile(r"^(?:[a-z]+/)?([a-z]{2,3}|root)(?:_[A-Za-z0-9]+)*\.res$")
COMMON_DATA = b"CmnD"
ALIGNMENT = 16


class IcuDataError(Exception):
    """The file is not an ICU data library this module understands."""


@dataclass(frozen=True)
class Package:
    """ICU's common data: a header, then a table of (name, data) items sorted by name."""

    header: bytes
    prefix: str
    items: tuple[tuple[str, bytes], ...]


def kept(item: str) -> bool:
    """Whether an item (``coll/sq.res``, ``ibm-1252_P100-1995.cnv`` ...) stays."""
    if item.startswith(DROPPED_TREES) or item.endswith(DROPPED_SUFFIXES) or item in DROPPED_NAMES:
        return False
    if item.rsplit("/", 1)[-1] in NOT_LANGUAGES:
        return True
    language = LANGUAGE_ITEM.match(item)
    return language is None or language.group(1) in KEPT_LANGUAGES


def symbol_data(library: Path) -> tuple[str, bytes]:
    """The exported ``icudtNN_dat`` symbol's name and bytes (found with binutils' ``nm``)."""
    listing = subprocess.run(
        ["nm", "-D", "-S", "--defined-only", str(library)],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    found = re.search(r"^([0-9a-f]+) ([0-9a-f]+) R (icudt\d+_dat)$", listing, re.MULTILINE)
    if found is None:
        raise IcuDataError(f"{library.name}: no icudtNN_dat symbol")
    address, size = int(found.group(1), 16), int(found.group(2), 16)
    data = library.read_bytes()[address : address + size]  # data-only library: offset = address
    if len(data) != size or data[2:4] != b"\xda\x27" or data[12:16] != COMMON_DATA:
        raise IcuDataError(f"{library.name}: the symbol does not hold ICU common data")
    return found.group(3), data


def read_package(data: bytes) -> Package:
    """ICU common data (the symbol's bytes) as a header and its named items."""
    header_size = struct.unpack_from("<H", data, 0)[0]
    toc = data[header_size:]
    (count,) = struct.unpack_from("<I", toc, 0)
    entries = [struct.unpack_from("<II", toc, 4 + 8 * k) for k in range(count)]
    names = [toc[n : toc.index(b"\0", n)].decode("ascii") for n, _ in entries]
    offsets = [d for _, d in entries]
    ends = [*offsets[1:], len(toc)]
    prefix = names[0].split("/", 1)[0] + "/"
    items = tuple(
        (name.removeprefix(prefix), toc[begin:end])
        for name, begin, end in zip(names, offsets, ends, strict=True)
    )
    return Package(data[:header_size], prefix, items)


def write_package(package: Package) -> bytes:
    """The package as ICU's common data, items in the same (sorted) order."""
    count = len(package.items)
    names = b"".join((package.prefix + n).encode("ascii") + b"\0" for n, _ in package.items)
    table = 4 + 8 * count
    first = (table + len(names) + ALIGNMENT - 1) // ALIGNMENT * ALIGNMENT
    entries = bytearray(struct.pack("<I", count))
    body = bytearray()
    name_at = table
    for name, data in package.items:
        entries += struct.pack("<II", name_at, first + len(body))
        name_at += len(package.prefix + name) + 1
        body += data
        body += b"\0" * (-len(body) % ALIGNMENT)
    toc = bytes(entries) + names
    toc += b"\xaa" * (first - len(toc))  # the filler pkgdata uses
    return package.header + toc + bytes(body)


def build_library(data: bytes, symbol: str, name: str, work: Path) -> Path:
    """Assemble ``data`` into a shared library exporting ``symbol``; needs gcc."""
    work.mkdir(parents=True, exist_ok=True)
    blob = work / "icudata.bin"
    blob.write_bytes(data)
    source = work / "icudata.S"
    source.write_text(
        "\t.section .rodata\n"
        f"\t.globl {symbol}\n"
        f"\t.type {symbol}, @object\n"
        f"\t.balign {ALIGNMENT}\n"
        f"{symbol}:\n"
        f'\t.incbin "{blob}"\n'
        f"\t.size {symbol}, . - {symbol}\n"
        '\t.section .note.GNU-stack,"",@progbits\n',
        encoding="ascii",
    )
    out = work / name
    subprocess.run(
        ["gcc", "-shared", "-nostdlib", "-s", f"-Wl,-soname,{name}", "-o", str(out), str(source)],
        check=True,
        capture_output=True,
    )
    return out


def trimmed_library(original: Path, work: Path) -> Path | None:
    """A trimmed copy of ``original`` in ``work``, or None when gcc is missing."""
    if shutil.which("gcc") is None or shutil.which("nm") is None:
        return None
    symbol, data = symbol_data(original)
    package = read_package(data)
    smaller = Package(package.header, package.prefix, tuple(i for i in package.items if kept(i[0])))
    return build_library(write_package(smaller), symbol, original.name, work)


def main() -> None:
    original, work = Path(sys.argv[1]), Path(sys.argv[2])
    out = trimmed_library(original, work)
    if out is None:
        print("gcc or nm not found: keeping Qt's ICU data library")
        return
    before, after = original.stat().st_size / 1e6, out.stat().st_size / 1e6
    print(f"{original.name}: {before:.1f} MB -> {after:.1f} MB")


if __name__ == "__main__":
    main()
