"""The folder tree is the map, and imports point down it: no cycles, no import up the layers.

Checked on the import graph grimp builds from the source (TYPE_CHECKING and function-level
imports count: a circle hidden from the interpreter is still one).
"""

from __future__ import annotations

from functools import cache

import grimp
import pytest

# Lowest first. A module may import its own layer (without cycles) and the layers below it.
LAYERS = (
    ("cmis.errors", "cmis.clock"),
    ("cmis.codec",),
    ("cmis.images",),
    ("cmis.transport",),
    ("cmis.cdb",),
    ("cmis.firmware",),
    ("cmis.host",),
    ("cmis.cli", "cmis.exporter", "cmis.fleet"),  # all sit on the host API
    ("cmis",),  # the package face: cmis.open, cmis.Module, the contract names
    ("emulator",),
    ("tui",),
)
FACADES = {  # module -> who may import it ("x.*": x's submodules); its helpers get narrow ports
    "cmis.host.module": ("cmis", "cmis.host.targets", "cmis.cli.*", "emulator.*", "tui.*"),
    "emulator.module": ("emulator", "emulator.targets", "emulator.chassis.*", "tui.*"),
    "tui.app": ("tui.main",),  # the app is run by the entry point only
}


@cache
def graph() -> grimp.ImportGraph:
    return grimp.build_graph("cmis", "emulator", "tui", include_external_packages=False)


def layer(module: str) -> int:
    best, rank = -1, -1
    for index, prefixes in enumerate(LAYERS):
        for prefix in prefixes:
            if (module == prefix or module.startswith(prefix + ".")) and len(prefix) > best:
                best, rank = len(prefix), index
    return rank


def edges() -> list[tuple[str, str]]:
    g = graph()
    return [
        (a, b) for a in sorted(g.modules) for b in sorted(g.find_modules_directly_imported_by(a))
    ]


def test_the_graph_is_real() -> None:
    """A broken graph would find no edges and prove nothing below."""
    assert ("tui.app", "tui.screens.overview") in edges()
    assert ("cmis.host.module", "cmis.codec.pages.page11") in edges() or any(
        a.startswith("cmis.host") and b.startswith("cmis.codec") for a, b in edges()
    )


def test_no_import_points_up_the_layers() -> None:
    up = [f"{a} -> {b}" for a, b in edges() if layer(b) > layer(a) and b != "cmis"]
    assert up == []


@pytest.mark.parametrize("facade", sorted(FACADES))
def test_facades_are_imported_only_by_their_users(facade: str) -> None:
    allowed = FACADES[facade]
    importers = sorted(graph().find_modules_that_directly_import(facade))
    bad = [m for m in importers if not any(_matches(m, p) for p in allowed)]
    assert bad == [], f"{facade} is imported by {bad}"


def _matches(module: str, pattern: str) -> bool:
    if pattern.endswith(".*"):
        return module.startswith(pattern[:-1])
    return module == pattern


def test_no_import_cycles() -> None:
    g = graph()
    adjacency = {m: g.find_modules_directly_imported_by(m) for m in g.modules}
    cycles = [sorted(c) for c in _strongly_connected(adjacency) if len(c) > 1]
    assert cycles == []


def _strongly_connected(adjacency: dict[str, set[str]]) -> list[list[str]]:
    """Tarjan's algorithm, iterative (the graph has a few hundred modules)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    for root in sorted(adjacency):
        if root in index:
            continue
        work = [(root, iter(sorted(adjacency[root])))]
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
                    work.append((child, iter(sorted(adjacency[child]))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                found.append(component)
    return found


@pytest.mark.parametrize(
    "name",
    ["open", "Module", "TwiDevice", "Transport", "TwiTransport", "Clock", "VirtualClock"],
)
def test_contract_names_import_from_the_package_face(name: str) -> None:
    import cmis

    assert getattr(cmis, name).__name__ == name


def test_emulated_module_imports_from_the_emulator_face() -> None:
    from emulator import EmulatedModule

    assert EmulatedModule.__name__ == "EmulatedModule"
