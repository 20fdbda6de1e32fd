"""The TUI's import graph: screens never import the app, and no tui modules import each other
in a circle (TYPE_CHECKING imports count: a circle hidden from the interpreter is still one)."""

from __future__ import annotations

import ast
from graphlib import CycleError, TopologicalSorter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _module(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(path: Path, known: set[str]) -> set[str]:
    """tui modules ``path`` imports anywhere in it (``from a import b`` counts a.b if a module)."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
            found |= {f"{node.module}.{alias.name}" for alias in node.names}
    return found & known


def tui_graph() -> dict[str, set[str]]:
    files = {_module(path): path for path in (ROOT / "tui").rglob("*.py")}
    return {name: _imports(path, set(files)) - {name} for name, path in files.items()}


def test_the_graph_sees_the_imports_it_should() -> None:
    graph = tui_graph()  # a broken parser would find no edges and prove nothing below
    assert "tui.screens.base" in graph["tui.screens.lanes"]
    assert "tui.screens.overview" in graph["tui.app"]


def test_nothing_but_an_entry_point_imports_the_app() -> None:
    importers = {name for name, deps in tui_graph().items() if "tui.app" in deps}
    assert importers <= {"tui.__main__"}


def test_tui_modules_import_each_other_without_circles() -> None:
    try:
        TopologicalSorter(tui_graph()).prepare()
    except CycleError as err:
        raise AssertionError(f"import circle: {' -> '.join(err.args[1])}") from None
