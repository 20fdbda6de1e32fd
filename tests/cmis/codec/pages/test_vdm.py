"""VDM encodings (F16, U16/S16 with scales) and VDM page layouts, on the reference's examples."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cmis.codec.pages.vdm import Page2Fh, VdmDescriptorPage, VdmFlagPage, VdmThresholdPage
from cmis.codec.vdm import VdmType, decode_value, encode_value, encoding, f16_decode, f16_encode

WORDS = st.integers(0, 0xFFFF)
NOT_F16 = [t for t in range(256) if encoding(t).kind != "F16"]


@pytest.mark.parametrize(
    ("raw", "value"), [(0x4BE8, 1.0e-12), (0x90F0, 2.4e-4), (0xA3E8, 0.1), (0xFFFF, 2.047e10)]
)
def test_f16_reference_examples(raw: int, value: float) -> None:
    assert math.isclose(f16_decode(raw), value, rel_tol=1e-12)
    assert math.isclose(f16_decode(f16_encode(value)), value, rel_tol=1e-12)


@given(WORDS)
def test_f16_every_word_survives_encode(raw: int) -> None:
    value = f16_decode(raw)
    assert math.isclose(f16_decode(f16_encode(value)), value, rel_tol=1e-12, abs_tol=0)


@given(st.floats(1e-24, 2.0e10))
def test_f16_encode_is_as_precise_as_the_format(value: float) -> None:  # m >= 205 above 2047
    assert math.isclose(f16_decode(f16_encode(value)), value, rel_tol=0.5 / 205, abs_tol=1e-24)


@given(st.sampled_from(NOT_F16), WORDS)
def test_u16_s16_words_are_symmetric(type_id: int, raw: int) -> None:
    assert encode_value(type_id, decode_value(type_id, raw)) == raw


def test_scaled_examples_from_the_reference() -> None:
    assert decode_value(VdmType.EsnrMediaInput, 0x1380) == 19.5  # spec example: 19.5 dB
    assert decode_value(VdmType.LaserTemperature, 0xFF00) == -1.0
    assert encoding(VdmType.PreFecBerCurMedia).kind == "F16"
    assert encode_value(VdmType.LaserAge, 1e9) == 0xFFFF  # saturates, never wraps


def test_v12_descriptor_and_thresholds_decode() -> None:
    page = VdmDescriptorPage.parse(bytes([0x10, 0x09]) + bytes(126))
    first = page.Descriptor[0]
    assert (first.ThresholdSetIndex, first.MonitoredObjectLocation) == (1, 0)
    assert first.ObservableType is VdmType.PreFecBerMinMedia
    rx = VdmThresholdPage.parse(bytes.fromhex("0514F7CC03E8F8F8") + bytes(120)).ThresholdSet[0]
    assert [rx.HighAlarm, rx.LowAlarm] == [0x0514, 0xF7CC]


def test_flag_nibbles_follow_instance_order() -> None:
    pair = VdmFlagPage.parse(bytes([0x41]) + bytes(127)).InstancePair[0]
    assert pair.HighAlarmOdd and pair.HighWarningEven  # instance 1 bit 0, instance 2 bit 2
    assert not (pair.HighAlarmEven or pair.LowAlarmOdd)


def test_2fh_freeze_bits() -> None:
    raw = bytes([0x03, 0x00, 0x64]) + bytes(13) + bytes([0x80, 0x40]) + bytes(110)
    page = Page2Fh.parse(raw)
    assert page.Advertisement.VDMSupport == 3 and page.FineIntervalLength == 100
    assert page.Control.FreezeRequest and page.Status.UnfreezeDone
    assert Page2Fh.build(page) == raw
