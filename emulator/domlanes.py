"""Lane monitors of a bank: values drawn from seeded noise, and the threshold levels they pass.

A bank's lanes change state several times in an application switch, and each change must show
at once in the flags (IntL) and in the monitors of the lanes that went dark. A lit lane's value
is nominal * (1 + u * fraction) for a noise u in [-1, 1), monotonic in u: when both ends of
that range are past the same levels, the lane's flags are known without drawing its noise, and
its value waits until a host reads it (``Dom.observe``), the same value it would have had.
"""

from __future__ import annotations

import functools
import struct
from collections.abc import Sequence

from emulator import addresses as a
from emulator.dommodel import DomModel, Levels
from emulator.flags import Hits, levels, past
from emulator.profile import LANES_PER_BANK, lanes_of

GROUPS = ("OpticalPowerTx", "LaserBiasTx", "OpticalPowerRx")  # in noise-stream order (dom.noise)
_RX = 2  # the group lit by light in, judged on live lanes; the others by lit lasers on tx_on
_OFFSETS = (a.TX_POWER - 128, a.TX_BIAS - 128, a.RX_POWER - 128)  # in page 11h
_WORDS = struct.Struct(f">{LANES_PER_BANK}H")
_SIZE = _WORDS.size
# lane bitmap -> the bits of those lanes' words in a bank's monitor bytes read as one int
_LANE_WORDS = [
    sum(0xFFFF << (LANES_PER_BANK - 1 - lane) * 16 for lane in lanes_of(m)) for m in range(256)
]
_M64 = (1 << 64) - 1
_GOLDEN = 0x9E3779B97F4A7C15
_U16 = (0, 0xFFFF)


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


class LaneMonitors:
    """Draws and writes a bank's lane monitors, or judges their flags without drawing."""

    __slots__ = ("model", "dark", "rx_in", "sure")  # one per module: 10,000 in a fabric

    def __init__(self, model: DomModel) -> None:
        self.model = model
        self.dark = [_dark(model.thresholds[g]) for g in GROUPS]
        self.rx_in: Sequence[float] = model.rx_power
        self.sure = [self._certain(g, n) for g, n in enumerate(_nominal(model, model.rx_power))]

    def _certain(self, g: int, nominal: Sequence[float]) -> list[tuple[int, Hits]]:
        m = self.model
        return certain(tuple(nominal), m.noise_lane[g], m.thresholds[GROUPS[g]])

    def sample(
        self, bank: int, seed: int, k: int, rx_in: Sequence[float], shown: tuple[int, int, int],
        page: bytearray,
    ) -> list[list[int]]:  # fmt: skip
        """Write sample ``k`` of the ``shown`` lanes (lit, lit, light in) of each group into
        ``bank``'s page 11h, the other lanes 0; the values by group."""
        groups = self.values(bank, seed, k, rx_in, shown)
        for offset, values in zip(_OFFSETS, groups, strict=True):
            _WORDS.pack_into(page, offset, *values)
        return groups

    def values(
        self, bank: int, seed: int, k: int, rx_in: Sequence[float], shown: tuple[int, int, int]
    ) -> list[list[int]]:
        """Sample ``k`` of the ``shown`` lanes by group (raw units), written nowhere: what
        ``sample`` writes, for other monitors that follow the same readings (VDM)."""
        m, first = self.model, bank * LANES_PER_BANK
        nominal = _nominal(m, rx_in)
        groups = [[0] * LANES_PER_BANK for _ in GROUPS]
        for lane in lanes_of(shown[0] | shown[2]):
            u, i = noise(seed, k, 1 + first + lane), first + lane
            for g, values in enumerate(groups):
                if shown[g] >> lane & 1:
                    values[lane] = clamp(nominal[g][i] * (1 + u[g] * m.noise_lane[g]), _U16)
        return groups

    def hits(self, values: list[list[int]], judged: tuple[int, int, int]) -> dict[str, Hits]:
        """The ``judged`` lanes past each level, by group, from drawn values."""
        thresholds = self.model.thresholds
        return {
            group: past(values[g], judged[g], thresholds[group]) for g, group in enumerate(GROUPS)
        }

    def judge(
        self, bank: int, rx_in: Sequence[float], shown: tuple[int, int, int],
        judged: tuple[int, int, int],
    ) -> dict[str, Hits] | None:  # fmt: skip
        """The hits ``hits`` would find whatever the noise, or None if noise can change one."""
        if rx_in is not self.rx_in:  # light from a peer: its Rx power judged once per change
            self.rx_in, self.sure[_RX] = rx_in, self._certain(_RX, rx_in)
        out = {}
        for g, group in enumerate(GROUPS):
            mask = shown[g]
            sure, (h0, h1, h2, h3) = self.sure[g][bank]
            if mask & ~sure:
                return None
            (d0, d1, d2, d3), unlit, lanes = self.dark[g], ~mask, judged[g]
            out[group] = (
                (h0 & mask | d0 & unlit) & lanes,
                (h1 & mask | d1 & unlit) & lanes,
                (h2 & mask | d2 & unlit) & lanes,
                (h3 & mask | d3 & unlit) & lanes,
            )
        return out


@functools.cache
def _dark(th: Levels) -> Hits:
    """A dark lane reads 0: the levels 0 is past, each as a lane bitmap of every lane."""
    return tuple(0xFF if hit else 0 for hit in levels(0, th))  # type: ignore[return-value]


def _nominal(m: DomModel, rx_in: Sequence[float]) -> tuple[Sequence[float], ...]:
    """Each group's nominal value per module lane: Rx power is the light that comes in."""
    return m.tx_power, m.tx_bias, rx_in


def dim(page: bytearray, shown: tuple[int, int, int]) -> None:
    """Zero the monitors of the lanes not ``shown`` in each group; the others stay as they are."""
    for offset, mask in zip(_OFFSETS, shown, strict=True):
        words = int.from_bytes(page[offset : offset + _SIZE])
        page[offset : offset + _SIZE] = (words & _LANE_WORDS[mask]).to_bytes(_SIZE)


@functools.lru_cache(maxsize=256)
def certain(nominal: Sequence[float], fraction: float, th: Levels) -> list[tuple[int, Hits]]:
    """Per bank: the lanes whose levels passed are the same at both ends of the noise range,
    and those levels as lane bitmaps (``levels`` order)."""
    banks = []
    for first in range(0, len(nominal), LANES_PER_BANK):
        sure, bits = 0, [0, 0, 0, 0]
        for lane, value in enumerate(nominal[first : first + LANES_PER_BANK]):
            low, high = (levels(clamp(value * (1 + u * fraction), _U16), th) for u in (-1, 1))
            if low == high:
                sure |= 1 << lane
                bits = [b | hit << lane for b, hit in zip(bits, low, strict=True)]
        banks.append((sure, tuple(bits)))
    return banks  # type: ignore[return-value]
