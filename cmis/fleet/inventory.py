"""The fleet's inventory: Nornir's SimpleInventory (hosts.yaml, groups.yaml, defaults.yaml).

A host is a switch. Its data names its ports: ``chassis: DIR`` (a folder of ports, each
DIR/<port>/eeprom) or ``ports: {name: optoe:PATH | i2c:BUS@ADDR}``; ``reach: local | ssh``.
"""

from __future__ import annotations

import os
import warnings
from pathlib import Path
from typing import TYPE_CHECKING, Any

from cmis.errors import InputError, cut, cut_path

if TYPE_CHECKING:
    from nornir.core import Nornir
    from nornir.core.inventory import Host

REACH = ("local", "ssh")
FILTER_KEYS = "name, group, hostname, platform or a data key (reach, site...)"


def load(directory: str, filters: tuple[str, ...] = (), parallel: int = 8) -> Nornir:
    """Nornir on DIR's inventory, narrowed by KEY=VALUE filters; InputError if nothing fits."""
    with warnings.catch_warnings():  # nornir-paramiko pins paramiko 2, which cryptography warns of
        warnings.filterwarnings("ignore", message="TripleDES has been moved")
        try:
            from nornir import InitNornir
            from nornir.core.plugins.connections import ConnectionPluginRegister

            ConnectionPluginRegister.auto_register()
        except ImportError:
            raise InputError(
                "fleet commands need Nornir: pip install 'cmis-tools[fleet]'"
            ) from None
    root = Path(directory)
    if not os.path.isfile(root / "hosts.yaml"):
        raise InputError(f"--inventory {cut(directory)}: no hosts.yaml in it (see examples/fleet)")
    files = {k: str(root / f"{k.split('_')[0]}s.yaml") for k in ("host_file", "group_file")}
    files["defaults_file"] = str(root / "defaults.yaml")
    try:
        nr = InitNornir(
            runner={"plugin": "threaded", "options": {"num_workers": parallel}},
            inventory={"plugin": "SimpleInventory", "options": files},
            logging={"enabled": False},
        )
    except Exception as err:  # YAML syntax, a host naming an unknown group...
        raise InputError(f"--inventory {cut_path(directory)}: {cut(str(err), 120)}") from None
    for host in nr.inventory.hosts.values():
        check_host(host)
    for text in filters:
        nr = nr.filter(filter_func=matcher(text))
        if not nr.inventory.hosts:
            raise InputError(f"--filter {cut(text)} matches no switch; keys: {FILTER_KEYS}")
    return nr


def check_host(host: Host) -> None:
    reach, chassis, ports = host.get("reach", "local"), host.get("chassis"), host.get("ports")
    if reach not in REACH:
        raise InputError(f"switch {cut(host.name)}: reach {cut(str(reach))} is not local or ssh")
    if (chassis is None) == (ports is None):
        raise InputError(
            f"switch {cut(host.name)}: give its ports as data.chassis (a folder of ports) "
            "or data.ports (name: optoe:PATH or i2c:BUS@ADDR), one of them"
        )
    if ports is not None and not (isinstance(ports, dict) and ports):
        raise InputError(f"switch {cut(host.name)}: data.ports must map port names to targets")


def matcher(text: str) -> Any:
    """A Nornir filter_func for KEY=VALUE (``group=`` looks at groups and their parents)."""
    key, sep, value = text.partition("=")
    if not sep or not key.isidentifier():
        raise InputError(f"--filter {cut(text)}: expected KEY=VALUE with KEY one of {FILTER_KEYS}")

    def match(host: Host) -> bool:
        if key == "name":
            return bool(host.name == value)
        if key == "group":
            return bool(host.has_parent_group(value))
        if key in ("hostname", "platform"):
            return str(getattr(host, key)) == value
        return str(host.get(key)) == value

    return match
