"""After Run: how long the module may take to come back, and the wait for it."""

from __future__ import annotations

from cmis.clock import Clock
from cmis.codec.codes import MaxDuration, ModuleState
from cmis.errors import TransportError
from cmis.firmware.outcome import FirmwareError
from cmis.transport.base import Transport

READY_STATES = (ModuleState.ModuleLowPwr, ModuleState.ModuleReady)
RESET_MARGIN = 5.0  # s on top of the advertised ModulePwrUp time for reset + MgmtInit


def ready_bound(transport: Transport) -> float:
    """Seconds the module may take to reset: advertised MaxDurationModulePwrUp plus margin."""
    code = transport.read(0x01, 167, 1)[0] & 0x0F
    return RESET_MARGIN + (MaxDuration(code).seconds if code < len(MaxDuration) else 0.0)


def wait_ready(transport: Transport, clock: Clock, bound: float) -> None:
    """Poll 00h:3 (NACKs allowed) until ModuleLowPwr or ModuleReady, within ``bound`` s."""
    deadline, step = clock.now() + bound, 0.001
    while clock.now() < deadline:
        try:
            if (transport.read(0, 3, 1)[0] >> 1 & 7) in READY_STATES:
                return
        except TransportError:
            pass
        clock.sleep(step)
        step = min(step * 2, 0.1)
    raise FirmwareError(f"module not back in ModuleLowPwr/ModuleReady {bound:.1f} s after Run")
