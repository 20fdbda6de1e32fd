"""Host-side helpers for emulator tests: page access over the TwiDevice and waiting on time."""

from __future__ import annotations

from collections.abc import Callable

from cmis.clock import VirtualClock
from cmis.codec.codes import DataPathState as DP
from emulator import EmulatedModule


def select(m: EmulatedModule, page: int, bank: int = 0) -> None:
    m.twi_write(126, bytes((bank, page)))


def read(m: EmulatedModule, page: int, byte: int, length: int = 1, bank: int = 0) -> bytes:
    if byte >= 128:
        select(m, page, bank)
    return m.twi_read(byte, length)


def write(m: EmulatedModule, page: int, byte: int, data: bytes, bank: int = 0) -> None:
    if byte >= 128:
        select(m, page, bank)
    m.twi_write(byte, data)


def nibbles(data: bytes) -> list[int]:
    """Per-lane 4-bit values, lane 1 in the low nibble of the first byte."""
    return [b >> shift & 15 for b in data for shift in (0, 4)]


def dp_states(m: EmulatedModule, bank: int = 0) -> list[int]:
    return nibbles(read(m, 0x11, 128, 4, bank))


def config_status(m: EmulatedModule, bank: int = 0) -> list[int]:
    return nibbles(read(m, 0x11, 202, 4, bank))


def module_state(m: EmulatedModule) -> int:
    return m.twi_read(3, 1)[0] >> 1 & 7


def run_until(
    clock: VirtualClock, m: EmulatedModule, done: Callable[[], bool], limit: float
) -> float:
    """Advance virtual time timer by timer until ``done()``; returns the time it took."""
    start = clock.now()
    while not done():
        pending = m.queue.heap
        if not pending or pending[0][0] - start > limit:
            raise AssertionError(f"condition not met within {limit} s of virtual time")
        clock.advance_to(max(pending[0][0], clock.now()))
        m.update()
    return clock.now() - start


def bring_up(clock: VirtualClock, m: EmulatedModule, limit: float = 10.0) -> None:
    """Hardware bring-up (LPMode released) until every lane of every bank is DPActivated."""
    m.lpmode = False
    for bank in range(m.profile.banks):
        run_until(clock, m, lambda b=bank: dp_states(m, b) == [DP.DPActivated] * 8, limit)


def clear_flags(m: EmulatedModule) -> None:
    """Read every latched flag byte once (lower 8-11, page 11h 134-153 of each bank)."""
    m.twi_read(8, 4)
    for bank in range(m.profile.banks):
        read(m, 0x11, 134, 20, bank)


def u16s(data: bytes) -> list[int]:
    return [int.from_bytes(data[i : i + 2]) for i in range(0, len(data), 2)]


def lane_monitors(m: EmulatedModule, bank: int = 0) -> dict[str, list[int]]:
    """Raw Tx power, Tx bias and Rx power per lane (11h:154-201)."""
    raw = u16s(read(m, 0x11, 154, 48, bank))
    return {"tx_power": raw[:8], "tx_bias": raw[8:16], "rx_power": raw[16:]}


def temperature(m: EmulatedModule) -> float:
    """00h:14-15 in degC."""
    return int.from_bytes(m.twi_read(14, 2), signed=True) / 256
