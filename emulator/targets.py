"""The ``emu:`` target scheme: a freshly inserted emulated module, powered up on a VirtualClock."""

from __future__ import annotations

from cmis.clock import Clock, VirtualClock
from cmis.errors import TargetError, cut
from cmis.host.module import Module
from cmis.transport.twi import TwiTransport
from emulator.module import EmulatedModule
from emulator.profile import list_profiles

BRING_UP = 60.0  # virtual seconds: past MgmtInit, ModulePwrUp and the default data paths' DPInit


def open_emulated(profile: str, *, clock: Clock | None = None, lpmode: bool = False) -> Module:
    """A module as a host sees it after insertion with LPMode released (``lpmode=False``).

    Without a clock it runs on its own VirtualClock, advanced ``BRING_UP`` virtual seconds so
    the module is ModuleReady with its default application active; waits cost no real time.
    """
    if profile not in list_profiles():
        raise TargetError(
            f"emu:{cut(profile)}: no such emulator profile "
            f"(available: {', '.join(list_profiles())})"
        )
    own = clock is None
    clock = clock if clock is not None else VirtualClock()
    device = EmulatedModule(profile, clock, lpmode=lpmode)
    if own and isinstance(clock, VirtualClock):
        clock.advance(BRING_UP)
        device.update()
    module = Module(TwiTransport(device, clock=clock), clock=clock, name=f"emu:{profile}")
    module.device, module.pins = device, EmulatedPins(device)
    return module


class EmulatedPins:
    """An emulated module's signals under the host's ``cmis.host.pins.Pins`` names."""

    def __init__(self, device: EmulatedModule) -> None:
        self.device = device

    @property
    def present(self) -> bool:
        return self.device.present

    @property
    def intl(self) -> bool:
        return self.device.intl

    @property
    def lpmode(self) -> bool:
        return self.device.lpmode

    @lpmode.setter
    def lpmode(self, asserted: bool) -> None:
        self.device.lpmode = asserted

    @property
    def reset(self) -> bool:
        return self.device.reset_pin

    @reset.setter
    def reset(self, asserted: bool) -> None:
        self.device.reset_pin = asserted
