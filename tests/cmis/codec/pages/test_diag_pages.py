"""Pages 13h/14h/04h/12h and the 14h result encodings, on the reference's real-module examples."""

from __future__ import annotations

import math

from hypothesis import given
from hypothesis import strategies as st

from cmis.codec.diag import (
    PatternId,
    ber,
    ber_block,
    counter_block,
    encode_ber,
    encode_counters,
    encode_snr,
    pattern_ids,
    snr_block,
    sync_lost,
)
from cmis.codec.pages.laser import Grid, Page04h, Page12h, channel_thz
from cmis.codec.pages.page13 import Page13h
from cmis.codec.pages.page14 import Page14h


def _page(**at: bytes) -> bytes:
    raw = bytearray(128)
    for key, value in at.items():
        start = int(key[1:]) - 128
        raw[start : start + len(value)] = value
    return bytes(raw)


def test_page13_decodes_the_acacia_400zr_capabilities() -> None:
    raw = _page(
        b128=bytes([0x7D, 0x10, 0xE3, 0xDF, 0xFF, 0x0F, 0x2A, 0x08, 0xFF, 0x0F, 0x2A, 0x08])
    )
    page = Page13h.parse(raw)
    loop = page.LoopbackCapabilities
    assert loop.HostSideInputLoopbackSupported and loop.HostSideOutputLoopbackSupported
    assert loop.MediaSideOutputLoopbackSupported and not loop.MediaSideInputLoopbackSupported
    assert page.GatingCapabilities.PeriodicUpdatesSupported
    assert page.GatingCapabilities.GatingSupport == 0
    assert page.ResultCapabilities.MediaSideSNRSupported
    assert not page.ResultCapabilities.HostSideSNRSupported
    assert pattern_ids(page.MediaGeneratorPatternsSupported) == [
        PatternId.PRBS31,
        PatternId.PRBS23,
        PatternId.PRBS15,
        PatternId.PRBS7,
    ]
    assert pattern_ids(page.HostCheckerPatternsSupported) == list(PatternId)[:12]


def test_page13_pattern_nibbles_put_lane_1_low() -> None:
    page = Page13h.parse(_page(b156=bytes([0xB0, 0x00, 0x00, 0x00])))
    assert page.MediaGeneratorPattern[:2] == [PatternId.PRBS31Q, PatternId.PRBS7]


def test_page14_flags_and_raw_results() -> None:
    page = Page14h.parse(_page(b128=b"\x01", b138=b"\x00\x0f", b192=b"\x4b\xe8"))
    assert page.DiagnosticsSelector == 1 and page.MediaCheckerLOLFlag == 0x0F
    assert ber_block(page.DiagnosticsData, "host")[0] == 1.0e-12


BERS = st.lists(st.sampled_from([0.0, 1e-12, 2.4e-4, 0.1]), min_size=8, max_size=8)
COUNTS = st.integers(0, (1 << 64) - 1)


@given(host=BERS, media=BERS)
def test_ber_block_round_trips(host: list[float], media: list[float]) -> None:
    block = encode_ber(host, media)
    assert len(block) == 64
    for got, want in zip(
        ber_block(block, "host") + ber_block(block, "media"), host + media, strict=True
    ):
        assert math.isclose(got, want, rel_tol=1e-12)


@given(st.lists(st.tuples(COUNTS, COUNTS), min_size=4, max_size=4))
def test_counters_are_u64_little_endian(pairs: list[tuple[int, int]]) -> None:
    block = encode_counters(pairs)
    assert counter_block(block) == pairs
    assert block[:8] == pairs[0][0].to_bytes(8, "little")


def test_snr_lands_at_its_offsets_little_endian() -> None:
    block = encode_snr([0.0] * 8, [19.5] + [0.0] * 7)
    assert block[48:50] == bytes([0x80, 0x13])  # 1380h = 19.5 dB, LSB first
    assert snr_block(block, "media")[0] == 19.5 and snr_block(block, "host") == [0.0] * 8


def test_ber_ignores_the_sync_loss_marker() -> None:
    assert ber(3, 1_000_001) == 3 / 1_000_000 and sync_lost(1_000_001)
    assert ber(0, 0) is None and not sync_lost(2)


def test_page04_decodes_the_acacia_laser_ranges() -> None:
    page = Page04h.parse(_page(b158=bytes.fromhex("ffb80078"), b192=bytes.fromhex("e8901770"),
                               b198=bytes.fromhex("f70e0190")))  # fmt: skip
    assert (page.LowChannel75GHz, page.HighChannel75GHz) == (-72, 120)
    assert math.isclose(page.FineTuningLowOffset, -6.0) and math.isclose(page.MaxOutputPower, 4.0)
    assert math.isclose(page.MinOutputPower, -22.9)


def test_page12_decodes_the_juniper_400zr_lane() -> None:
    raw = _page(b128=b"\x70", b136=b"\x00\x4e", b168=bytes.fromhex("0ba03a10"), b200=b"\xfc\x18")
    page = Page12h.parse(raw)
    assert page.TuningControl[0].Grid == Grid.GHz75 and page.ChannelNumber[0] == 78
    assert math.isclose(page.CurrentLaserFrequency[0], 195_050.0)
    assert math.isclose(channel_thz(Grid.GHz75, 78), 195.05)
    assert math.isclose(page.TargetOutputPower[0], -10.0)
