"""Lane optics as the module reports them: nominal Tx power and bias while the output is on."""

from __future__ import annotations

from emulator import addresses as a
from emulator.pagebuild import lane_raw
from emulator.profile import LANES_PER_BANK, Profile

_OFF = bytes(2)


class Optics:
    """Per-lane monitor encodings from the profile (constants until the DOM model lands)."""

    def __init__(self, profile: Profile) -> None:
        self.tx_power = lane_raw(profile, "tx_power_mw")
        self.tx_bias = lane_raw(profile, "tx_bias_ma")

    def report_tx(self, bank: int, p11: bytearray, tx_on: int) -> None:
        """Tx power and bias are zero on lanes whose media output is not on."""
        for lane in range(LANES_PER_BANK):
            index, on = bank * LANES_PER_BANK + lane, tx_on >> lane & 1
            power, bias = a.TX_POWER - 128 + 2 * lane, a.TX_BIAS - 128 + 2 * lane
            p11[power : power + 2] = self.tx_power[index] if on else _OFF
            p11[bias : bias + 2] = self.tx_bias[index] if on else _OFF
