"""The mutation catalogue of the bundle fuzzing: edits of a decrypted container and the path
tricks placed in its ids. Each edit changes the container in place and says what it did."""

from __future__ import annotations

import copy
import json
import random
from collections.abc import Callable
from typing import Any

Json = Any  # a decoded JSON value (the container and its parts)
Containers = dict[str, Json]  # the genuine containers an edit may borrow from, by name


def canonical(document: Json) -> bytes:
    """The format's canonical JSON bytes (what a station signs)."""
    return json.dumps(document, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode(
        "utf-8", "surrogatepass"
    )


ContainerEdit = Callable[[Json, random.Random, Containers], str]


def _pick_two(rng: random.Random, items: list[Any]) -> tuple[int, int]:
    first, second = rng.sample(range(len(items)), 2)
    return first, second


def _swap_records(c: Json, rng: random.Random, others: Containers) -> str:
    i, j = _pick_two(rng, c["records"])
    c["records"][i], c["records"][j] = c["records"][j], c["records"][i]
    return "records swapped"


def _swap_entries(c: Json, rng: random.Random, others: Containers) -> str:
    i, j = _pick_two(rng, c["manifest"]["records"])
    entries = c["manifest"]["records"]
    entries[i], entries[j] = entries[j], entries[i]
    return "manifest entries swapped"


def _swap_both(c: Json, rng: random.Random, others: Containers) -> str:
    i, j = _pick_two(rng, c["records"])
    for items in (c["records"], c["manifest"]["records"]):
        items[i], items[j] = items[j], items[i]
    return "records and entries swapped together"


def _swap_contents(c: Json, rng: random.Random, others: Containers) -> str:
    i, j = _pick_two(rng, c["records"])
    a, b = c["records"][i], c["records"][j]
    a["content"], b["content"] = b["content"], a["content"]
    return "contents swapped"


def _swap_ids(c: Json, rng: random.Random, others: Containers) -> str:
    i, j = _pick_two(rng, c["records"])
    a, b = c["records"][i], c["records"][j]
    a["id"], b["id"] = b["id"], a["id"]
    return "record ids swapped"


def _swap_sections(c: Json, rng: random.Random, others: Containers) -> str:
    a, b = rng.sample(["manifest", "records", "manifest_signature", "format", "version"], 2)
    c[a], c[b] = c[b], c[a]
    return f"{a} and {b} swapped"


def _foreign_signature(c: Json, rng: random.Random, others: Containers) -> str:
    source = rng.choice(["first", "third"])
    c["manifest_signature"] = others[source]["manifest_signature"]
    return f"signature of bundle {source}"


def _foreign_manifest(c: Json, rng: random.Random, others: Containers) -> str:
    source = rng.choice(["first", "third"])
    c["manifest"] = copy.deepcopy(others[source]["manifest"])
    c["manifest_signature"] = others[source]["manifest_signature"]
    return f"manifest of bundle {source}"


def _foreign_record(c: Json, rng: random.Random, others: Containers) -> str:
    source = others[rng.choice(["first", "third"])]
    i = rng.randrange(len(c["records"]))
    c["records"][i] = copy.deepcopy(source["records"][i])
    if rng.random() < 0.5:
        c["manifest"]["records"][i] = copy.deepcopy(source["manifest"]["records"][i])
    return "a record of another bundle"


def _dup_record(c: Json, rng: random.Random, others: Containers) -> str:
    i = rng.randrange(len(c["records"]))
    c["records"].insert(rng.randrange(len(c["records"]) + 1), copy.deepcopy(c["records"][i]))
    return "record duplicated"


def _dup_entry(c: Json, rng: random.Random, others: Containers) -> str:
    entries = c["manifest"]["records"]
    i = rng.randrange(len(entries))
    entries.insert(rng.randrange(len(entries) + 1), copy.deepcopy(entries[i]))
    return "manifest entry duplicated"


def _dup_both(c: Json, rng: random.Random, others: Containers) -> str:
    i = rng.randrange(len(c["records"]))
    for items in (c["records"], c["manifest"]["records"]):
        items.append(copy.deepcopy(items[i]))
    return "record and entry duplicated"


def _dup_with_other_version(c: Json, rng: random.Random, others: Containers) -> str:
    i = rng.randrange(len(c["records"]))
    for items in (c["records"], c["manifest"]["records"]):
        twin = copy.deepcopy(items[i])
        twin["version"] += 1
        items.append(twin)
    return "record repeated with a higher version"


RAW_DUPLICATES = ("records", "manifest", "manifest_signature", "version", "format")


def _raw_duplicate_key(c: Json, rng: random.Random, others: Containers) -> str:
    # Marked for the trial loop: the duplicate key is added to the JSON text, not the value.
    key = rng.choice(RAW_DUPLICATES)
    c["__duplicate__"] = key
    return f"key {key} twice"


def _remove_record(c: Json, rng: random.Random, others: Containers) -> str:
    del c["records"][rng.randrange(len(c["records"]))]
    return "record removed"


def _remove_entry(c: Json, rng: random.Random, others: Containers) -> str:
    del c["manifest"]["records"][rng.randrange(len(c["manifest"]["records"]))]
    return "manifest entry removed"


def _remove_both(c: Json, rng: random.Random, others: Containers) -> str:
    i = rng.randrange(len(c["records"]))
    del c["records"][i]
    del c["manifest"]["records"][i]
    return "record and entry removed"


def _remove_all(c: Json, rng: random.Random, others: Containers) -> str:
    c["records"] = []
    c["manifest"]["records"] = []
    return "every record removed"


def _remove_field(c: Json, rng: random.Random, others: Containers) -> str:
    where = rng.choice(["container", "manifest", "entry", "record"])
    if where == "container":
        target = c
    elif where == "manifest":
        target = c["manifest"]
    elif where == "entry":
        target = rng.choice(c["manifest"]["records"])
    else:
        target = rng.choice(c["records"])
    name = rng.choice(sorted(target))
    del target[name]
    return f"{where} field {name} removed"


SWAPS: tuple[ContainerEdit, ...] = (
    _swap_records,
    _swap_entries,
    _swap_both,
    _swap_contents,
    _swap_ids,
    _swap_sections,
    _foreign_signature,
    _foreign_manifest,
    _foreign_record,
)
DUPLICATES: tuple[ContainerEdit, ...] = (
    _dup_record,
    _dup_entry,
    _dup_both,
    _dup_with_other_version,
    _raw_duplicate_key,
)
REMOVALS: tuple[ContainerEdit, ...] = (
    _remove_record,
    _remove_entry,
    _remove_both,
    _remove_all,
    _remove_field,
)


def serialise(container: Json) -> bytes:
    duplicate = container.pop("__duplicate__", None)
    text = canonical(container)
    if duplicate is not None:
        # Append the key again at the end of the object: a lenient JSON reader would keep it.
        value = (
            canonical(container[duplicate])
            if duplicate in container
            else b'"interview-room-bundle"'
        )
        text = text[:-1] + b',"' + duplicate.encode() + b'":' + value + b"}"
    return text


TRICKS = (
    "../",
    "../../../../etc/passwd",
    "/etc/passwd",
    "..",
    ".",
    "",
    "C:\\Windows\\System32\\config",
    "\\\\server\\share\\x",
    "a/b",
    "a\\b",
    "case\x00.txt",
    "\x00",
    "x" * 129,
    "x" * 300,
    "9" * 4096,
    "\u0430\u0441\u0435",  # Cyrillic "ace": looks like hex
    "\uff10\uff11\uff12",  # fullwidth digits
    "\u202egpj.exe",  # right-to-left override
    "a\u200bb",  # zero-width space
    "e\u0301",  # combining accent
    "case\n",
    " case",
    "CASE",
    "%2e%2e%2f",
    "file:///etc/passwd",
    "con",
    "NUL",
    "a..b",
)
TRICK_FIELDS = ("station_id", "kind", "id")
UNSAFE = frozenset("/\\\x00\n\u202e\u200b")


def placed(trick: str, old: str, how: str) -> str:
    if how == "prefix":
        return trick + old
    if how == "suffix":
        return old + trick
    return trick


# --- format 2: the plaintext as stations write it since issue 13 -------------------------

MAGIC = b"interview-room-bundle 2\n"


def split_plaintext(plaintext: bytes) -> Json:
    """A format 2 plaintext as parts an edit can change: the header, its signature line and
    each record's head and content."""
    header_line, signature, body = plaintext[len(MAGIC) :].split(b"\n", 2)
    records = []
    while body:
        head_line, body = body.split(b"\n", 1)
        head = json.loads(head_line)
        records.append([head, body[: head["bytes"]]])
        body = body[head["bytes"] + 1 :]
    return {"header": json.loads(header_line), "signature": signature, "records": records}


def join_plaintext(parts: Json, *, sign_with: Any = None) -> bytes:
    """The plaintext again; with ``sign_with``, the body's size and hash are brought up to
    date and the header signed, as a thief of the station's key would."""
    import base64
    import hashlib

    body = b"".join(canonical(head) + b"\n" + content + b"\n" for head, content in parts["records"])
    if sign_with is not None:
        parts["header"]["body_bytes"] = len(body)
        parts["header"]["body_sha256"] = hashlib.sha256(body).hexdigest()
        parts["header"]["records"] = len(parts["records"])
        parts["signature"] = base64.b64encode(sign_with.sign(canonical(parts["header"])))
    signature: bytes = parts["signature"]
    return MAGIC + canonical(parts["header"]) + b"\n" + signature + b"\n" + body


Format2Edit = Callable[[Json, random.Random, dict[str, Json]], str]


def _f2_swap_records(p: Json, rng: random.Random, others: dict[str, Json]) -> str:
    i, j = _pick_two(rng, p["records"])
    p["records"][i], p["records"][j] = p["records"][j], p["records"][i]
    return "records swapped"


def _f2_swap_contents(p: Json, rng: random.Random, others: dict[str, Json]) -> str:
    i, j = _pick_two(rng, p["records"])
    a, b = p["records"][i], p["records"][j]
    a[1], b[1] = b[1], a[1]
    return "contents swapped"


def _f2_duplicate(p: Json, rng: random.Random, others: dict[str, Json]) -> str:
    i = rng.randrange(len(p["records"]))
    p["records"].insert(rng.randrange(len(p["records"]) + 1), copy.deepcopy(p["records"][i]))
    return "record duplicated"


def _f2_remove(p: Json, rng: random.Random, others: dict[str, Json]) -> str:
    del p["records"][rng.randrange(len(p["records"]))]
    return "record removed"


def _f2_header_field(p: Json, rng: random.Random, others: dict[str, Json]) -> str:
    name = rng.choice(["sequence", "records", "created_at", "body_bytes", "station_id"])
    value = p["header"][name]
    # The last character changed, never kept: station ids and times often end in "0".
    last = "1" if isinstance(value, str) and value.endswith("0") else "0"
    p["header"][name] = (
        value + rng.choice([-1, 1, 1000]) if isinstance(value, int) else value[:-1] + last
    )
    return f"header {name} changed"


def _f2_head_field(p: Json, rng: random.Random, others: dict[str, Json]) -> str:
    head = rng.choice(p["records"])[0]
    match rng.randrange(4):
        case 0:
            head["version"] += rng.choice([1, 2, 2**20])
            return "a version raised"
        case 1:
            head["previous"] = head["previous"][1:]
            return "an earlier hash dropped"
        case 2:
            head["previous"] = ["0" * 64, *head["previous"]][: max(1, head["version"] - 1)]
            return "an earlier hash made up"
        case _:
            head["bytes"] += rng.choice([-1, 1])
            return "a size changed"


def _f2_foreign_record(p: Json, rng: random.Random, others: dict[str, Json]) -> str:
    source = others[rng.choice(["first", "third"])]
    i = rng.randrange(min(len(p["records"]), len(source["records"])))
    p["records"][i] = copy.deepcopy(source["records"][i])
    return "a record of another bundle"


def _f2_foreign_signature(p: Json, rng: random.Random, others: dict[str, Json]) -> str:
    p["signature"] = others[rng.choice(["first", "third"])]["signature"]
    return "the signature of another bundle"


FORMAT2_EDITS: tuple[Format2Edit, ...] = (
    _f2_swap_records,
    _f2_swap_contents,
    _f2_duplicate,
    _f2_remove,
    _f2_header_field,
    _f2_head_field,
    _f2_foreign_record,
    _f2_foreign_signature,
)
