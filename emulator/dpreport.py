"""Page 11h as the data paths leave it: states, output status, DPStateChanged flags, monitors."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Protocol

from cmis.codec.codes import DataPathState as DP
from cmis.codec.fields import pack_lanes
from emulator import addresses as a
from emulator.ports import Core
from emulator.profile import LANES_PER_BANK
from emulator.rules import RX_OUTPUT_STATES

if TYPE_CHECKING:
    from emulator.dom import Dom
    from emulator.faults import Faults

_P10 = 0x10
_P11 = 0x11
# the page 10h bytes ``report`` reads: a host write elsewhere on page 10h needs no new report
# (a path it moves is reported anyway), so keep this in step with ``report``
REPORTED_P10 = (a.OUTPUT_DISABLE_RX,)
# lane bitmap -> 1 in the nibble of each lane, packed as DPStateHostLane: the bytes as one int
_NIBBLES = [
    int.from_bytes(pack_lanes([m >> lane & 1 for lane in range(LANES_PER_BANK)], 4), "little")
    for m in range(256)
]


class ReportPort(Core, Protocol):
    """The module as the data paths act on it: its faults and telemetry next to the core."""

    faults: Faults
    dom: Dom


class Path(Protocol):
    """What the report reads of a data path (emulator.datapath.DataPath)."""

    lanes: int
    media: int
    state: DP


def write_report(module: ReportPort, paths: Iterable[Path], changed: int, bank: int) -> None:
    """``paths`` of ``bank`` into page 11h; ``changed``: lanes whose DPStateChanged latches."""
    p11, p10 = module.memory.page(bank, _P11), module.memory.page(bank, _P10)
    states, tx_on, rx_ok, live = _NIBBLES[0xFF] * DP.DPDeactivated, 0, 0, 0
    for dp in paths:
        nibbles = _NIBBLES[dp.lanes]
        states = states & ~(nibbles * 0xF) | nibbles * dp.state
        tx_on |= dp.media if dp.state == DP.DPActivated else 0
        if dp.state in RX_OUTPUT_STATES:
            rx_ok, live = rx_ok | dp.lanes, live | dp.lanes | dp.media
    p11[a.DP_STATE - 128 : a.DP_STATE - 124] = states.to_bytes(4, "little")  # lane 1: low
    faults = module.faults
    rx_ok &= ~(p10[a.OUTPUT_DISABLE_RX - 128] | faults.bank_lanes("rx_los", bank))
    rx_ok &= ~faults.bank_lanes("rx_cdr_lol", bank)  # squelched: no signal, or no lock
    p11[a.RX_STATUS_CHANGED - 128] |= (p11[a.OUTPUT_STATUS_RX - 128] ^ rx_ok) & 0xFF
    p11[a.OUTPUT_STATUS_RX - 128] = rx_ok & 0xFF
    p11[a.OUTPUT_STATUS_TX - 128] = tx_on & ~faults.bank_lanes("tx_fault", bank)
    p11[a.DP_STATE_CHANGED - 128] |= changed
    module.dom.lanes(bank, tx_on, live)
