"""The Nornir tasks: each runs on one switch (a Nornir host), one result row per port.

A switch is reached locally (``reach: local``, the default: the host API in this process) or
over SSH (``reach: ssh``: the switch's ``cmis`` CLI through the nornir-paramiko connection).
Firmware downloads and provisioning take turns on a bus (one CDB user per bus at a time), a
switch's buses run in parallel; reads run on up to PER_SWITCH ports of a switch at once.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

from nornir.core.task import Result, Task

from cmis.fleet.errors import PortFailed
from cmis.fleet.local import LocalSwitch
from cmis.fleet.ports import FleetPort, fleet_ports
from cmis.fleet.remote import SshSwitch
from cmis.host.ports import error_text

Switch = LocalSwitch | SshSwitch
OnPort = Callable[[dict[str, Any]], None]
Job = Callable[[Switch, FleetPort], dict[str, Any]]
Plan = Mapping[str, Sequence[FleetPort]]  # switch name -> the ports to work on
PER_SWITCH = 8  # ports worked on at once on one switch (SSH: remote cmis processes)


def switch_of(task: Task) -> Switch:
    host = task.host
    if host.get("reach", "local") == "ssh":
        client = host.get_connection("paramiko", task.nornir.config)
        return SshSwitch(client, str(host.get("cmis", "cmis")), str(host.get("workdir", "/tmp")))
    return LocalSwitch()


def cmis_ports(task: Task) -> Result:
    """The switch's ports (FleetPort list): its data's ``ports`` or the ports of ``chassis``."""
    data = {"chassis": task.host.get("chassis"), "ports": task.host.get("ports")}
    found = fleet_ports(task.host.name, switch_of(task).list_ports(data))
    return Result(host=task.host, result=found)


def cmis_status(task: Task, ports: Plan | None = None, on_port: OnPort | None = None) -> Result:
    """Each module's summary (``cmis status --json``) under ``status``."""
    return each_port(task, ports, on_port, lambda sw, p: {"status": sw.status(p.target)})


def cmis_dom(task: Task, ports: Plan | None = None, on_port: OnPort | None = None) -> Result:
    """Each module's monitors against thresholds (``cmis dom --json``) under ``dom``."""
    return each_port(task, ports, on_port, lambda sw, p: {"dom": sw.dom(p.target)})


def cmis_provision(
    task: Task, profile: str, ports: Plan | None = None, on_port: OnPort | None = None
) -> Result:
    """Apply the provisioning PROFILE file to each module (idempotent) under ``provision``."""
    path = Path(profile)

    def job(sw: Switch, port: FleetPort) -> dict[str, Any]:
        return {"provision": sw.provision(port.target, path)}

    return each_port(task, ports, on_port, job, by_bus=True)  # it runs CDB (firmware check)


def cmis_fw_update(
    task: Task,
    image: str,
    run: bool = True,
    commit: bool = True,
    ports: Plan | None = None,
    on_port: OnPort | None = None,
) -> Result:
    """Download IMAGE to each module, run it and commit it (as ``run``/``commit`` say); every
    row carries the image the module runs afterwards under ``firmware``, failed or not."""
    path = Path(image)

    def job(sw: Switch, port: FleetPort) -> dict[str, Any]:
        return {"firmware": sw.fw_update(port.target, path, run, commit)}

    return each_port(task, ports, on_port, job, by_bus=True)


def each_port(task: Task, plan: Plan | None, on_port: OnPort | None, job: Job,
              by_bus: bool = False) -> Result:  # fmt: skip
    """``job`` on the planned ports of this switch (all of them if no plan): rows in order;
    ``by_bus``: the ports of one bus one after another.

    Port failures are rows, not a failed host: Nornir would leave a failed host out of the
    next wave, and one bad module must not hide the good ones beside it.
    """
    switch = switch_of(task)
    ports = plan.get(task.host.name, ()) if plan is not None else cmis_ports(task).result
    rows: dict[str, dict[str, Any]] = {}
    lanes: dict[str, list[FleetPort]] = {}
    for port in ports:
        lanes.setdefault(port.bus if by_bus else port.key, []).append(port)
    gate = threading.Semaphore(PER_SWITCH)

    def bus(queue: list[FleetPort]) -> None:
        for port in queue:
            with gate:
                rows[port.key] = row = one_port(switch, port, job)
            if on_port is not None:
                on_port(row)

    threads = [threading.Thread(target=bus, args=(q,), daemon=True) for q in lanes.values()]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return Result(host=task.host, result=[rows[p.key] for p in ports])


def one_port(switch: Switch, port: FleetPort, job: Job) -> dict[str, Any]:
    row: dict[str, Any] = {"switch": port.switch, "port": port.name, "target": port.target}
    try:
        return {**row, "ok": True, "error": None, **job(switch, port)}
    except PortFailed as err:
        return {**row, "ok": False, "error": str(err), "firmware": err.firmware}
    except Exception as err:  # any failure is this port's row, never the rollout's crash
        return {**row, "ok": False, "error": error_text(err)}
