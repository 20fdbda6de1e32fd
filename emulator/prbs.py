"""PRBS generators and checkers (pages 13h/14h): error counts integrated lazily on module time.

A checker lane counts from when it is enabled. Between two looks (a read of 14h, a control
write, a change of the light) its input is constant; bits and errors grow by rate x time and
rate x time x BER (expected values: reproducible), BER from the lane's link model (the one VDM
reports, emulator/linkmodel.py). Input: the light a chassis delivers (media side) or a loopback
of the module's own generator; a standalone module has no peer: its checkers never lock.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Protocol

from cmis.codec.diag import GATE_SECONDS, SIDES
from cmis.codec.fields import unpack_lanes
from emulator import loopback
from emulator.diagconfig import SELECTORS, diag_settings
from emulator.light import Light, signals
from emulator.linkmodel import WithVdm
from emulator.ports import Core
from emulator.prbsmodel import Count, link_ber
from emulator.profile import LANES_PER_BANK
from emulator.rules import RX_OUTPUT_STATES

if TYPE_CHECKING:
    from emulator.light import LightIn

P13, P14 = 0x13, 0x14
_ENABLE = {("host", "gen"): 144, ("media", "gen"): 152, ("host", "chk"): 160, ("media", "chk"): 168}


class DiagPort(Core, WithVdm, Protocol):
    light: LightIn


class Diagnostics:
    """The module's pattern units and loopbacks; inert when the profile has no 13h/14h."""

    def __init__(self, module: DiagPort) -> None:
        self.m = module
        self.settings = diag_settings(module.profile.data)
        self.reset()

    def reset(self) -> None:
        """Counts dropped; loopbacks as page 13h now holds them (defaults, or a snapshot's)."""
        banks, memory = self.m.profile.banks, self.m.memory
        self.counts: dict[tuple[str, int], Count] = {}  # (side, module lane 0-based)
        self.loop = [0] * 4 * banks  # 13h:180-183 per bank, as kept
        if self.settings is not None:
            self.loop = [b for bank in range(banks) for b in memory.page(bank, P13)[52:56]]
        self.reset_bit = [False] * banks

    # --- host writes -------------------------------------------------------------------------

    def on_write(self, bank: int) -> None:
        """The host wrote page 13h or 14h of ``bank``: act on what changed."""
        if self.settings is None:
            return
        self.advance()
        p13, p14 = self.m.memory.page(bank, P13), self.m.memory.page(bank, P14)
        if p14[0] not in SELECTORS:
            p14[0] = 0  # an unsupported selector reads back 0
        written = list(p13[180 - 128 : 184 - 128])
        kept = loopback.accepted(self.settings, self.loop[4 * bank : 4 * bank + 4], written)
        p13[180 - 128 : 184 - 128] = bytes(kept)
        self.loop[4 * bank : 4 * bank + 4] = kept
        for side in SIDES:
            self._checkers(bank, side, p13)
        self._reset_toggle(bank, bool(p13[177 - 128] & 0x20))

    def _checkers(self, bank: int, side: str, p13: bytearray) -> None:
        first = _ENABLE[side, "chk"] - 128
        enable, patterns = p13[first], unpack_lanes(bytes(p13[first + 4 : first + 8]), 4)
        gate = GATE_SECONDS.get(p13[177 - 128] >> 1 & 7, math.inf)
        for i in range(LANES_PER_BANK):
            key, on = (side, bank * LANES_PER_BANK + i), bool(enable >> i & 1)
            count = self.counts.get(key)
            if on and (count is None or count.stopped):
                self.counts[key] = Count(patterns[i], self.m.now, self.m.now + gate)
            elif on and count is not None:
                count.pattern = patterns[i]
            elif count is not None:
                count.stopped = True

    def _reset_toggle(self, bank: int, bit: bool) -> None:
        """13h:177.5: 0->1 freezes the counts, 1->0 zeroes them and starts again."""
        if bit == self.reset_bit[bank]:
            return
        self.reset_bit[bank] = bit
        for (side, lane), count in list(self.counts.items()):
            if lane // LANES_PER_BANK == bank and not count.stopped:
                if bit:
                    count.frozen = True
                else:
                    gate = count.end - count.since
                    self.counts[side, lane] = Count(count.pattern, self.m.now, self.m.now + gate)

    # --- counting ----------------------------------------------------------------------------

    def advance(self) -> None:
        """Bring every running checker up to module time with the input it had until now."""
        now = self.m.now
        for key, count in self.counts.items():
            until = min(now, count.end)
            if count.frozen or count.stopped or until <= count.since:
                continue
            seconds, count.since = until - count.since, until
            ber = self._input_ber(key, count.pattern, (until - seconds, until))
            if ber is None:
                count.lost = count.lol = True
                continue
            bits = self._rate(key[1]) * seconds
            count.bits += bits
            count.errors += bits * ber

    def _input_ber(
        self, key: tuple[str, int], pattern: int, span: tuple[float, float]
    ) -> float | None:
        """BER of what reaches checker ``key`` if it carries ``pattern``; None = no lock."""
        side, lane = key
        kind = loopback.MEDIA_OUT if side == "media" else loopback.HOST_OUT
        if loopback.on(self.loop, kind, lane):  # the module's own generator, unimpaired
            return 0.0 if self.generated(side)[lane] == pattern else None
        seen = self.m.light.seen
        if side == "host" or seen is None or not seen[0].pattern:
            return None  # no host model, or no peer (a standalone module)
        light = seen[0]
        los = self.m.light.los_mw
        if light.pattern[lane] != pattern or light.power_mw[lane] < los:
            return None
        if self.m.vdm.link is not None:  # the DSP's own figure: PRBS and VDM agree
            return self.m.vdm.link.ber(lane, light.power_mw[lane], *span)
        return link_ber(light.power_mw[lane], los)

    def _rate(self, lane: int) -> float:
        """Bits per second of the lane: its application's lane rate (100 Gb/s when idle)."""
        own = signals(self.m, RX_OUTPUT_STATES)[lane]  # type: ignore[arg-type]
        return (own if isinstance(own, float) else 100.0) * 1e9

    def generated(self, side: str) -> list[object]:
        """Per module lane, the pattern ``side``'s generator sends (None where off)."""
        out: list[object] = [None] * self.m.profile.lanes
        if self.settings is None:
            return out
        for bank in range(self.m.profile.banks):
            p13 = self.m.memory.page(bank, P13)
            first = _ENABLE[side, "gen"] - 128
            patterns = unpack_lanes(bytes(p13[first + 4 : first + 8]), 4)
            for i in range(LANES_PER_BANK):
                if p13[first] >> i & 1:
                    out[bank * LANES_PER_BANK + i] = patterns[i]
        return out

    def shape(self, light: Light) -> Light:
        """The module's media output after its generator and loopbacks."""
        if self.settings is None:
            return light
        seen = self.m.light.seen
        return loopback.shape(light, self.loop, self.generated("media"), seen and seen[0])
