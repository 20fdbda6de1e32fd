"""VDM at run time: values, statistics, latched flags and the freeze handshake of pages 24h-2Fh.

Like the DOM nothing ticks: a host read of a VDM page samples the current slice (the DOM's
``sample_period_s`` and seeded noise; Rx and Tx power are the DOM's own readings) and folds the
slices since the last read into the interval statistics (at most ``MAX_FOLD`` of them one by
one; an older gap counts as copies of its first slice). FreezeRequest (2Fh:144.7) freezes the
statistics registers and restarts the accumulators; basic samples keep updating (spec 1.6).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Protocol

from cmis.codec.fields import MilliWatts
from cmis.codec.units import mw_to_dbm
from cmis.codec.vdm import decode_value, encode_value
from emulator.dom import noise
from emulator.ports import Core
from emulator.profile import LANES_PER_BANK
from emulator.rules import Mod
from emulator.vdmmodel import KINDS, STATS, VdmModel, instance, pam4_ber, uncorrectable, vdm_model

if TYPE_CHECKING:
    from emulator.dom import Dom
    from emulator.faults import Faults
    from emulator.thermal import Thermal

MAX_FOLD, FREEZE, DONE, UNFROZEN = 256, 0x80, 0x80, 0x40
CONTROL, STATUS = 144 - 128, 145 - 128  # page 2Fh bytes
_BASIC = {4: 0, 5: 1, 7: 2, 15: 3, 23: 4, 143: 5, 144: 6}  # type -> index in a lane sample
_SEED_STREAM = 1000  # noise streams 1000+lane: apart from the DOM's 0..lanes


class VdmPort(Core, Protocol):
    seed: int
    faults: Faults
    thermal: Thermal
    dom: Dom


class Vdm:
    """The module's VDM (inert when the profile has no ``[vdm]``)."""

    def __init__(self, module: VdmPort) -> None:
        self.module = module
        self.model: VdmModel | None = vdm_model(module.profile)
        self.reset()

    def reset(self) -> None:
        """Power-on: live statistics, no freeze yet, empty accumulators (MgmtInit)."""
        banks = self.module.profile.banks
        self.frozen: list[dict[int, float]] | None = None  # per bank: stat slot -> value
        self.acc: list[list[list[float]]] = [
            [_empty() for _ in range(2 * LANES_PER_BANK)] for _ in range(banks)
        ]
        self.folded, self.done_at = [-1] * banks, None  # done_at: (time, status bit)

    def observe(self, bank: int) -> None:
        """A host is about to read a VDM page of ``bank``: values, flags and 2Fh status now."""
        if self.model is None or bank >= len(self.folded):
            return
        k = int(self.module.now / self.module.dom.model.period)
        last = self.folded[bank]
        if last < k:
            first = max(last + 1, k - MAX_FOLD + 1)
            skipped = first - last - 1 if last >= 0 else 0  # a long gap: copies of its first
            for slice_ in range(first, k + 1):
                self._fold(bank, self._sample(bank, slice_), 1 + skipped * (slice_ == first))
            self.folded[bank] = k
        self._write(bank, self._sample(bank, k))
        if self.done_at is not None and self.module.now >= self.done_at[0]:
            for b in range(len(self.folded)):
                self.module.memory.page(b, 0x2F)[STATUS] |= self.done_at[1]
            self.done_at = None

    def _sample(self, bank: int, k: int) -> list[list[float]]:
        """Basic observables per lane: laser degC, eSNR, LTP, BER, FERC, Tx dBm, Rx dBm."""
        m, model, dom = self.module, self.model, self.module.dom
        assert model is not None
        lit = dom.tx_on[bank] & ~m.faults.bank_lanes("tx_fault", bank)
        light_in = dom.live[bank] & ~m.faults.bank_lanes("rx_los", bank)
        raw = dom._lane_values(bank, k, lit, light_in)
        laser = (
            dom.model.laser_c if m.mod == Mod.ModuleReady else m.thermal.at(k * dom.model.period)
        )
        degrade = m.faults.snr_degrade_db
        out = []
        for lane in range(LANES_PER_BANK):
            index = bank * LANES_PER_BANK + lane
            u = noise(m.seed, k, _SEED_STREAM + index)
            rx_mw = raw["OpticalPowerRx"][lane] * MilliWatts.step
            snr = model.snr_db(rx_mw, degrade.get(index + 1, 0.0))
            snr = max(snr + u[0] * model.noise_snr_db, 0.0) if snr else 0.0
            ber = pam4_ber(snr)
            ferc = int(uncorrectable(ber) * model.frames(dom.model.period) + (u[1] + 1) / 2)
            tx_mw = raw["OpticalPowerTx"][lane] * MilliWatts.step
            laser_c = laser + u[2] * dom.model.noise_laser_c
            out.append([laser_c, snr, snr + model.ltp_offset_db if snr else 0.0, ber, float(ferc),
                        mw_to_dbm(tx_mw), mw_to_dbm(rx_mw)])  # fmt: skip
        return out

    def _fold(self, bank: int, sample: list[list[float]], weight: int) -> None:
        live = self.module.dom.live[bank]
        for lane in range(LANES_PER_BANK):
            if live >> lane & 1:
                for acc, value in zip(
                    self.acc[bank][2 * lane : 2 * lane + 2], sample[lane][3:5], strict=True
                ):
                    acc[0], acc[1] = min(acc[0], value), max(acc[1], value)
                    acc[2], acc[3] = acc[2] + value * weight, acc[3] + weight

    def _stats(self, bank: int) -> dict[int, float]:
        """Statistics register values by (lane, type) key ``lane << 8 | type``."""
        out = {}
        for lane in range(LANES_PER_BANK):
            ber, ferc = self.acc[bank][2 * lane : 2 * lane + 2]
            for (lo, hi, avg), acc in (((9, 11, 13), ber), ((17, 19, 21), ferc)):
                n = acc[3]
                values = (acc[0], acc[1], acc[2] / n) if n else (0.0, 0.0, 0.0)
                out.update({lane << 8 | t: v for t, v in zip((lo, hi, avg), values, strict=True)})
            out[lane << 8 | 25] = ferc[2]
        return out

    def _write(self, bank: int, sample: list[list[float]]) -> None:
        """Value words of every instance, and the flag conditions they raise, latched."""
        assert self.model is not None
        stats = self.frozen[bank] if self.frozen is not None else self._stats(bank)
        mem, dom = self.module.memory, self.module.dom
        flags = mem.page(bank, 0x2C)
        raised = False
        for lane in range(LANES_PER_BANK):
            for k, (type_id, threshold_set) in enumerate(KINDS):
                value = (
                    stats[lane << 8 | type_id]
                    if type_id in STATS
                    else sample[lane][_BASIC[type_id]]
                )
                word = encode_value(type_id, min(max(value, -1e12), 1e12))  # -inf dBm: dark
                group, slot = instance(lane, k)
                mem.page(bank, 0x24 + group)[2 * slot : 2 * slot + 2] = word.to_bytes(2)
                watched = dom.tx_on[bank] if type_id == 143 else dom.live[bank]  # as the DOM does
                if watched >> lane & 1:
                    nibble = _levels(type_id, word, self.model.thresholds[threshold_set])
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
        mem, banks = self.module.memory, range(len(self.folded))
        if freeze == (self.frozen is not None):
            return
        for bank in banks:
            self.observe(bank)  # statistics up to this instant
        if freeze:
            self.frozen = [self._stats(bank) for bank in banks]
            self.acc = [[_empty() for _ in range(2 * LANES_PER_BANK)] for _ in banks]
        else:
            self.frozen = None
        bit = DONE if freeze else UNFROZEN
        for bank in banks:
            page = mem.page(bank, 0x2F)
            page[CONTROL] = byte & 0xFC
            page[STATUS] &= ~bit & 0xFF  # cleared during the WRITE, set when done
        self.done_at = (self.module.now + self.model.freeze_ms / 1000, bit)

    def save(self) -> dict[str, Any]:
        return {
            "frozen": self.frozen,
            "acc": self.acc,
            "folded": list(self.folded),
            "done_at": self.done_at,
        }

    def load(self, saved: dict[str, Any]) -> None:
        self.frozen, self.acc, self.folded, self.done_at = (
            saved["frozen"],
            saved["acc"],
            list(saved["folded"]),
            saved["done_at"],
        )


def _empty() -> list[float]:
    return [float("inf"), float("-inf"), 0.0, 0.0]  # min, max, weighted sum, weight


def _levels(type_id: int, word: int, th: tuple[int, int, int, int]) -> int:
    """Flag nibble (bit 0 high alarm, 1 low alarm, 2 high warning, 3 low warning): strictly past."""
    value = decode_value(type_id, word)
    ha, la, hw, lw = (decode_value(type_id, t) for t in th)
    return (value > ha) | (value < la) << 1 | (value > hw) << 2 | (value < lw) << 3
