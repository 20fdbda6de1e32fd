"""The mount's file tree: which path names which file, whether it takes writes, what a dir lists.

DIR/<port>/eeprom            rw  optoe dev_class 3 linear memory (port.read / port.write)
DIR/<port>/xcvr_present      ro  "1\\n" module in the cage, "0\\n" empty
DIR/<port>/xcvr_lpmode       rw  LPMode pin, "1\\n" asserted
DIR/<port>/xcvr_reset        rw  ResetL pin, "1\\n" asserted (module held in reset)
DIR/<port>/xcvr_intr_status  ro  IntL, "1\\n" asserted (interrupt pending)
DIR/<port>/fault             rw  read: active faults as NAME=VALUE lines; write one or "clear"
DIR/<port>/cage              rw  read: "present PROFILE" or "empty"; write remove | insert [P]
DIR/.control/links           rw  read: one line per link; write cut|restore A B, loss A B DB
DIR/.control/status.json     ro  chassis.status() as JSON
DIR/.control/last_error      ro  why the last control write was refused (EINVAL)
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

CONTROL_DIR = ".control"
PINS = {  # PDDF file -> (Port attribute, writable)
    "xcvr_present": ("present", False),
    "xcvr_lpmode": ("lpmode", True),
    "xcvr_reset": ("reset", True),
    "xcvr_intr_status": ("intl", False),
}
PORT_FILES = {"eeprom": True, **{name: rw for name, (_, rw) in PINS.items()}, "fault": True}
PORT_FILES["cage"] = True
CONTROL_FILES = {"links": True, "status.json": False, "last_error": False}


@dataclass(frozen=True)
class Node:
    """One path of the mount: a directory, a port's file or a control file."""

    name: str  # the file's own name ("" for the root)
    port: str | None = None  # the port a port dir or port file belongs to
    is_dir: bool = False
    writable: bool = False


ROOT = Node("", is_dir=True)
CONTROL = Node(CONTROL_DIR, is_dir=True)


def resolve(path: str, ports: Mapping[str, object]) -> Node | None:
    """The node at ``path`` ("/port1/eeprom"), or None when there is no such file."""
    parts = [part for part in path.split("/") if part]
    if not parts:
        return ROOT
    head, rest = parts[0], parts[1:]
    if head == CONTROL_DIR:
        return _leaf(rest, CONTROL, CONTROL_FILES, None)
    if head in ports:
        return _leaf(rest, Node(head, head, is_dir=True), PORT_FILES, head)
    return None


def _leaf(rest: list[str], folder: Node, files: dict[str, bool], port: str | None) -> Node | None:
    if not rest:
        return folder
    if len(rest) == 1 and rest[0] in files:
        return Node(rest[0], port, writable=files[rest[0]])
    return None


def listing(node: Node, ports: Mapping[str, object]) -> list[str]:
    """The names a directory holds: ports and the control dir at the top, files below."""
    if node == ROOT:
        return [*ports, CONTROL_DIR]
    return list(CONTROL_FILES if node == CONTROL else PORT_FILES)
