"""Module: the host API over any Transport — pages, identity, state, DOM, controls, provisioning.

Every wait polls through the injected Clock, so against the emulator on a VirtualClock a whole
bring-up runs in milliseconds. The bytes layer (reads, writes, static-page cache, flag history)
is ``ModuleMemory`` (cmis/host/memory.py); the helpers in cmis/host take that layer, never this
facade, so nothing below imports it. Extension point: feature clients (CDB, firmware) attach as
attributes built from the Module (``module.cdb``) and use ``read``/``write``/``clock`` only.
"""

from __future__ import annotations

from typing import Any

from cmis.codec.applications import Application
from cmis.codec.codes import ModuleState
from cmis.codec.report import module_report
from cmis.errors import InputError
from cmis.host import advertised, control, named, provision, status, vdm
from cmis.host.dom import read_all_flags
from cmis.host.flags import FlagEvent
from cmis.host.lanes import DataPath
from cmis.host.memory import STATIC_PAGES, ModuleMemory
from cmis.host.pins import Pins, power_by_pin, pulse_reset
from cmis.host.snapshot import Snapshot, poll
from cmis.host.timing import Durations

__all__ = ["STATIC_PAGES", "Module"]


class Module(ModuleMemory):
    """One CMIS module behind ``transport``; ``name`` is how messages refer to it."""

    device: object = None  # the emulated/real device, when a target opened one
    pins: Pins | None = None  # the cage's LPMode/ResetL/IntL/presence, when a target has them

    def __repr__(self) -> str:
        return f"Module({self.name!r})"

    def read_field(self, name: str, bank: int = 0) -> named.FieldReading:
        """A field by name (``11h.DPStateHostLane``): just its bytes, decoded; see host/named.py."""
        return named.read_field(self, name, bank)

    def write_field(self, name: str, value: str, bank: int = 0, *, force: bool = False) -> bytes:
        """Store ``value`` (text: units, enum names, flags) in field ``name``; returns new bytes."""
        return named.write_field(self, name, value, bank, force=force)[1]

    # --- identity and advertising ------------------------------------------------------------

    def info(self) -> dict[str, Any]:
        """Everything ``cmis decode`` shows, read live (flags it clears land in ``flags``)."""
        return module_report(self)

    @property
    def paged(self) -> bool:
        return advertised.paged(self)

    def applications(self) -> list[Application]:
        return advertised.applications(self)

    def application(self, appsel: int) -> Application | None:
        return advertised.application(self, appsel)

    @property
    def banks(self) -> int:
        """Lane banks of eight lanes (page 01h byte 142 bits 1-0)."""
        return advertised.banks(self)

    @property
    def lane_count(self) -> int:
        """Host lanes are 1..lane_count: eight per bank (a flat module still has lanes 1-8)."""
        return advertised.lane_count(self)

    def supported_pages(self) -> list[str]:
        """Optional pages advertised in page 01h byte 142 (plus the required ones)."""
        return advertised.supported_pages(self)

    @property
    def durations(self) -> Durations:
        return advertised.durations(self)

    # --- state ------------------------------------------------------------------------------

    def module_state(self) -> ModuleState | int:
        return status.module_state(self)

    def poll(self) -> Snapshot:
        """One read of lower memory and pages 10h/11h per bank; ``.lanes``, ``.dom`` and
        ``.flags`` all come from it, so a screen showing several views clears flags once."""
        return poll(self)

    def lanes(self) -> list[status.LaneStatus]:
        return self.poll().lanes

    def data_paths(self, bank: int = 0) -> list[DataPath]:
        return status.data_paths(self, bank)

    def dom(self) -> dict[str, Any]:
        """Monitors and thresholds (host/dom.py) and the worst level that counts (host/worst.py)."""
        snap = self.poll()
        return {**snap.dom, "worst_alarm": snap.worst_alarm}

    def vdm(self) -> list[dict[str, Any]]:
        """VDM observables, one dict per instance (frozen, read, unfrozen; host/vdm.py)."""
        return vdm.read_vdm(self)

    def read_flags(self) -> list[FlagEvent]:
        """Read every latched flag byte (module and lane) in one pass; they are now cleared."""
        return read_all_flags(self, self.banks)

    # --- controls ---------------------------------------------------------------------------

    def set_power_mode(self, mode: str, *, use_pin: bool = False) -> ModuleState | int:
        """Software power request; ``use_pin`` only hands the decision to the LPMode pin."""
        return control.set_power_mode(self, mode, use_pin=use_pin)

    @property
    def has_lpmode_pin(self) -> bool:
        return self.pins is not None and self.pins.lpmode is not None

    def set_power_by_pin(self, mode: str) -> ModuleState | int:
        """Hand power to the LPMode pin and drive it ('low' asserts it); wait for the state."""
        if mode not in ("low", "high"):
            raise InputError(f"power mode {mode!r} is not 'low' or 'high'")
        if self.pins is None or not self.has_lpmode_pin:
            raise InputError(f"{self.name}: no LPMode pin (pins come with emu: and optoe: targets)")
        return power_by_pin(self, self.pins, mode)

    def reset(self, *, wait: bool = True, pin: bool = False) -> ModuleState | int | None:
        """Software reset, or with ``pin`` a pulse on ResetL (InputError when there is none)."""
        if not pin:
            return control.reset(self, wait=wait)
        if self.pins is None or self.pins.reset is None:
            raise InputError(f"{self.name}: no ResetL pin (pins come with emu: and optoe: targets)")
        return pulse_reset(self, self.pins, wait=wait)

    def set_tx_output(self, lanes: list[int], enabled: bool, *, media: bool = False) -> int:
        return control.set_tx_output(self, lanes, enabled, media=media)

    def set_rx_output(self, lanes: list[int], enabled: bool) -> int:
        return control.set_rx_output(self, lanes, enabled)

    def set_dp_deinit(self, lanes: list[int], deinit: bool = True) -> int:
        return control.set_dp_deinit(self, lanes, deinit)

    def apply_application(
        self, appsel: int, lanes: list[int] | None = None, **options: Any
    ) -> list[DataPath]:
        """Provision ``appsel`` on ``lanes`` (all it can cover if None); see host/provision.py."""
        return provision.apply_application(self, appsel, lanes, **options)
