"""The fast decoder on the OSFP 800G DR8 sample, and how its containers behave for callers."""

from __future__ import annotations

import pytest
from construct import BitsInteger, BitStruct, Bytes, Int8ub, Int24ub, StreamError, Struct

from cmis.codec.codes import ConfigStatus, DataPathState, ModuleState
from cmis.codec.fast import fast, fast_for
from cmis.codec.pages.page01 import bias_multiplier
from cmis.codec.sff8024 import Identifier
from cmis.images import MemoryImage
from tests.conftest import SAMPLES


@pytest.fixture(scope="module")
def image() -> MemoryImage:
    return MemoryImage.load(SAMPLES / "osfp-800g-dr8.bin")


def test_sample_lower_memory(image: MemoryImage) -> None:
    lower = fast_for("lower").parse(image.read(0, 0, 128))
    assert lower.SFF8024Identifier is Identifier(0x19)
    assert lower.CmisRevision == 0x52
    assert lower.ManagementCharacteristics.MemoryModel is False
    assert lower.GlobalStatus.ModuleState is ModuleState.ModuleReady
    assert lower.TempMonValue == 41.5
    assert lower.ApplicationDescriptors[0].LaneCounts.HostLaneCount == 8


def test_sample_vendor_page(image: MemoryImage) -> None:
    page = fast_for(0x00).parse(image.read(0, 128, 128))
    assert page.VendorName == "OPENCMIS        "
    assert page.VendorPN.rstrip() == "OSFP-800G-DR8"
    assert page.VendorOUI == b"\x00\x90\x65"


def test_sample_lane_status_uses_the_bias_multiplier(image: MemoryImage) -> None:
    raw11 = image.read(0x11, 128, 128)
    multiplier = bias_multiplier(image.read(0x01, 128, 128))
    page = fast_for(0x11).parse(raw11, bias_multiplier=multiplier)
    assert multiplier == 2
    assert page.DPStateHostLane == [DataPathState.DPActivated] * 8
    assert page.ConfigStatusLane == [ConfigStatus.ConfigSuccess] * 8
    assert page.LaserBiasTx[0] == int.from_bytes(raw11[42:44]) * 0.002 * 2
    assert page.ACS.DPConfigLane[0].AppSelCode == 1


def test_containers_read_like_construct_containers(image: MemoryImage) -> None:
    p01 = fast_for(0x01).parse(image.read(0x01, 128, 128))
    durations = {**p01.DataPathDurations}
    assert list(durations) == ["MaxDurationDPDeinit", "MaxDurationDPInit"]
    assert p01["SupportedPages"] is p01.SupportedPages
    assert dict(p01.SupportedPages.items())["BanksSupported"] == 0
    with pytest.raises(KeyError):
        p01["NoSuchField"]
    with pytest.raises(AttributeError):
        _ = p01.NoSuchField


def test_decoding_is_lazy_and_remembered(image: MemoryImage) -> None:
    lower = fast_for("lower").parse(image.read(0, 0, 128))
    assert "TempMonValue" not in vars(lower)
    first = lower.ApplicationDescriptors
    assert set(vars(lower)) == {"_raw", "_context", "ApplicationDescriptors"}
    assert lower.ApplicationDescriptors is first


def test_a_changed_buffer_does_not_change_a_parsed_page() -> None:
    data = bytearray(128)
    page = fast_for("lower").parse(data)
    data[1] = 0x52
    assert page.CmisRevision == 0


def test_short_data_is_refused_like_construct() -> None:
    with pytest.raises(StreamError):
        fast_for(0x11).parse(bytes(127))


def test_odd_shapes_fall_back_to_construct() -> None:
    odd = Struct(
        "Wide" / Int24ub,  # not a struct-module format: construct parses it
        "Signed" / BitStruct("Value" / BitsInteger(4, signed=True), "Low" / BitsInteger(4)),
        "Tail" / Bytes(2),
        "Last" / Int8ub,
    )
    data = bytes([1, 2, 3, 0xF5, 9, 9, 7])
    parsed = fast(odd).parse(data)
    assert (parsed.Wide, parsed.Signed.Value, parsed.Signed.Low) == (0x010203, -1, 5)
    assert (parsed.Tail, parsed.Last) == (b"\t\t", 7)
    assert parsed == odd.parse(data)
