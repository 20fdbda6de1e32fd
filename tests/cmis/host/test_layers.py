"""The host API has no import circles, and transports import nothing above them.

TYPE_CHECKING imports count: a helper that names the facade in its annotations still depends
on it. Parsed from source (ast), so nothing needs to be importable.
"""

from __future__ import annotations

import ast
from pathlib import Path

import cmis

ROOT = Path(cmis.__file__).parent


def _name(path: Path) -> str:
    parts = path.relative_to(ROOT.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _graph() -> dict[str, set[str]]:
    modules = {_name(p): p for p in ROOT.rglob("*.py")}
    graph: dict[str, set[str]] = {}
    for name, path in modules.items():
        found: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.ImportFrom) and node.module and not node.level:
                found |= {node.module, *(f"{node.module}.{a.name}" for a in node.names)}
            elif isinstance(node, ast.Import):
                found |= {a.name for a in node.names}
        graph[name] = {m for m in found if m in modules and m != name}
    return graph


def _reaches(graph: dict[str, set[str]], start: str, goal: str) -> bool:
    seen, todo = set(), [start]
    while todo:
        node = todo.pop()
        for nxt in graph[node] - seen:
            if nxt == goal:
                return True
            seen.add(nxt)
            todo.append(nxt)
    return False


def test_no_host_helper_imports_the_module_facade() -> None:
    graph = _graph()
    back = [m for m in graph if m.startswith(("cmis.host", "cmis.provisioning"))]
    assert [m for m in back if _reaches(graph, m, "cmis.module")] == []


def test_transports_import_nothing_above_them() -> None:
    graph = _graph()
    above = {"cmis.module", "cmis.targets", "cmis.cli"}
    bad = {m: graph[m] & above for m in graph if m.startswith("cmis.transport")}
    assert {m: deps for m, deps in bad.items() if deps} == {}
