"""Where the frozen folder's size goes (issue 14): the largest groups and files, in MiB.

    python scripts/frozen_size_profile.py                  # build/frozen/interview-room
    python scripts/frozen_size_profile.py --dist /tmp/out --top 40

Groups are a package folder under ``_internal/`` (``PySide6/Qt/lib`` and each Qt plugin folder
apart) or one file beside it. On Linux it also lists the shared libraries beside the executable
that no kept binary links (readelf's NEEDED lists): candidates for the spec's UNLINKED_LIBS.
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
MIB = 1024 * 1024
NEEDED = re.compile(r"\(NEEDED\)\s+Shared library: \[(.+?)\]")


def group_of(relative: Path) -> str:
    parts = relative.parts
    if len(parts) == 1:
        return parts[0]
    if parts[:2] == ("PySide6", "Qt") and len(parts) > 3:
        return "/".join(parts[:4] if parts[2] == "plugins" and len(parts) > 4 else parts[:3])
    return parts[0]


def sizes(folder: Path) -> list[tuple[int, Path]]:
    internal = folder / "_internal"
    return [
        (path.stat().st_size, path.relative_to(internal if internal in path.parents else folder))
        for path in folder.rglob("*")
        if path.is_file() and not path.is_symlink()
    ]


def needed(binary: Path) -> list[str]:
    out = subprocess.run(["readelf", "-d", str(binary)], capture_output=True, text=True).stdout
    return NEEDED.findall(out)


def unlinked_libraries(folder: Path) -> list[Path]:
    """Libraries beside the executable that nothing reachable from a kept binary links."""
    internal = folder / "_internal"
    by_name = {path.name: path for path in internal.rglob("*.so*")}
    top = [p for p in internal.iterdir() if p.name.startswith("lib") and ".so" in p.name]
    roots = [folder / "interview-room"] + [
        p for p in by_name.values() if p.parent != internal or not p.name.startswith("lib")
    ]
    roots += [p for p in top if p.name.startswith("libpython")]
    seen: set[Path] = set()
    stack = list(roots)
    while stack:
        binary = stack.pop()
        if binary in seen:
            continue
        seen.add(binary)
        stack += [by_name[name] for name in needed(binary) if name in by_name]
    return sorted(p for p in top if p not in seen and not p.is_symlink())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dist", type=Path, default=ROOT / "build" / "frozen")
    parser.add_argument("--top", type=int, default=30)
    args = parser.parse_args(argv)
    folder = args.dist / "interview-room"
    files = sizes(folder)
    groups: Counter[str] = Counter()
    for size, relative in files:
        groups[group_of(relative)] += size
    print(f"{folder}: {sum(size for size, _ in files) / MIB:.1f} MiB")
    print(f"-- the {args.top} largest groups")
    for name, size in groups.most_common(args.top):
        print(f"{size / MIB:7.2f}  {name}")
    print(f"-- the {args.top} largest files")
    for size, relative in sorted(files, reverse=True)[: args.top]:
        print(f"{size / MIB:7.2f}  {relative}")
    if shutil.which("readelf"):
        unlinked = unlinked_libraries(folder)
        total = sum(p.stat().st_size for p in unlinked) / MIB
        print(f"-- linked by nothing kept: {len(unlinked)} libraries, {total:.2f} MiB")
        for path in unlinked:
            print(f"{path.stat().st_size / MIB:7.2f}  {path.name}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
