"""One port of a chassis summed up: presence, state, applications, worst monitor level, Rx LOS.

``cmis --chassis DIR status`` and ``cmis-tui --chassis DIR`` both show these rows. Everything
comes from one poll (lower memory, pages 10h/11h; static pages cached), so a grid refreshing
64 ports every second costs three reads a port.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from cmis.codec.codes import describe
from cmis.host import registers as r
from cmis.host.advertised import application
from cmis.host.lanes import group_data_paths
from cmis.host.memory import ModuleMemory
from cmis.host.pins import Pins, pin_levels
from cmis.host.snapshot import poll


def port_status(memory: ModuleMemory, pins: Pins | None = None) -> dict[str, Any]:
    """What a row shows: presence, state, applications, the worst monitor level, LOS lanes."""
    levels = pin_levels(pins)
    if levels is not None and levels["present"] is False:
        return empty_cage(levels)
    snap = poll(memory)
    paths = [
        path
        for bank, p11 in enumerate(snap.page11)
        for path in group_data_paths(bank, p11[r.ACS_DPCONFIG - 128 : r.ACS_DPCONFIG - 120])
    ]
    # from the page 11h bytes whose Rx power the worst level judges, never another read's flags
    los = [
        bank * r.LANES_PER_BANK + lane
        for bank, p11 in enumerate(snap.page11)
        for lane in r.lanes_in(p11[r.RX_LOS_FLAG - 128])
    ]
    return {
        "present": True,
        "module_state": describe(snap.module_state),
        "data_paths": [{**p.to_dict(), "application": _app_name(memory, p.appsel)} for p in paths],
        "worst_alarm": snap.worst_alarm,
        "lanes_los": los,
        "pins": levels,
    }


def empty_cage(pins: dict[str, bool | None]) -> dict[str, Any]:
    """What any command says of a cage whose presence pin is off: its eeprom would only ENXIO."""
    return {"present": False, "pins": pins}


def on_port(eeprom: Path, job: Any) -> Any:
    """Open the optoe port ``eeprom`` and run ``job(module)``, unless its cage is empty."""
    from cmis.host.targets import open_optoe

    module = open_optoe(str(eeprom))
    levels = pin_levels(module.pins)
    return empty_cage(levels) if levels is not None and levels["present"] is False else job(module)


def _app_name(memory: ModuleMemory, appsel: int) -> str | None:
    app = application(memory, appsel)
    return None if app is None else str(app.to_dict()["media_interface"])
