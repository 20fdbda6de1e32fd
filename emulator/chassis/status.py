"""``chassis.status()``: one plain dict per port, what a dashboard or a JSON client shows."""

from __future__ import annotations

from typing import Any

from cmis.codec.sff8024 import media_interface_name
from emulator.chassis.port import Port
from emulator.module import EmulatedModule
from emulator.profile import LANES_PER_BANK, lanes_of


def port_status(port: Port) -> dict[str, Any]:
    """present, module state, configured application(s), lanes with Rx LOS now, IntL, LPMode."""
    with port.lock:
        module = port.module
        present = module is not None and module.present
        return {
            "port": port.name,
            "present": present,
            "module_state": module.state.name if present and module else None,
            "application": application(module) if present and module else None,
            "lanes_los": rx_los_lanes(module) if present and module else [],
            "intl": port.intl,
            "lpmode": port.lpmode,
        }


def application(module: EmulatedModule) -> str:
    """The media interfaces of the module's data paths, e.g. "400GBASE-DR4 x2"; "" if none."""
    media_type = module.profile.data["identity"]["media_type"]
    names: dict[str, int] = {}
    for paths in module.datapaths.paths.values():
        for dp in paths:
            app = module.profile.app(dp.appsel)
            if app is not None:
                name = media_interface_name(media_type, app.media).split(" (")[0]
                names[name] = names.get(name, 0) + 1
    return ", ".join(name if n == 1 else f"{name} x{n}" for name, n in names.items())


def rx_los_lanes(module: EmulatedModule) -> list[int]:
    """Module lanes (1..N) whose media input has no light now (the live condition, not a flag)."""
    faults = module.faults
    return [
        bank * LANES_PER_BANK + lane + 1
        for bank in range(module.profile.banks)
        for lane in lanes_of(faults.bank_lanes("rx_los", bank))
    ]
