"""The layout tells the architecture: Qt lives only under interview_room/gui/."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "interview_room"
QT_ALLOWED = {PACKAGE / "gui"}


def _imports_qt(path: Path) -> bool:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import) and any(a.name.startswith("PySide6") for a in node.names):
            return True
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("PySide6"):
            return True
    return False


def test_qt_is_imported_only_by_the_gui_package() -> None:
    offenders = [
        str(path.relative_to(PACKAGE))
        for path in PACKAGE.rglob("*.py")
        if not any(allowed in path.parents for allowed in QT_ALLOWED) and _imports_qt(path)
    ]
    assert offenders == []


def test_the_command_line_loads_without_qt() -> None:
    import subprocess
    import sys

    code = "import sys, interview_room.cli; print('PySide6' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


# --- The import graph ------------------------------------------------------------------------
# Edges are the imports that run: at module level and inside functions (a function-level import
# is a real dependency that only waits for its first call: it is how stats.py and stats_pdf.py
# once hid a cycle). Imports under `if TYPE_CHECKING:` never run and are left out of the cycle
# check; the layer check counts them too, since a type named in store/ is still knowledge of a
# higher floor. `from package import name` is an edge to the submodule when `name` is one.

Graph = dict[str, set[str]]

KNOWN_CYCLES: dict[frozenset[str], str] = {}
"""Import cycles still present, each with the reason and the way out. Nothing else may cycle.
(Empty since issue 15: the bundle's readers import its format, never the other way round, and
what the station holds from the centre is read below the station's sync, in centre_holdings.)"""

# store/ is the bottom floor: it may use only itself and the modules below every floor (typed
# errors, atomic files, shipped resources, the station folder's description, and the pure
# certificate functions of signing/, which import nothing of ours but errors).
BELOW_STORE = {
    "interview_room.errors",
    "interview_room.files",
    "interview_room.resources",
    "interview_room.station_folder",
    "interview_room.signing.errors",
    "interview_room.signing.pki",
    "interview_room.signing.certificate_reading",
    "interview_room.signing.station_names",
}
KNOWN_STORE_UPWARD: dict[tuple[str, str], str] = {}
"""Imports from store/ to a higher floor still present, each with the reason. (Empty since
issue 15: the certificate authority takes the users it certifies as arguments typed by its own
``CertifiedUser`` protocol, which ``accounts.User`` meets, instead of importing accounts.)"""


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _imports(
    source: str, name: str, modules: set[str], *, package: bool = False, type_checking: bool
) -> set[str]:
    """The interview_room modules that module ``name`` (whose text is ``source``) imports; see
    the comment above for which imports count."""
    package_name = name if package else name.rpartition(".")[0]
    found: set[str] = set()

    def target(node: ast.ImportFrom) -> str:
        if not node.level:
            return node.module or ""
        base = package_name.split(".")[: len(package_name.split(".")) - node.level + 1]
        return ".".join([*base, *([node.module] if node.module else [])])

    def visit(nodes: list[ast.stmt]) -> None:
        for node in nodes:
            if isinstance(node, ast.If) and _is_type_checking(node.test):
                visit(node.orelse)
                if type_checking:
                    visit(node.body)
                continue
            if isinstance(node, ast.Import):
                found.update(alias.name for alias in node.names)
                continue
            if isinstance(node, ast.ImportFrom):
                base = target(node)
                for alias in node.names:
                    submodule = f"{base}.{alias.name}"
                    found.add(submodule if submodule in modules else base)
                continue
            for field in ("body", "orelse", "finalbody", "handlers", "cases"):
                children = getattr(node, field, None)
                if isinstance(children, list):
                    visit([c for c in children if isinstance(c, ast.stmt)])
                    for child in children:
                        if isinstance(child, ast.ExceptHandler | ast.match_case):
                            visit(child.body)

    visit(ast.parse(source).body)
    return {module for module in found if module in modules and module != name}


def _graph(*, type_checking: bool) -> Graph:
    paths = {_module_name(path): path for path in PACKAGE.rglob("*.py")}
    modules = set(paths)
    return {
        name: _imports(
            path.read_text(encoding="utf-8"),
            name,
            modules,
            package=path.name == "__init__.py",
            type_checking=type_checking,
        )
        for name, path in paths.items()
    }


def _cycles(graph: Graph) -> list[frozenset[str]]:
    """The strongly connected components of more than one module (Tarjan, iteratively)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[frozenset[str]] = []
    for root in sorted(graph):
        if root in index:
            continue
        work = [(root, iter(sorted(graph[root])))]
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = len(index)
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph[child]))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                component = set()
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.add(member)
                    if member == node:
                        break
                if len(component) > 1:
                    found.append(frozenset(component))
    return found


def test_the_cycle_finder_finds_a_cycle_through_a_function_level_import() -> None:
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert _cycles(graph) == [frozenset({"a", "b", "c"})]
    assert _cycles({"a": {"b"}, "b": set()}) == []
    modules = {"p", "p.a", "p.b", "p.c", "p.d"}
    source = (
        "from typing import TYPE_CHECKING\n"
        "from p import b\n"  # the submodule p.b, not the package
        "from .c import thing\n"
        "if TYPE_CHECKING:\n"
        "    from p.d import Type\n"
        "def f() -> None:\n"
        "    import p\n"
    )
    assert _imports(source, "p.a", modules, type_checking=False) == {"p", "p.b", "p.c"}
    assert _imports(source, "p.a", modules, type_checking=True) == {"p", "p.b", "p.c", "p.d"}


def test_no_import_cycle_among_interview_room_modules() -> None:
    cycles = {cycle: sorted(cycle) for cycle in _cycles(_graph(type_checking=False))}
    unknown = [members for cycle, members in cycles.items() if cycle not in KNOWN_CYCLES]
    assert unknown == [], f"import cycles: {unknown}"
    gone = [sorted(cycle) for cycle in KNOWN_CYCLES if cycle not in cycles]
    assert gone == [], f"no longer cycles; remove them from KNOWN_CYCLES: {gone}"


def test_store_imports_nothing_from_a_higher_floor() -> None:
    graph = _graph(type_checking=True)
    upward = {
        (module, imported)
        for module, imports in graph.items()
        if module.startswith("interview_room.store.")
        for imported in imports
        if not imported.startswith("interview_room.store") and imported not in BELOW_STORE
    }
    assert upward - set(KNOWN_STORE_UPWARD) == set(), sorted(upward - set(KNOWN_STORE_UPWARD))
    gone = set(KNOWN_STORE_UPWARD) - upward
    assert gone == set(), f"fixed; remove from KNOWN_STORE_UPWARD: {sorted(gone)}"
    # What lies below store/ must itself stay below it.
    for module in BELOW_STORE:
        assert graph[module] <= BELOW_STORE, (module, sorted(graph[module] - BELOW_STORE))


# --- Module and function sizes (issue 15) ----------------------------------------------------
# One idea per module: a module past 500 lines is split along a seam before it grows further,
# and a function past 60 lines (``end_lineno - lineno + 1``, its decorators and docstring
# included) is split too. The allow-lists are what was still over when the guard came in; they
# may only shrink: an entry that is no longer over fails until it is removed.

MAX_MODULE_LINES = 500
MAX_FUNCTION_LINES = 60

KNOWN_LONG_MODULES: dict[str, str] = {}
"""Modules over the limit, each with the reason. (Empty since issue 15: the referral check's
command-line report went to ``referral/verification_report.py``.)"""
KNOWN_LONG_FUNCTIONS: frozenset[str] = frozenset()
"""Functions over the limit when the guard came in (issue 15); split one, then remove it.
(Empty since issue 15: the last ones were split along their parts.)"""


def _module_lines() -> dict[str, int]:
    return {
        path.relative_to(PACKAGE).as_posix(): len(path.read_text(encoding="utf-8").splitlines())
        for path in sorted(PACKAGE.rglob("*.py"))
    }


def _function_lines(source: str) -> dict[str, int]:
    """``Class.method`` (or ``function``, ``outer.inner``) → its length in lines."""
    found: dict[str, int] = {}

    def visit(node: ast.AST, prefix: str) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef):
                name = prefix + child.name
                assert child.end_lineno is not None
                found[name] = child.end_lineno - child.lineno + 1
                visit(child, name + ".")
            elif isinstance(child, ast.ClassDef):
                visit(child, prefix + child.name + ".")
            else:
                visit(child, prefix)

    visit(ast.parse(source), "")
    return found


def test_the_size_counter_names_methods_and_counts_whole_functions() -> None:
    source = "class A:\n    def f(self):\n        x = 1\n        return x\n\ndef g():\n    pass\n"
    assert _function_lines(source) == {"A.f": 3, "g": 2}


def test_no_module_is_over_500_lines() -> None:
    lines = _module_lines()
    over = {name: count for name, count in lines.items() if count > MAX_MODULE_LINES}
    unknown = {name: count for name, count in over.items() if name not in KNOWN_LONG_MODULES}
    assert unknown == {}, f"modules over {MAX_MODULE_LINES} lines: split them: {unknown}"
    gone = sorted(name for name in KNOWN_LONG_MODULES if name not in over)
    assert gone == [], f"no longer over {MAX_MODULE_LINES} lines; remove from the list: {gone}"


def test_no_function_is_over_60_lines() -> None:
    over = {
        f"{path.relative_to(PACKAGE).as_posix()}::{name}": count
        for path in sorted(PACKAGE.rglob("*.py"))
        for name, count in _function_lines(path.read_text(encoding="utf-8")).items()
        if count > MAX_FUNCTION_LINES
    }
    unknown = {name: count for name, count in over.items() if name not in KNOWN_LONG_FUNCTIONS}
    assert unknown == {}, f"functions over {MAX_FUNCTION_LINES} lines: split them: {unknown}"
    gone = sorted(KNOWN_LONG_FUNCTIONS - set(over))
    assert gone == [], f"no longer over {MAX_FUNCTION_LINES} lines; remove from the list: {gone}"
