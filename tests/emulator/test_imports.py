"""The emulator's subsystems depend on narrow ports, not on the module: no hub, no import cycle."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[2] / "emulator"
HUB_USERS = {"emulator", "emulator.targets"}  # the package face and the emu: target build modules


def _graph() -> dict[str, set[str]]:
    """Module -> emulator modules it imports, TYPE_CHECKING imports included."""
    graph = {}
    for path in PACKAGE.glob("*.py"):
        name = "emulator" if path.stem == "__init__" else f"emulator.{path.stem}"
        found = set()
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module] + [f"{node.module}.{a.name}" for a in node.names]
                found |= {n for n in names if n.startswith("emulator")}
            elif isinstance(node, ast.Import):
                found |= {a.name for a in node.names if a.name.startswith("emulator")}
        graph[name] = found
    return {m: {i for i in deps if i in graph and i != "emulator"} for m, deps in graph.items()}


def test_only_the_package_and_targets_import_the_module() -> None:
    users = {m for m, deps in _graph().items() if "emulator.module" in deps}
    assert users <= HUB_USERS, f"subsystems importing emulator.module: {sorted(users - HUB_USERS)}"


def test_no_import_cycle_between_emulator_modules() -> None:
    graph, done, path = _graph(), set(), []

    def visit(node: str) -> None:
        if node in path:
            raise AssertionError("import cycle: " + " -> ".join(path[path.index(node) :] + [node]))
        if node in done:
            return
        path.append(node)
        for dep in sorted(graph[node]):
            visit(dep)
        path.pop()
        done.add(node)

    for module in sorted(graph):
        visit(module)
