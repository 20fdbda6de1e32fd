"""What page 14h shows: latched lock-loss and gate flags, and the block the selector asks for."""

from __future__ import annotations

from cmis.codec.diag import Selector, ber, encode_ber, encode_counters
from emulator.prbs import P14, Count, Diagnostics
from emulator.profile import LANES_PER_BANK

_CHECKER_LOL = {"host": 138 - 128, "media": 139 - 128}
_GATE_DONE = {"host": 134 - 128, "media": 135 - 128}


def observe(diag: Diagnostics, bank: int) -> None:
    """Bring ``bank``'s page 14h up to module time before a host read of it."""
    if diag.settings is None:
        return
    diag.advance()
    page = diag.m.memory.page(bank, P14)
    first = bank * LANES_PER_BANK
    counts = {
        (side, lane - first): count
        for (side, lane), count in diag.counts.items()
        if first <= lane < first + LANES_PER_BANK
    }
    latched = False
    for (side, i), count in counts.items():
        bits = {_CHECKER_LOL[side]: count.lol, _GATE_DONE[side]: diag.m.now >= count.end}
        count.lol = False  # latched now: it sets again only if lock is lost again
        for byte, flag in bits.items():
            if flag and not page[byte] >> i & 1:
                page[byte] |= 1 << i
                latched = True
    if latched:
        diag.m.refresh_interrupt()
    page[64:128] = _block(page[0], counts)


def _block(selector: int, counts: dict[tuple[str, int], Count]) -> bytes:
    """Bytes 192-255 for ``selector`` from the (side, lane of the bank) counts."""

    def pair(side: str, i: int) -> tuple[int, int]:
        count = counts.get((side, i))
        if count is None:
            return (0, 0)
        return int(count.errors), int(count.bits) & ~1 | count.lost  # bit 0: the PSL marker

    if selector == Selector.Ber:
        rates = {
            side: [ber(*pair(side, i)) or 0.0 for i in range(LANES_PER_BANK)]
            for side in ("host", "media")
        }
        return encode_ber(rates["host"], rates["media"])
    if Selector.HostCounters1to4 <= selector <= Selector.MediaCounters5to8:
        side = "host" if selector < Selector.MediaCounters1to4 else "media"
        first = 0 if selector in (Selector.HostCounters1to4, Selector.MediaCounters1to4) else 4
        return encode_counters([pair(side, i) for i in range(first, first + 4)])
    return bytes(64)
