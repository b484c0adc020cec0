"""Sync between stations and the central office: the bundle and receipt formats.

Pure functions over bytes; the store decides what goes into a bundle and what a receipt means.
"""

from interview_room.sync.bundle import (
    DEFAULT_LIMITS,
    Bundle,
    BundleLimits,
    BundleRecord,
    bundle_file_name,
    parse_bundle_file_name,
    write_bundle,
)
from interview_room.sync.bundle_reader import read_bundle, read_bundle_file
from interview_room.sync.errors import (
    BundleDamaged,
    BundleError,
    BundleInvalid,
    BundleNotForUs,
    BundleSignatureInvalid,
    ReceiptInvalid,
    RecipientInvalid,
    StationRevoked,
    SyncError,
    UnknownStation,
)
from interview_room.sync.receipt import (
    Receipt,
    parse_receipt_file_name,
    read_receipt,
    receipt_file_name,
    write_receipt,
)

__all__ = [
    "DEFAULT_LIMITS",
    "Bundle",
    "BundleDamaged",
    "BundleError",
    "BundleInvalid",
    "BundleLimits",
    "BundleNotForUs",
    "BundleRecord",
    "BundleSignatureInvalid",
    "Receipt",
    "ReceiptInvalid",
    "RecipientInvalid",
    "StationRevoked",
    "SyncError",
    "UnknownStation",
    "bundle_file_name",
    "parse_bundle_file_name",
    "parse_receipt_file_name",
    "read_bundle",
    "read_bundle_file",
    "read_receipt",
    "receipt_file_name",
    "write_bundle",
    "write_receipt",
]
