"""Emulated VDM pages: advertisement, COR flags gated by 2Dh masks into IntL, the DSP model."""

from __future__ import annotations

import math

from hypothesis import given
from hypothesis import strategies as st

from cmis.codec.vdm import decode_value, encode_value
from emulator.module import EmulatedModule
from emulator.vdmmodel import instance, pam4_ber, uncorrectable, vdm_model
from tests.emulator.helpers import bring_up, clear_flags, read, write

ESNR = 1  # KINDS index of eSNR


def test_dr8_advertises_two_vdm_groups(clock) -> None:  # type: ignore[no-untyped-def]
    m = EmulatedModule("osfp-800g-dr8", clock)
    assert read(m, 0x01, 142, 1)[0] & 0x40 and read(m, 0x2F, 128, 1) == b"\x01"
    assert read(m, 0x2D, 128, 32) == b"\xff" * 32  # every VDM mask defaults to 1


def test_a_vdm_flag_is_cor_and_asserts_intl_only_when_unmasked(clock) -> None:  # type: ignore[no-untyped-def]
    m = EmulatedModule("osfp-800g-dr8", clock)
    bring_up(clock, m)
    clear_flags(m)
    assert not m.intl
    m.faults.snr_degrade_db = {2: 10.0}  # lane 2 far below the eSNR alarm
    group, slot = instance(1, ESNR)
    byte, shift = 128 + 32 * group + slot // 2, 4 if slot % 2 else 0
    flags = read(m, 0x2C, byte, 1)[0] >> shift & 0xF
    assert flags == 0b1010  # low alarm and low warning
    assert read(m, 0, 4, 1)[0] & 0x08 and not m.intl  # summary bit; masked: no interrupt
    write(m, 0x2D, byte, bytes((0xFF & ~(0xF << shift),)))  # unmask this instance
    assert m.intl
    m.faults.snr_degrade_db = {}
    clock.advance(1.0)
    read(m, 0x2C, byte, 1)  # latched until read...
    read(m, 0x2C, byte, 1)  # ...the condition ended: the re-read finds it clear
    assert read(m, 0x2C, byte, 1)[0] >> shift & 0xF == 0 and not m.intl


@given(st.floats(0.001, 10.0), st.floats(0.001, 10.0))
def test_more_light_never_lowers_snr_nor_raises_ber(a: float, b: float) -> None:
    model = vdm_model(EmulatedModule("osfp-800g-dr8").profile)
    assert model is not None
    low, high = sorted((a, b))
    assert model.snr_db(high, 0.0) >= model.snr_db(low, 0.0)
    assert pam4_ber(model.snr_db(high, 0.0)) <= pam4_ber(model.snr_db(low, 0.0))
    assert model.snr_db(high, 0.0) <= model.snr_floor_db


@given(st.floats(1e-12, 0.01))
def test_uncorrectable_frames_grow_with_ber_and_ber_survives_f16(ber: float) -> None:
    assert 0.0 <= uncorrectable(ber) <= uncorrectable(ber * 2) <= 1.0
    assert math.isclose(decode_value(15, encode_value(15, ber)), ber, rel_tol=2.5e-3)
