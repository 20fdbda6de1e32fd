"""DOM telemetry: monitor values computed from state, time and seeded noise when a host looks.

Nothing ticks. Monitors belong to a *sample*: time is cut into ``[monitors] sample_period_s``
slices, and a slice's values are a pure function of (seed, slice, module state), written into
memory the first time a host read covers them (``observe``). Reads inside one slice cost a
comparison; reads of unrelated bytes cost nothing. A lane changing state or a fault toggling
re-samples at once, so Tx power is never seen nonzero on a lane whose output is off.
"""

from __future__ import annotations

import struct
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, Protocol

from cmis.codec.fields import Celsius
from emulator import addresses as a
from emulator.domlanes import GROUPS, LaneMonitors, clamp, dim, noise
from emulator.dommodel import DomModel
from emulator.flags import Flags
from emulator.ports import Core
from emulator.rules import Mod

if TYPE_CHECKING:
    from emulator.faults import Faults
    from emulator.light import LightIn
    from emulator.thermal import Thermal


class DomPort(Core, Protocol):
    seed: int
    faults: Faults
    thermal: Thermal
    light: LightIn


_S16, _U16 = (-0x8000, 0x7FFF), (0, 0xFFFF)
_DEGC = Celsius.step  # temperature monitors are S16 in 1/256 degC
Lanes3 = tuple[int, int, int]  # a lane bitmap per group: Tx power, Tx bias, Rx power


class Dom:
    """The module's monitors: sampled lazily into lower memory and page 11h of each bank."""

    def __init__(self, module: DomPort, model: DomModel) -> None:
        self.module = module
        self.model = model
        self.flags = Flags(module, model)
        banks = module.profile.banks
        self.tx_on, self.live = [0] * banks, [0] * banks  # lanes meant to transmit / powered
        self.lane_monitors = LaneMonitors(model)
        self.invalidate()

    def invalidate(self) -> None:
        """Forget the samples in memory (MgmtInit reloaded it, or a snapshot was restored)."""
        self.sample, self.bank_sample = -1, [-1] * len(self.tx_on)

    def _slice(self) -> int:
        return int(self.module.now / self.model.period)

    def observe(self, bank: int | None = None) -> None:
        """A host is about to read DOM bytes of lower memory (``bank`` None) or of page 11h."""
        k = self._slice()
        if bank is None:
            if k != self.sample:
                self._sample_module(k)
        elif bank < len(self.bank_sample) and k != self.bank_sample[bank]:
            self._sample_bank(bank, k)  # (a bank the module lacks reads zeros: nothing to do)
        self._latch()

    def lanes(self, bank: int, tx_on: int, live: int) -> None:
        """The data paths of ``bank`` were reported: re-sample its lanes if their power changed."""
        if tx_on != self.tx_on[bank] or live != self.live[bank]:
            self.tx_on[bank], self.live[bank] = tx_on, live
            if not self._judge_bank(bank):
                self._sample_bank(bank, self._slice())
            self._latch()  # a lane that comes up with a condition (Rx LOS) flags it now, IntL too

    def resample(self, lanes: bool = True) -> None:
        """Monitors and conditions again, now (a fault or the case temperature moved), latched."""
        k = self._slice()
        self._sample_module(k)
        for bank in range(len(self.tx_on) if lanes else 0):
            self._sample_bank(bank, k)
        self._latch()

    def _latch(self) -> None:
        if self.flags.latch():
            self.module.refresh_interrupt()

    def _sample_module(self, k: int) -> None:
        m, lower = self.model, self.module.memory.lower
        u = noise(self.module.seed, k, 0)
        case = self.module.thermal.at(k * m.period)
        temp = clamp((case + u[0] * m.noise_temp_c) / _DEGC, _S16)
        vcc = clamp(m.vcc + u[1] * m.noise_vcc, _U16)
        struct.pack_into(">hH", lower, a.TEMP_MON, temp, vcc)
        readings = {"Temp": temp, "Vcc": vcc}
        if m.laser_monitor:
            laser = clamp((self._laser_c(case) + u[2] * m.noise_laser_c) / _DEGC, _S16)
            struct.pack_into(">h", lower, a.AUX_MON[m.laser_monitor], laser)
            readings[f"Aux{m.laser_monitor}"] = laser
        self.flags.module_conditions(readings)
        self.sample = k

    def _laser_c(self, case_c: float) -> float:
        """The TEC holds the lasers at their set point in ModuleReady; otherwise they float."""
        tec_on = self.module.mod == Mod.ModuleReady
        return self.model.laser_c if tec_on else case_c

    def _sample_bank(self, bank: int, k: int) -> None:
        m, (shown, judged, rx_in) = self.module, self._shown(bank)
        p11 = m.memory.page(bank, 0x11)
        values = self.lane_monitors.sample(bank, m.seed, k, rx_in, shown, p11)
        self.flags.lane_conditions(bank, self.lane_monitors.hits(values, judged), self.live[bank])
        self.bank_sample[bank] = k

    def _judge_bank(self, bank: int) -> bool:
        """Flag conditions of ``bank`` without drawing noise, if none can change them: its dark
        lanes read 0 now, its lit ones are drawn when read. False: a full sample is needed."""
        shown, judged, rx_in = self._shown(bank)
        hits = self.lane_monitors.judge(bank, rx_in, shown, judged)
        if hits is None:
            return False
        dim(self.module.memory.page(bank, 0x11), shown)
        self.flags.lane_conditions(bank, hits, self.live[bank])
        self.bank_sample[bank] = -1
        return True

    def lane_values(self, bank: int, k: int) -> dict[str, list[int]]:
        """Sample ``k`` of ``bank``'s lane monitors (raw units by page 02h group), as the DOM
        shows them, without writing page 11h: the readings VDM's DSP model follows."""
        shown, _judged, rx_in = self._shown(bank)
        values = self.lane_monitors.values(bank, self.module.seed, k, rx_in, shown)
        return dict(zip(GROUPS, values, strict=True))

    def _shown(self, bank: int) -> tuple[Lanes3, Lanes3, Sequence[float]]:
        """Lanes with a value (lit, lit, light in), lanes judged (tx_on, tx_on, live), light in."""
        faults, tx_on, live = self.module.faults, self.tx_on[bank], self.live[bank]
        lit = tx_on & ~faults.bank_lanes("tx_fault", bank)  # a failed laser is dark
        light_in = live & ~faults.bank_lanes("rx_los", bank)
        rx_in = self.module.light.rx_raw or self.model.rx_power  # from a peer, else a perfect one
        return (lit, lit, light_in), (tx_on, tx_on, live), rx_in

    def save(self) -> dict[str, Any]:
        return {"tx_on": list(self.tx_on), "live": list(self.live), "flags": self.flags.save(),
                "samples": (self.sample, list(self.bank_sample))}  # fmt: skip

    def load(self, saved: dict[str, Any]) -> None:
        self.tx_on, self.live = list(saved["tx_on"]), list(saved["live"])
        self.flags.load(saved["flags"])
        # memory came back with the samples it showed: keep them, or a re-sample of a curve
        # that moved within the slice would read differently from the original
        self.sample, self.bank_sample = saved["samples"][0], list(saved["samples"][1])
