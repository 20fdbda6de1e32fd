"""Profiles: every shipped file loads, builds valid pages, and bad files name the bad key."""

from __future__ import annotations

import pytest

from cmis.codec.pages.page00 import page_checksum, verify00
from cmis.codec.pages.page01 import CHECKSUM_FIRST, CHECKSUM_LAST
from cmis.codec.pages.registry import struct_for
from emulator import EmulatedModule, ProfileError, list_profiles, load_profile
from emulator.pagebuild import build_pages
from emulator.profile import PROFILE_DIR, parse_profile

DR8_TEXT = (PROFILE_DIR / "osfp-800g-dr8.toml").read_text()


@pytest.mark.parametrize("name", list_profiles())
def test_profile_builds_checksummed_lossless_pages(name):
    pages = build_pages(load_profile(name))
    assert verify00(pages[0, 0x00])
    assert pages[0, 0x01][127] == page_checksum(pages[0, 0x01], CHECKSUM_FIRST, CHECKSUM_LAST)
    assert pages[0, 0x02][127] == page_checksum(pages[0, 0x02], 128, 254)
    for key, data in pages.items():
        struct = struct_for(key if key == "lower" else key[1])
        assert struct.build(struct.parse(data)) == data


def test_shipped_profiles():
    assert {"osfp-800g-dr8", "qsfpdd-800g-2xfr4", "osfp-xd-1.6t-dr16"} <= set(list_profiles())


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ("banks = 1 ", "banks = 3 ", r"\[management\] banks must be one of \[1, 2, 4\], got 3"),
        ("dp_init = 6 ", "dp_init = 14 ", r"\[durations\] dp_init must be an integer 0-13"),
        ("stepped_config_only = false", "stepped_config_only = 0", "must be true or false"),
        ("[timing]", "[timingx]", r"\[timing\] is missing"),
        ('part_number = "OSFP-800G-DR8"', 'part_number = "' + "X" * 20 + '"', "page 00h"),
        ("host_lanes = 8", "host_lanes = 9", r"\[application\[0\]\] host_lanes"),
        (
            "time_constant_s = 60.0",
            "time_constant_s = 0",
            r"\[thermal\] time_constant_s must be a number > 0",
        ),
        (
            "shutdown_c = 80.0",
            "shutdown_c = 40.0",
            r"\[thermal\] shutdown_c must be above \[optics\] temperature_c",
        ),
        (
            "laser_monitor = 2",
            "laser_monitor = 1",
            r"\[thermal\] laser_monitor must be one of \[0, 2, 3\]",
        ),
        (
            "shutdown_fault_cause = 6",
            "shutdown_fault_cause = 0",
            r"\[thermal\] shutdown_fault_cause",
        ),
        ("sample_period_s = 0.1", "sample_period_s = -1", r"\[monitors\] sample_period_s"),
        (
            "tx_power_fraction = 0.01",
            "tx_power_fraction = -0.1",
            r"\[noise\] tx_power_fraction must be a number >= 0",
        ),
        ("[noise]", "[noisy]", r"\[noise\] is missing"),
        (
            "vcc_v = [3.63, 2.97, 3.465, 3.135]",
            "vcc_v = [3.63, 3.2, 3.465, 3.135]",
            r"\[thresholds\] vcc_v must be ordered low alarm <= low warning",
        ),
        (
            "vcc_v = [3.63, 2.97, 3.465, 3.135]",
            "vcc_v = [3.63, 2.97]",
            r"\[thresholds\] vcc_v must list 4 numbers",
        ),
        (
            "tx_bias_ma = [62.4, 61.8, ",
            "tx_bias_ma = [",
            r"\[optics\] tx_bias_ma must list 8 numbers",
        ),
        ("rx_power_mw = [0.89, ", 'rx_power_mw = ["0.89", ', r"\[optics\] rx_power_mw must list 8"),
    ],
)
def test_profile_errors_name_the_key(old, new, message):
    assert old in DR8_TEXT
    with pytest.raises(ProfileError, match=message):
        build_pages(parse_profile("bad", DR8_TEXT.replace(old, new, 1)))


def test_unknown_profile_lists_the_shipped_ones():
    with pytest.raises(ProfileError, match="osfp-800g-dr8"):
        EmulatedModule("no-such-module")
