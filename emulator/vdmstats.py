"""VDM interval statistics per lane: min, max, average of pre-FEC BER and FERC, FERC total.

Accumulators restart when the host freezes (CMIS-DIAG-VDM.md 1.6); what they held then is the
frozen copy the statistics registers show until the unfreeze.
"""

from __future__ import annotations

from typing import Any

from emulator.profile import LANES_PER_BANK

Acc = list[float]  # min, max, weighted sum, weight
_GROUPS = ((9, 11, 13), (17, 19, 21))  # (min, max, avg) type IDs of BER, then FERC
FERC_TOTAL, FREEZE_DONE, UNFREEZE_DONE = 25, 0x80, 0x40


def _empty() -> Acc:
    return [float("inf"), float("-inf"), 0.0, 0.0]


class Stats:
    """Accumulators of every bank; ``registers`` is what pages 24h-25h show."""

    def __init__(self, banks: int) -> None:
        self.banks = banks
        self.frozen: list[dict[int, float]] | None = None  # per bank: lane << 8 | type -> value
        self.done: tuple[float, int] | None = None  # when which 2Fh:145 done bit sets
        self.restart()

    def restart(self) -> None:
        self.acc = [[_empty() for _ in range(2 * LANES_PER_BANK)] for _ in range(self.banks)]

    def fold(
        self, bank: int, live: int, ber_ferc: list[tuple[float, float]], weight: float
    ) -> None:
        """One sample of (BER, FERC) per lane counted ``weight`` times on the ``live`` lanes."""
        for lane in range(LANES_PER_BANK):
            if live >> lane & 1:
                pair = self.acc[bank][2 * lane : 2 * lane + 2]
                for acc, value in zip(pair, ber_ferc[lane], strict=True):
                    acc[0], acc[1] = min(acc[0], value), max(acc[1], value)
                    acc[2], acc[3] = acc[2] + value * weight, acc[3] + weight

    def registers(self, bank: int) -> dict[int, float]:
        """Statistics register values by ``lane << 8 | type``: frozen, else the running ones."""
        return self.frozen[bank] if self.frozen is not None else self._running(bank)

    def _running(self, bank: int) -> dict[int, float]:
        out = {}
        for lane in range(LANES_PER_BANK):
            pair = self.acc[bank][2 * lane : 2 * lane + 2]
            for types, acc in zip(_GROUPS, pair, strict=True):
                n = acc[3]
                values = (acc[0], acc[1], acc[2] / n) if n else (0.0, 0.0, 0.0)
                out.update({lane << 8 | t: v for t, v in zip(types, values, strict=True)})
            out[lane << 8 | FERC_TOTAL] = pair[1][2]
        return out

    def freeze(self, on: bool, done_at: float) -> int:
        """Freeze: keep what the interval gathered and start a new one; unfreeze: live again.
        Returns the 2Fh:145 done bit, which the WRITE clears and ``due`` sets at ``done_at``."""
        if on:
            self.frozen = [self._running(bank) for bank in range(self.banks)]
            self.restart()
        else:
            self.frozen = None
        self.done = (done_at, FREEZE_DONE if on else UNFREEZE_DONE)
        return self.done[1]

    def due(self, now: float) -> int:
        """The done bit to set now (0: none)."""
        if self.done is None or now < self.done[0]:
            return 0
        bit, self.done = self.done[1], None
        return bit

    def save(self) -> dict[str, Any]:
        return {"frozen": self.frozen, "acc": self.acc, "done": self.done}

    def load(self, saved: dict[str, Any]) -> None:
        self.frozen, self.acc, self.done = saved["frozen"], saved["acc"], saved["done"]
