"""A fleet lab: emulated chassis mounted with FUSE as switches, an inventory naming them."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import yaml

BIN = Path(sys.executable).parent
SPEED = "50"  # chassis timers 50x real time: a 16 KiB download takes a few hundred ms


def write_inventory(folder: Path, switches: dict[str, dict[str, Any]], key: Path | None = None,
                    ssh_port: int = 22) -> Path:  # fmt: skip
    """hosts.yaml + groups.yaml: ``switches`` name -> host data (``reach: ssh`` hosts log in
    as root at 127.0.0.1:``ssh_port`` with ``key``)."""
    folder.mkdir(parents=True, exist_ok=True)
    hosts = {}
    for name, data in switches.items():
        reach = data.get("reach", "local")
        host: dict[str, Any] = {"hostname": "127.0.0.1", "groups": [reach], "data": data}
        if reach == "ssh":
            host.update(port=ssh_port, username="root", connection_options={"paramiko": {
                "extras": {"key_filename": str(key), "look_for_keys": False,
                           "allow_agent": False, "timeout": 10}}})  # fmt: skip
            data.setdefault("cmis", str(BIN / "cmis"))
            data.setdefault("workdir", str(folder))  # uploads land in the test's temp dir
        hosts[name] = host
    (folder / "hosts.yaml").write_text(yaml.safe_dump(hosts))
    (folder / "groups.yaml").write_text(yaml.safe_dump({"local": {}, "ssh": {}}))
    return folder


def cmis(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(BIN / "cmis"), *args], capture_output=True, text=True)


def cmis_emu(*args: str) -> int:
    return subprocess.run([str(BIN / "cmis-emu"), *args], capture_output=True).returncode


def fleet(*args: str) -> tuple[int, Any, str]:
    """``cmis fleet ARGS --json``: exit code, parsed stdout (None if empty), stderr."""
    done = cmis("fleet", *args, "--json")
    return done.returncode, json.loads(done.stdout) if done.stdout.strip() else None, done.stderr


def fw_images(eeprom: Path) -> list[dict[str, Any]]:
    """What ``cmis fw info --json`` lists, read in this process (32 CLI starts are slow)."""
    from cmis.cli.fw_info import image_rows, updater
    from cmis.host.targets import open_optoe

    return image_rows(updater(open_optoe(str(eeprom)), None).info())


def make_image(path: Path, version: str, size: str = "16K", defect: str | None = None) -> Path:
    extra = ["--defect", defect] if defect else []
    done = cmis("fw", "make-image", "--version", version, "--size", size, *extra, str(path))
    assert done.returncode == 0, done.stderr
    return path
