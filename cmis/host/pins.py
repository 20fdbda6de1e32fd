"""The cage's hardware signals as a host sees them: LPMode and ResetL out, IntL and presence in.

``Module.pins`` is one of these (or None when the target has no pins: a bare I2C bus, a file).
An emulated module gives its own signals; an optoe target the PDDF pin files beside its
``eeprom``. A pin the platform does not expose reads None; driving it raises TransportError.
"""

from __future__ import annotations

from typing import Protocol

from cmis.codec.codes import ModuleState
from cmis.host import registers as r
from cmis.host.advertised import durations
from cmis.host.control import reset_limit, wait_state, wait_steady
from cmis.host.memory import ModuleMemory

PIN_NAMES = ("present", "intl", "lpmode", "reset")
RESET_HOLD = 0.01  # s: ResetL must stay low >= 10 us (CMIS t_reset_init); hosts hold ~10 ms


class Pins(Protocol):
    """Signals in host terms: True = asserted (low power requested, held in reset, interrupt)."""

    @property
    def present(self) -> bool | None: ...

    @property
    def intl(self) -> bool | None: ...

    @property
    def lpmode(self) -> bool | None: ...

    @lpmode.setter
    def lpmode(self, asserted: bool) -> None: ...

    @property
    def reset(self) -> bool | None: ...

    @reset.setter
    def reset(self, asserted: bool) -> None: ...


def pin_levels(pins: Pins | None) -> dict[str, bool | None] | None:
    """What ``cmis info``/``state`` show: each pin's level, None where the platform has none."""
    if pins is None:
        return None
    return {name: getattr(pins, name) for name in PIN_NAMES}


def power_by_pin(module: ModuleMemory, pins: Pins, mode: str) -> ModuleState | int:
    """Hand power to the LPMode pin (LowPwrAllowRequestHW=1, LowPwrRequestSW=0), drive it for
    ``mode`` and wait for ModuleLowPwr / ModuleReady within the advertised durations."""
    d = durations(module)
    module.update_bits(0, r.CONTROLS, r.LOW_PWR_ALLOW_HW, r.LOW_PWR_SW)
    pins.lpmode = mode == "low"
    if mode == "low":
        limit = d.tx_turn_off + d.dp_deinit + d.module_pwr_dn
        return wait_state(module, ModuleState.ModuleLowPwr, module.timeout(limit))
    return wait_state(module, ModuleState.ModuleReady, module.timeout(d.module_pwr_up))


def pulse_reset(module: ModuleMemory, pins: Pins, *, wait: bool = True) -> ModuleState | int | None:
    """Assert ResetL for ``RESET_HOLD``, release it, then (with ``wait``) wait for a steady
    state as after a software reset."""
    limit = reset_limit(module)
    pins.reset = True
    try:
        module.clock.sleep(RESET_HOLD)
    finally:
        pins.reset = False
    module.forget_cache()
    return wait_steady(module, limit) if wait else None
