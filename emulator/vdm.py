"""VDM at run time: values, statistics, latched flags and the freeze handshake of pages 24h-2Fh.

Like the DOM nothing ticks: a read of a VDM page samples the current slice (the DOM's period,
seeded noise and Rx/Tx readings) and folds the slices since the last read into the statistics
(at most ``MAX_FOLD``, spread over a longer gap). A freeze holds only the statistics (1.6).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Protocol

from cmis.codec.fields import MilliWatts
from cmis.codec.units import mw_to_dbm
from cmis.codec.vdm import encode_value
from emulator.dom import noise
from emulator.linkmodel import SEED_STREAM, LinkModel
from emulator.ports import Core
from emulator.profile import LANES_PER_BANK
from emulator.rules import Mod
from emulator.vdmmodel import KINDS, STATS, VdmModel, flag_nibble, instance, vdm_model
from emulator.vdmstats import Stats

if TYPE_CHECKING:
    from emulator.dom import Dom
    from emulator.faults import Faults
    from emulator.light import LightIn
    from emulator.thermal import Thermal

MAX_FOLD, FREEZE = 16, 0x80
CONTROL, STATUS = 144 - 128, 145 - 128  # page 2Fh bytes
_BASIC = {4: 0, 5: 1, 7: 2, 15: 3, 23: 4, 143: 5, 144: 6}  # type -> index in a lane sample


class VdmPort(Core, Protocol):
    seed: int
    faults: Faults
    thermal: Thermal
    dom: Dom
    light: LightIn


class Vdm:
    """The module's VDM (inert when the profile has no ``[vdm]``)."""

    def __init__(self, module: VdmPort) -> None:
        self.module = module
        self.model: VdmModel | None = vdm_model(module.profile)
        self.link = None if self.model is None else LinkModel(module, self.model)  # with PRBS
        self.reset()

    def reset(self) -> None:
        """Power-on: live statistics, no freeze yet, empty accumulators (MgmtInit)."""
        banks = self.module.profile.banks
        self.stats = Stats(banks)
        self.folded = [-1] * banks  # the last sample slice counted, per bank
        self.written: list[object] = [None] * banks  # what the value pages were computed from

    def observe(self, bank: int) -> None:
        """A host is about to read a VDM page of ``bank``: values, flags and 2Fh status now."""
        if self.model is None or bank >= len(self.folded):
            return
        m = self.module
        k = int(m.now / m.dom.model.period)
        last = self.folded[bank]
        if last < k:
            gap = k - last if last >= 0 else 1  # (power-on: the current slice starts it)
            live, step = m.dom.live[bank], max(gap / MAX_FOLD, 1.0)
            for i in range(min(gap, MAX_FOLD)):  # evenly spread over the gap, ending at k
                sample = self._sample(bank, k - int(i * step))
                self.stats.fold(
                    bank, live, [(s[3], s[4]) for s in sample], gap / min(gap, MAX_FOLD)
                )
            self.folded[bank] = k
        key = (k, m.dom.tx_on[bank], m.dom.live[bank], m.light.rx_raw, m.mod, self.stats.frozen,
               tuple(m.faults.state.lanes.values()), m.faults.state.snr_degrade_db)  # fmt: skip
        if key != self.written[bank]:  # something a value depends on moved
            self.written[bank] = key
            self._write(bank, self._sample(bank, k))
        bit = self.stats.due(m.now)
        for b in range(len(self.folded)) if bit else ():
            m.memory.page(b, 0x2F)[STATUS] |= bit

    def _sample(self, bank: int, k: int) -> list[list[float]]:
        """Basic observables per lane: laser degC, eSNR, LTP, BER, FERC, Tx dBm, Rx dBm."""
        m, model, dom = self.module, self.model, self.module.dom
        assert model is not None
        raw = dom.lane_values(bank, k)
        laser = (
            dom.model.laser_c if m.mod == Mod.ModuleReady else m.thermal.at(k * dom.model.period)
        )
        out = []
        for lane in range(LANES_PER_BANK):
            index = bank * LANES_PER_BANK + lane
            u = noise(m.seed, k, SEED_STREAM + index)
            rx_mw = raw["OpticalPowerRx"][lane] * MilliWatts.step
            snr = self.link.snr(index, k, rx_mw)  # type: ignore[union-attr]
            ber, frames = model.errors(snr, dom.model.period)
            ferc = int(frames + (u[1] + 1) / 2)  # dithered to whole frames
            tx_mw = raw["OpticalPowerTx"][lane] * MilliWatts.step
            laser_c = laser + u[2] * dom.model.noise_laser_c
            out.append([laser_c, snr, snr + model.ltp_offset_db if snr else 0.0, ber, float(ferc),
                        mw_to_dbm(tx_mw), mw_to_dbm(rx_mw)])  # fmt: skip
        return out

    def _write(self, bank: int, sample: list[list[float]]) -> None:
        """Value words of every instance, and the flag conditions they raise, latched."""
        assert self.model is not None
        stats = self.stats.registers(bank)
        mem, dom = self.module.memory, self.module.dom
        flags = mem.page(bank, 0x2C)
        raised = False
        for lane in range(LANES_PER_BANK):
            for k, (type_id, threshold_set) in enumerate(KINDS):
                key = lane << 8 | type_id
                value = stats[key] if type_id in STATS else sample[lane][_BASIC[type_id]]
                word = encode_value(type_id, min(max(value, -1e12), 1e12))  # -inf dBm: dark
                group, slot = instance(lane, k)
                mem.page(bank, 0x24 + group)[2 * slot : 2 * slot + 2] = word.to_bytes(2)
                watched = dom.tx_on[bank] if type_id == 143 else dom.live[bank]  # as the DOM does
                if watched >> lane & 1:
                    nibble = flag_nibble(type_id, word, self.model.thresholds[threshold_set])
                    byte = 32 * group + slot // 2
                    bits = nibble << (4 if slot % 2 else 0)
                    if bits & ~flags[byte]:
                        flags[byte] |= bits
                        raised = True
        if raised:
            self.module.refresh_interrupt()

    def latch(self) -> None:
        """A host read cleared VDM flags: conditions that still hold set theirs again."""
        for bank in range(len(self.folded) if self.model is not None else 0):
            if self.folded[bank] >= 0:
                self._write(bank, self._sample(bank, self.folded[bank]))

    def control(self, byte: int) -> None:
        """2Fh:144 was written (any bank): the freeze handshake, mirrored into every bank."""
        if self.model is None:
            return
        freeze = bool(byte & FREEZE)
        if freeze == (self.stats.frozen is not None):
            return
        banks = range(len(self.folded))
        for bank in banks:
            self.observe(bank)  # statistics up to this instant
        bit = self.stats.freeze(freeze, self.module.now + self.model.freeze_ms / 1000)
        for bank in banks:
            page = self.module.memory.page(bank, 0x2F)
            page[CONTROL] = byte & 0xFC
            page[STATUS] &= ~bit & 0xFF  # cleared during the WRITE, set when done

    def save(self) -> dict[str, Any]:
        return {"stats": self.stats.save(), "folded": list(self.folded)}

    def load(self, saved: dict[str, Any]) -> None:
        self.stats.load(saved["stats"])
        self.folded, self.written = list(saved["folded"]), [None] * len(self.folded)
