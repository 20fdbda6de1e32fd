"""Fixtures: a fleet of four mounted emulated chassis (two local, two behind a real sshd)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.cmis.fleet.lab import SPEED, write_inventory
from tests.cmis.fleet.sshd import Sshd, need_sshd
from tests.emulator.service.mounted import Server, need_fuse

PORTS = 8


@dataclass
class Fleet:
    inventory: Path
    mounts: dict[str, Path]  # switch name -> its chassis mount

    def eeproms(self) -> dict[str, Path]:
        return {f"{sw}:port{n}": mount / f"port{n}" / "eeprom"
                for sw, mount in self.mounts.items() for n in range(1, PORTS + 1)}  # fmt: skip


@pytest.fixture(scope="module")
def fleet4(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Fleet]:
    need_fuse()
    need_sshd()
    root = tmp_path_factory.mktemp("fleet")
    servers: list[Server] = []
    sshd = None
    try:
        mounts = {}
        for n in range(1, 5):
            (root / f"sw{n}").mkdir()
            servers.append(Server(root / f"sw{n}", "--ports", str(PORTS), "--speed", SPEED))
            mounts[f"sw{n}"] = root / f"sw{n}"
        sshd = Sshd(root / "ssh")
        switches = {name: {"chassis": str(mount), "reach": "ssh" if name in ("sw3", "sw4")
                           else "local"} for name, mount in mounts.items()}  # fmt: skip
        inventory = write_inventory(root / "inventory", switches, sshd.client_key, sshd.port)
        yield Fleet(inventory, mounts)
    finally:
        if sshd is not None:
            sshd.stop()
        for server in servers:
            server.cleanup()
