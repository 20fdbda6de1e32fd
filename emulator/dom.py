"""DOM telemetry: monitor values computed from state, time and seeded noise when a host looks.

Nothing ticks. Monitors belong to a *sample*: time is cut into ``[monitors] sample_period_s``
slices, and a slice's values are a pure function of (seed, slice, module state), written into
memory the first time a host read covers them (``observe``). Reads inside one slice cost a
comparison; reads of unrelated bytes cost nothing. A lane changing state or a fault toggling
re-samples at once, so Tx power is never seen nonzero on a lane whose output is off.
"""

from __future__ import annotations

import struct
from typing import TYPE_CHECKING, Any, Protocol

from cmis.codec.fields import Celsius
from emulator import addresses as a
from emulator.dommodel import DomModel
from emulator.flags import Flags
from emulator.ports import Core
from emulator.profile import LANES_PER_BANK
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


_M64 = (1 << 64) - 1
_GOLDEN = 0x9E3779B97F4A7C15
_LANES = struct.Struct(f">{LANES_PER_BANK}H")
_S16, _U16 = (-0x8000, 0x7FFF), (0, 0xFFFF)
_DEGC = Celsius.step  # temperature monitors are S16 in 1/256 degC
_MONITOR_BYTE = {
    "OpticalPowerTx": a.TX_POWER,
    "LaserBiasTx": a.TX_BIAS,
    "OpticalPowerRx": a.RX_POWER,
}


def noise(seed: int, sample: int, stream: int) -> tuple[float, float, float]:
    """Three uniforms in [-1, 1) for one (seed, sample, stream): splitmix64, 21 bits each."""
    z = (seed * _GOLDEN + sample * 0xD1B54A32D192ED03 + stream * 0x8CB92BA72F3D8DD7) & _M64
    z = (z ^ z >> 30) * 0xBF58476D1CE4E5B9 & _M64
    z = (z ^ z >> 27) * 0x94D049BB133111EB & _M64
    z ^= z >> 31
    scale = 1 / (1 << 20)
    bits = 0x1FFFFF
    return (z & bits) * scale - 1, (z >> 21 & bits) * scale - 1, (z >> 42 & bits) * scale - 1


def clamp(value: float, bounds: tuple[int, int]) -> int:
    return min(max(round(value), bounds[0]), bounds[1])


class Dom:
    """The module's monitors: sampled lazily into lower memory and page 11h of each bank."""

    def __init__(self, module: DomPort, model: DomModel) -> None:
        self.module = module
        self.model = model
        self.flags = Flags(module, model)
        banks = module.profile.banks
        self.tx_on, self.live = [0] * banks, [0] * banks  # lanes meant to transmit / powered
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
        faults = self.module.faults
        lit = self.tx_on[bank] & ~faults.bank_lanes("tx_fault", bank)  # a failed laser is dark
        light_in = self.live[bank] & ~faults.bank_lanes("rx_los", bank)
        groups = self._lane_values(bank, k, lit, light_in)
        p11 = self.module.memory.page(bank, 0x11)
        for group, values in groups.items():
            _LANES.pack_into(p11, _MONITOR_BYTE[group] - 128, *values)
        self.flags.lane_conditions(bank, groups, self.tx_on[bank], self.live[bank])
        self.bank_sample[bank] = k

    def _lane_values(self, bank: int, k: int, lit: int, light_in: int) -> dict[str, list[int]]:
        """Raw Tx power, Tx bias (lit lanes) and Rx power (lanes with light in), by 02h group."""
        m, first = self.model, bank * LANES_PER_BANK
        rx_in = self.module.light.rx_raw or m.rx_power  # from a peer, else a perfect peer's
        power, bias, rx = [0] * LANES_PER_BANK, [0] * LANES_PER_BANK, [0] * LANES_PER_BANK
        for lane in range(LANES_PER_BANK):
            if (lit | light_in) >> lane & 1:
                u, i = noise(self.module.seed, k, 1 + first + lane), first + lane
                if lit >> lane & 1:
                    power[lane] = clamp(m.tx_power[i] * (1 + u[0] * m.noise_lane[0]), _U16)
                    bias[lane] = clamp(m.tx_bias[i] * (1 + u[1] * m.noise_lane[1]), _U16)
                if light_in >> lane & 1:
                    rx[lane] = clamp(rx_in[i] * (1 + u[2] * m.noise_lane[2]), _U16)
        return {"OpticalPowerTx": power, "LaserBiasTx": bias, "OpticalPowerRx": rx}

    def save(self) -> dict[str, Any]:
        return {"tx_on": list(self.tx_on), "live": list(self.live), "flags": self.flags.save(),
                "samples": (self.sample, list(self.bank_sample))}  # fmt: skip

    def load(self, saved: dict[str, Any]) -> None:
        self.tx_on, self.live = list(saved["tx_on"]), list(saved["live"])
        self.flags.load(saved["flags"])
        # memory came back with the samples it showed: keep them, or a re-sample of a curve
        # that moved within the slice would read differently from the original
        self.sample, self.bank_sample = saved["samples"][0], list(saved["samples"][1])
