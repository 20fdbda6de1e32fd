"""Diagnostics codes and encodings of pages 13h/14h (CMIS-DIAG-VDM.md section 2), both ways.

Page 14h bytes 192-255 change meaning with the DiagnosticsSelector (14h:128); the page Struct
keeps them raw and these functions decode (and, for the emulator, encode) each selector's block.
Counters and SNR are little-endian; BER is F16 with its exponent byte first, as in VDM.
"""

from __future__ import annotations

from enum import IntEnum

from cmis.codec.vdm import f16_decode, f16_encode

COUNTER_MAX = (1 << 64) - 1  # counters saturate rather than wrap


class PatternId(IntEnum):
    """The 4-bit pattern codes of 13h:132-139 bitmaps and the pattern-select nibbles (2.2)."""

    PRBS31Q = 0
    PRBS31 = 1
    PRBS23Q = 2
    PRBS23 = 3
    PRBS15Q = 4
    PRBS15 = 5
    PRBS13Q = 6
    PRBS13 = 7
    PRBS9Q = 8
    PRBS9 = 9
    PRBS7Q = 10
    PRBS7 = 11
    SSPRQ = 12
    Custom = 14
    UserPattern = 15


class Selector(IntEnum):
    """14h:128 values: what 192-255 hold (11h-15h: the last completed gate's results)."""

    Nothing = 0x00
    Ber = 0x01
    HostCounters1to4 = 0x02
    HostCounters5to8 = 0x03
    MediaCounters1to4 = 0x04
    MediaCounters5to8 = 0x05
    Snr = 0x06


class MeasurementTime(IntEnum):
    """13h:177 bits 3-1: the gate; Ungated accumulates until the host stops the checker."""

    Ungated = 0
    Gate5s = 1
    Gate10s = 2
    Gate30s = 3
    Gate60s = 4
    Gate120s = 5
    Gate300s = 6
    Custom = 7


GATE_SECONDS = {1: 5.0, 2: 10.0, 3: 30.0, 4: 60.0, 5: 120.0, 6: 300.0}
SIDES = ("host", "media")


def pattern_ids(bitmap: int) -> list[PatternId]:
    """The pattern IDs a capability bitmap (13h:132-139, bit n = ID n) advertises."""
    return [p for p in PatternId if bitmap >> p & 1]


def counters_selector(side: str, first_lane: int) -> Selector:
    """The selector holding counters of lanes ``first_lane``..+3 (1 or 5) of ``side``."""
    return Selector(2 + 2 * SIDES.index(side) + (first_lane > 4))


def ber_block(data: bytes, side: str) -> list[float]:
    """Selector 01h: the eight F16 BERs of ``side`` (host at 192, media at 208)."""
    at = 16 * SIDES.index(side)
    return [f16_decode(int.from_bytes(data[at + 2 * i : at + 2 * i + 2], "big")) for i in range(8)]


def counter_block(data: bytes) -> list[tuple[int, int]]:
    """Selectors 02h-05h: (errors, total bits) of four lanes, U64 little-endian each."""
    return [
        (int.from_bytes(data[16 * k : 16 * k + 8], "little"),
         int.from_bytes(data[16 * k + 8 : 16 * k + 16], "little"))
        for k in range(4)
    ]  # fmt: skip


def snr_block(data: bytes, side: str) -> list[float]:
    """Selector 06h: the eight SNRs in dB of ``side`` (U16 LE, 1/256 dB; host 208, media 240)."""
    at = 16 + 32 * SIDES.index(side)
    return [int.from_bytes(data[at + 2 * i : at + 2 * i + 2], "little") / 256 for i in range(8)]


def encode_ber(host: list[float], media: list[float]) -> bytes:
    words = [f16_encode(v) for v in (*host, *media)]
    return b"".join(w.to_bytes(2, "big") for w in words) + bytes(32)


def encode_counters(pairs: list[tuple[int, int]]) -> bytes:
    out = bytearray()
    for errors, bits in pairs:
        out += min(errors, COUNTER_MAX).to_bytes(8, "little")
        out += min(bits, COUNTER_MAX).to_bytes(8, "little")
    return bytes(out)


def encode_snr(host: list[float], media: list[float]) -> bytes:
    def words(values: list[float]) -> bytes:
        return b"".join(min(round(v * 256), 0xFFFF).to_bytes(2, "little") for v in values)

    return bytes(16) + words(host) + bytes(16) + words(media)


def ber(errors: int, bits: int) -> float | None:
    """errors / bits with the pattern-sync-loss marker (bit 0 of the count) cleared; None if 0."""
    counted = bits & ~1
    return errors / counted if counted else None


def sync_lost(bits: int) -> bool:
    """The PSL marker: an odd bit count means the checker lost lock during accumulation."""
    return bool(bits & 1)
