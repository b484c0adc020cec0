"""What a bundle nobody signed costs the centre before it is refused (issue 13, item 5).

Anyone holding the centre's *public* key can encrypt 32 MiB of JSON to it. Before, the reader
decrypted the whole file and parsed all of the JSON before it checked the station's signature
(+771 MiB and 4.9 s on the reference machine). Now the signature is checked first: format 2
from its small header, format 1 from the manifest bytes as they stand.

Each figure comes from a fresh process (peak resident memory above what the process held just
before the read, from /proc/self/status, Linux only) and is the median of N runs. It prints a
table and asserts nothing (never a timed test). Usage:
``.venv/bin/python benchmarks/bundle_rejection.py [--mib 32] [--runs 3]``.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

MIB = 1024 * 1024
STATION = "5a7e11a0c0ffee01"

PROBES = {
    "before": "format 1 junk, bytes: what the reader did before (decrypt all, parse all JSON)",
    "v1-bytes": "format 1 layout, manifest of junk JSON, forged signature: bytes (upload)",
    "v1-file": "format 1 layout, manifest of junk JSON, forged signature: file on a stick",
    "json-file": "junk JSON alone (no bundle layout): file on a stick",
    "v2-file": "format 2 header with a forged signature, then junk JSON: file on a stick",
    "valid-file": "a valid format 2 bundle of the same size, file on a stick (accepted)",
}


# -- what is encrypted ---------------------------------------------------------------------


def junk_v1(size: int) -> bytes:
    """A format 1 container whose manifest's record list is ``size`` bytes of empty JSON
    arrays (the cheapest bytes that make the most Python objects), with a signature that is
    not the station's: what a holder of the centre's public key can make."""
    entries = ",".join(["[]"] * (size // 3))
    return (
        '{"format":"interview-room-bundle","manifest":{"created_at":"2026-03-02T09:30:00Z",'
        '"format":"interview-room-bundle-manifest","records":['
        + entries
        + f'],"sequence":1,"station_id":"{STATION}","version":1}},"manifest_signature":"'
        + "A" * 86
        + '==","records":[],"version":1}'
    ).encode()


def junk_json(size: int) -> bytes:
    return ("[" + ",".join(["[]"] * (size // 3)) + "]").encode()


def junk_v2(size: int) -> bytes:
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    from interview_room.sync.bundle import MAGIC
    from interview_room.sync.fields import canonical_json

    body = junk_json(size)
    header = canonical_json(
        {
            "format": "interview-room-bundle-header",
            "version": 2,
            "station_id": STATION,
            "sequence": 1,
            "created_at": "2026-03-02T09:30:00Z",
            "records": 1,
            "body_bytes": len(body),
            "body_sha256": "0" * 64,
        }
    )
    import base64

    signature = base64.b64encode(Ed25519PrivateKey.generate().sign(header))  # not the station's
    return MAGIC + header + b"\n" + signature + b"\n" + body


def valid_v2(size: int, station_key: Any) -> bytes:
    from interview_room.sync.bundle import Bundle, BundleRecord, bundle_plaintext

    record = 256 * 1024
    records = tuple(
        BundleRecord("case", f"{i:032x}", 1, b"x" * record) for i in range(size // record)
    )
    bundle = Bundle(STATION, 1, "2026-03-02T09:30:00Z", records)
    return bundle_plaintext(bundle, station_key=station_key)


# -- one probe, in its own process -----------------------------------------------------------


def _status_mib(field: str) -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) / 1024
    raise RuntimeError(f"no {field} in /proc/self/status")


def probe(kind: str, size: int, folder: Path) -> dict[str, Any]:
    """Make the input, then measure only the read (time and peak memory above the start)."""
    import pyrage
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    from interview_room.sync.bundle_reader import read_bundle, read_bundle_file
    from interview_room.sync.errors import BundleError
    from interview_room.sync.fields import parse_json

    identity = pyrage.x25519.Identity.generate()
    station_key = Ed25519PrivateKey.generate()
    plaintext = {
        "before": junk_v1,
        "v1-bytes": junk_v1,
        "v1-file": junk_v1,
        "json-file": junk_json,
        "v2-file": junk_v2,
    }.get(kind, lambda n: valid_v2(n, station_key))(size)
    data: bytes | None = pyrage.encrypt(plaintext, [identity.to_public()])
    del plaintext
    path = folder / f"IR-{STATION}-00000001.bundle.age"
    assert data is not None
    path.write_bytes(data)
    size_on_disk = len(data)
    if kind.endswith("-file"):
        data = None  # a stick: the file is all there is
    keys = {STATION: station_key.public_key()}
    Path("/proc/self/clear_refs").write_text("5")  # peak = what is resident now
    start_mib = _status_mib("VmRSS")
    started = time.perf_counter()
    outcome = "accepted"
    try:
        if kind == "before":
            assert data is not None
            parse_json(pyrage.decrypt(data, [identity]))  # the old order: all of it, first
            outcome = "parsed (then refused by its signature)"
        elif data is not None:
            read_bundle(data, identity=identity, station_keys=keys)
        else:
            read_bundle_file(path, identity=identity, station_keys=keys)
    except BundleError as refusal:
        outcome = type(refusal).__name__
    seconds = time.perf_counter() - started
    return {
        "seconds": seconds,
        "peak_mib": _status_mib("VmHWM") - start_mib,
        "outcome": outcome,
        "file_mib": size_on_disk / MIB,
    }


def run_probe(kind: str, size: int) -> dict[str, Any]:
    with tempfile.TemporaryDirectory(prefix="ir-reject-") as folder:
        done = subprocess.run(
            [sys.executable, __file__, "--probe", kind, "--bytes", str(size), "--folder", folder],
            capture_output=True,
            text=True,
            check=True,
            env={**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[1] / "src")},
        )
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--mib", type=int, default=32, help="size of the junk (default 32)")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--probe", help=argparse.SUPPRESS)
    parser.add_argument("--bytes", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--folder", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.probe:
        print(json.dumps(probe(args.probe, args.bytes, args.folder)))
        return
    size = args.mib * MIB
    print(
        f"# Rejecting {args.mib} MiB of junk encrypted to the centre's public key"
        f" ({os.cpu_count()} cores, Python {platform.python_version()},"
        f" {platform.system()} {platform.release()}; median of {args.runs} fresh processes)"
    )
    print("| input | outcome | file | time | peak memory above start | × file size |")
    print("|---|---|---:|---:|---:|---:|")
    for kind, what in PROBES.items():
        runs = [run_probe(kind, size) for _ in range(args.runs)]
        seconds = statistics.median(r["seconds"] for r in runs)
        peak = statistics.median(r["peak_mib"] for r in runs)
        file_mib = runs[0]["file_mib"]
        print(
            f"| {what} | {runs[0]['outcome']} | {file_mib:.0f} MiB | {seconds:.2f} s"
            f" | +{peak:.0f} MiB | {peak / file_mib:.1f}× |"
        )


if __name__ == "__main__":
    main()
