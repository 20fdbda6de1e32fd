"""Which ports to watch: ``--target`` lists, a mounted chassis directory, or a YAML/TOML file."""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from cmis.errors import InputError, cut, cut_path
from cmis.host.targets import split_target

CONFIG_HELP = "a mapping 'ports: {NAME: TARGET, ...}' (YAML or TOML)"


@dataclass(frozen=True)
class PortSpec:
    """One port: ``name`` is its ``port`` label, ``target`` what ``cmis.open`` is given."""

    name: str
    target: str


def from_targets(targets: list[str]) -> list[PortSpec]:
    """Each target names its own port (the ``port`` label is the target as given)."""
    for target in targets:
        split_target(target)  # a bad scheme is refused before the server starts
    return [PortSpec(target, target) for target in targets]


def from_chassis(directory: str) -> list[PortSpec]:
    """Every subdirectory of a mounted chassis holding an ``eeprom`` file is a port."""
    root = Path(directory)
    if not root.is_dir():
        raise InputError(f"--chassis {cut_path(directory, 60)}: not a directory")
    ports = [
        PortSpec(entry.name, f"optoe:{entry / 'eeprom'}")
        for entry in sorted(root.iterdir(), key=lambda p: _natural(p.name))
        if (entry / "eeprom").is_file()
    ]
    if not ports:
        raise InputError(
            f"--chassis {cut_path(directory, 60)}: no ports (expected DIR/<port>/eeprom files)"
        )
    return ports


def from_config(path: str) -> list[PortSpec]:
    """A file of port names and targets: ``ports: {port1: 'optoe:...', port2: 'emu:...'}``."""
    if not os.path.isfile(path):
        raise InputError(f"--config {cut_path(path, 60)}: no such file")
    text = Path(path).read_text(encoding="utf-8", errors="replace")
    try:
        data: Any = tomllib.loads(text) if path.endswith(".toml") else yaml.safe_load(text)
    except (tomllib.TOMLDecodeError, yaml.YAMLError) as err:
        raise InputError(f"--config {cut_path(path, 60)}: not valid ({cut(str(err), 60)})") from err
    ports = data.get("ports") if isinstance(data, dict) else None
    if not isinstance(ports, dict) or not ports:
        raise InputError(f"--config {cut_path(path, 60)}: expected {CONFIG_HELP}")
    bad = [name for name, target in ports.items() if not isinstance(target, str)]
    if bad:
        raise InputError(f"--config: port {cut(str(bad[0]))}: the target must be a string")
    for target in ports.values():
        split_target(target)
    return [PortSpec(str(name), target) for name, target in ports.items()]


def _natural(name: str) -> tuple[str, int]:
    """port2 before port10: names sorted by their text, then their trailing number."""
    stem = name.rstrip("0123456789")
    digits = name[len(stem) :]
    return stem, int(digits) if digits else -1
