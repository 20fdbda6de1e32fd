"""Snapshot and restore of a whole EmulatedModule: memory, state machines, pins, timers."""

from __future__ import annotations

import copy
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    from emulator.cdb import Cdb
    from emulator.controlsets import ControlSets
    from emulator.datapath import DataPaths
    from emulator.dom import Dom
    from emulator.faults import Faults
    from emulator.machine import ModuleMachine
    from emulator.memory import Memory
    from emulator.thermal import Thermal
    from emulator.timers import EventQueue
    from emulator.vdm import Vdm


class Whole(Protocol):
    """Every part of a module that holds state (plus the pins and password, by name)."""

    memory: Memory
    machine: ModuleMachine
    datapaths: DataPaths
    controlsets: ControlSets
    faults: Faults
    thermal: Thermal
    dom: Dom
    vdm: Vdm
    cdb: Cdb
    queue: EventQueue


_MACHINE = ("state", "token")
_CDB = ("firmware", "tokens", "requests", "run_token", "busy_scale", "fail_next")
_MODULE = ("lpmode_pin", "reset_pin_level", "software_reset", "_present", "_intl", "password",
           "unlocked", "_password_buf", "duration_scale", "rng", "seed")  # fmt: skip


@dataclass(frozen=True)
class Snapshot:
    """The whole module state at one instant; timers are kept relative to that instant."""

    data: dict[str, Any]
    timers: list[Any]


def take_snapshot(m: Whole, now: float) -> Snapshot:
    cs = m.controlsets
    data = {
        "memory": m.memory.save(),
        "machine": {name: getattr(m.machine, name) for name in _MACHINE},
        "datapaths": (m.datapaths.paths, m.datapaths.flag_lanes),
        "controlsets": (cs.jobs, cs.in_progress, cs.next_job),
        "module": {name: getattr(m, name) for name in _MODULE},
        "faults": m.faults.save(),
        "thermal": m.thermal.save(now),
        "dom": m.dom.save(),
        "vdm": m.vdm.save(),
        "cdb": {name: getattr(m.cdb, name) for name in _CDB},
    }
    return Snapshot(copy.deepcopy(data), m.queue.relative(now))


def restore_snapshot(m: Whole, snap: Snapshot, now: float) -> None:
    data = copy.deepcopy(snap.data)
    m.memory.load(data["memory"])
    for name, value in data["machine"].items():
        setattr(m.machine, name, value)
    m.datapaths.paths, m.datapaths.flag_lanes = data["datapaths"]
    m.datapaths.touch()
    cs = m.controlsets
    cs.jobs, cs.in_progress, cs.next_job = data["controlsets"]
    for name, value in data["module"].items():
        setattr(m, name, value)
    for name, value in data["cdb"].items():
        setattr(m.cdb, name, value)
    m.faults.load(data["faults"])
    m.thermal.load(data["thermal"], now)
    m.dom.load(data["dom"])
    m.vdm.load(data["vdm"])
    m.queue.load(snap.timers, now)
