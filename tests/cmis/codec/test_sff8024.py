"""SFF-8024 names and implied lane counts as a user of the CMIS tool sees them."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cmis.codec import sff8024
from cmis.codec.sff8024 import (
    Connector,
    Identifier,
    MediaType,
    connector_name,
    host_interface_name,
    host_lane_count_default,
    identifier_name,
    media_interface_name,
    media_lane_count_default,
    media_type_name,
)

BYTES = range(256)
FALLBACK = re.compile(r"^(unknown|vendor specific) \(0x[0-9A-F]{2}\)$")
ALL_TABLES = {
    "identifier": sff8024.IDENTIFIER_NAMES,
    "connector": sff8024.CONNECTOR_NAMES,
    "media type": sff8024.MEDIA_TYPE_NAMES,
    "host": sff8024.HOST_ELECTRICAL,
    "mmf": sff8024.MEDIA_MMF,
    "smf": sff8024.MEDIA_SMF,
    "passive copper": sff8024.MEDIA_PASSIVE_COPPER,
    "active cable": sff8024.MEDIA_ACTIVE_CABLE,
    "base-t": sff8024.MEDIA_BASE_T,
}


# --- names an engineer looks for --------------------------------------------------------------


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        (0x00, "Undefined"),
        (0x0B, "CAUI-4 C2M"),
        (0x11, "400GAUI-8 C2M (Annex 120E)"),
        (0x1A, "100GBASE-CR4"),
        (0x4B, "100GAUI-1-S C2M"),
        (0x4D, "200GAUI-2-S C2M"),
        (0x4F, "400GAUI-4-S C2M"),
        (0x50, "400GAUI-4-L C2M"),
        (0x51, "800GAUI-8"),
        (0x52, "800GAUI-8-L"),
        (0x49, "800G-ETC-CR8"),
        (0x55, "1.6TAUI-16-S"),
        (0x83, "1.6TAUI-8"),
        (0x23, "LEI-800G-PAM4-8"),
        (0x32, "IB NDR"),
        (0x3B, "FOIC1.4"),
        (0x29, "64GFC"),
        (0xFF, "End of list"),
    ],
)
def test_host_interface_names(code: int, expected: str) -> None:
    assert expected in host_interface_name(code)


@pytest.mark.parametrize(
    ("media_type", "code", "expected"),
    [
        (MediaType.OPTICAL_SMF, 0x56, "800GBASE-DR8 (Cl 124)"),
        (MediaType.OPTICAL_SMF, 0x57, "800GBASE-DR8-2"),
        (MediaType.OPTICAL_SMF, 0x1C, "400GBASE-DR4"),
        (MediaType.OPTICAL_SMF, 0x1D, "400GBASE-FR4"),
        (MediaType.OPTICAL_SMF, 0x14, "100GBASE-DR"),
        (MediaType.OPTICAL_SMF, 0x10, "100G CWDM4"),
        (MediaType.OPTICAL_SMF, 0x3E, "400ZR"),
        (MediaType.OPTICAL_SMF, 0x46, "ZR400-OFEC-16QAM"),
        (MediaType.OPTICAL_SMF, 0x6C, "800ZR-A"),
        (MediaType.OPTICAL_SMF, 0x77, "800GBASE-DR4"),
        (MediaType.OPTICAL_SMF, 0x7F, "1.6TBASE-DR8"),
        (MediaType.OPTICAL_SMF, 0x92, "800G-DR8-LPO"),
        (MediaType.OPTICAL_MMF, 0x02, "10GBASE-SR"),
        (MediaType.OPTICAL_MMF, 0x09, "100GBASE-SR4"),
        (MediaType.OPTICAL_MMF, 0x10, "400GBASE-SR8"),
        (MediaType.OPTICAL_MMF, 0x12, "800GBASE-SR8"),
        (MediaType.OPTICAL_MMF, 0x1A, "400GBASE-SR4.2"),
        (MediaType.PASSIVE_COPPER, 0x01, "Copper cable"),
        (MediaType.PASSIVE_COPPER, 0xBF, "Passive loopback"),
        (MediaType.ACTIVE_CABLE, 0x03, "BER < 2.6e-4"),
        (MediaType.ACTIVE_CABLE, 0xBF, "Active loopback"),
        (MediaType.BASE_T, 0x04, "10GBASE-T"),
    ],
)
def test_media_interface_names(media_type: int, code: int, expected: str) -> None:
    assert expected in media_interface_name(media_type, code)


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        (0x00, "Unknown or unspecified"),
        (0x03, "SFP"),
        (0x11, "QSFP28"),
        (0x18, "QSFP-DD"),
        (0x19, "OSFP"),
        (0x1E, "CMIS"),
        (0x21, "OSFP-XD"),
        (0x25, "CDFP"),
    ],
)
def test_identifier_names(code: int, expected: str) -> None:
    assert expected in identifier_name(code)


def test_cmis_form_factors_are_named_distinctly() -> None:
    assert identifier_name(Identifier.QSFP_DD).startswith("QSFP-DD")
    assert identifier_name(Identifier.OSFP).startswith("OSFP")
    assert identifier_name(0x18) != identifier_name(0x19)


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        (0x00, "Unknown"),
        (0x07, "LC"),
        (0x0C, "MPO 1x12"),
        (0x23, "No separable"),
        (0x28, "MPO 1x16"),
    ],
)
def test_connector_names(code: int, expected: str) -> None:
    assert expected in connector_name(code)


def test_media_type_names() -> None:
    assert "SMF" in media_type_name(MediaType.OPTICAL_SMF)
    assert "MMF" in media_type_name(1)
    assert media_type_name(0x40) == "vendor specific (0x40)"
    assert media_type_name(0x06) == "unknown (0x06)"


# --- media type selects the table -------------------------------------------------------------


def test_same_media_code_reads_differently_per_media_type() -> None:
    assert "128GFC-MM" in media_interface_name(MediaType.OPTICAL_MMF, 0x1C)
    assert "400GBASE-DR4" in media_interface_name(MediaType.OPTICAL_SMF, 0x1C)
    names = {media_interface_name(mt, 0x01) for mt in MediaType if mt != MediaType.UNDEFINED}
    assert len(names) == 5


def test_media_type_enum_and_plain_int_agree() -> None:
    for code in BYTES:
        assert media_interface_name(MediaType.OPTICAL_SMF, code) == media_interface_name(2, code)


@pytest.mark.parametrize("media_type", [0x00, 0x06, 0x40, 0x8F, 0xFF])
def test_no_table_for_undefined_reserved_or_custom_media_type(media_type: int) -> None:
    assert media_interface_name(media_type, 0x56) == "unknown (0x56)"
    assert media_lane_count_default(media_type, 0x56) is None


def test_media_tables_cover_every_defined_media_type() -> None:
    assert set(sff8024.MEDIA_TABLES) == {mt for mt in MediaType if mt != MediaType.UNDEFINED}


# --- unknown and vendor codes -----------------------------------------------------------------


def test_unknown_and_vendor_formatting() -> None:
    assert host_interface_name(0x54) == "unknown (0x54)"
    assert host_interface_name(0x9C) == "unknown (0x9C)"
    assert host_interface_name(0xC5) == "vendor specific (0xC5)"
    assert host_interface_name(0xFE) == "vendor specific (0xFE)"
    assert media_interface_name(MediaType.OPTICAL_SMF, 0xC1) == "vendor specific (0xC1)"
    assert media_interface_name(MediaType.OPTICAL_SMF, 0xFF) == "vendor specific (0xFF)"
    assert media_interface_name(MediaType.OPTICAL_MMF, 0x7E) == "unknown (0x7E)"
    assert identifier_name(0x30) == "unknown (0x30)"
    assert identifier_name(0x80) == "vendor specific (0x80)"
    assert connector_name(0x0E) == "unknown (0x0E)"
    assert connector_name(0x9C) == "vendor specific (0x9C)"


def test_reassigned_host_codes_show_current_meaning() -> None:
    # 0x1E-0x23 were BASE-T host codes in old SFF-8024 revisions; BASE-T is now Table 4-10.
    assert "200GBASE-CR1" in host_interface_name(0x1E)
    assert "LEI-100G" in host_interface_name(0x20)
    assert "200GAUI-1" in host_interface_name(0x80)


# --- totality ---------------------------------------------------------------------------------


SINGLE_CODE_LOOKUPS = [
    (identifier_name, sff8024.IDENTIFIER_NAMES),
    (connector_name, sff8024.CONNECTOR_NAMES),
    (media_type_name, sff8024.MEDIA_TYPE_NAMES),
    (host_interface_name, sff8024.HOST_ELECTRICAL),
]


@given(st.integers(min_value=0, max_value=255))
def test_single_code_lookups_total_on_bytes(code: int) -> None:
    for fn, _ in SINGLE_CODE_LOOKUPS:
        name = fn(code)
        assert isinstance(name, str)
        assert name.strip()


@given(st.integers(min_value=0, max_value=255), st.integers(min_value=0, max_value=255))
def test_media_lookups_total_on_bytes(media_type: int, code: int) -> None:
    assert media_interface_name(media_type, code).strip()
    lanes = media_lane_count_default(media_type, code)
    assert lanes is None or 1 <= lanes <= 16


@given(st.integers())
def test_out_of_range_ints_never_raise(code: int) -> None:
    for fn, _ in SINGLE_CODE_LOOKUPS:
        assert fn(code)
    assert media_interface_name(code, code)
    assert media_interface_name(MediaType.OPTICAL_SMF, code)
    host_lane_count_default(code)
    media_lane_count_default(code, code)


def test_every_byte_is_a_name_or_a_marked_fallback() -> None:
    for fn, table in SINGLE_CODE_LOOKUPS:
        for code in BYTES:
            name = fn(code)
            assert name == table.get(code) or FALLBACK.match(name), (fn.__name__, code, name)
    for media_type, table in sff8024.MEDIA_TABLES.items():
        for code in BYTES:
            name = media_interface_name(media_type, code)
            assert name == table.get(code) or FALLBACK.match(name), (media_type, code, name)


def test_vendor_ranges() -> None:
    assert all(identifier_name(c).startswith("vendor specific") for c in range(0x80, 0x100))
    assert all(connector_name(c).startswith("vendor specific") for c in range(0x80, 0x100))
    assert all(host_interface_name(c).startswith("vendor specific") for c in range(0xC0, 0xFF))
    for media_type in (MediaType.OPTICAL_MMF, MediaType.OPTICAL_SMF, MediaType.BASE_T):
        assert all(
            media_interface_name(media_type, c).startswith("vendor specific")
            for c in range(0xC0, 0x100)
        )


# --- table hygiene --------------------------------------------------------------------------


@pytest.mark.parametrize("table_name", list(ALL_TABLES))
def test_tables_have_clean_distinct_names(table_name: str) -> None:
    table = ALL_TABLES[table_name]
    names = list(table.values())
    assert all(name and name == name.strip() for name in names)
    assert len(set(names)) == len(names), "two codes would print the same"
    assert all(0 <= code <= 0xFF for code in table)


def test_every_enum_member_has_a_name() -> None:
    for member in Identifier:
        assert identifier_name(member) == sff8024.IDENTIFIER_NAMES[member.value]
    for member in Connector:
        assert connector_name(member) == sff8024.CONNECTOR_NAMES[member.value]
    for member in MediaType:
        assert not FALLBACK.match(media_type_name(member))


def test_enum_values_match_sff8024() -> None:
    assert Identifier.QSFP_DD == 0x18
    assert Identifier.OSFP == 0x19
    assert Identifier.QSFP_PLUS_CMIS == 0x1E
    assert Connector.LC == 0x07
    assert Connector.MPO_1X16 == 0x28
    assert MediaType.OPTICAL_SMF == 0x02


# --- implied lane counts ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("code", "lanes"),
    [
        (0x51, 8),
        (0x52, 8),
        (0x11, 8),
        (0x4F, 4),
        (0x50, 4),
        (0x4D, 2),
        (0x4B, 1),
        (0x0B, 4),
        (0x55, 16),
        (0x82, 4),
        (0x1D, 8),
    ],
)
def test_host_lane_count_default(code: int, lanes: int) -> None:
    assert host_lane_count_default(code) == lanes


@pytest.mark.parametrize(
    ("media_type", "code", "lanes"),
    [
        (MediaType.OPTICAL_SMF, 0x56, 8),
        (MediaType.OPTICAL_SMF, 0x1C, 4),
        (MediaType.OPTICAL_SMF, 0x1D, 4),
        (MediaType.OPTICAL_SMF, 0x14, 1),
        (MediaType.OPTICAL_SMF, 0x3E, 1),
        (MediaType.OPTICAL_SMF, 0x7F, 8),
        (MediaType.OPTICAL_MMF, 0x12, 8),
        (MediaType.OPTICAL_MMF, 0x09, 4),
        (MediaType.OPTICAL_MMF, 0x0F, 16),
    ],
)
def test_media_lane_count_default(media_type: int, code: int, lanes: int) -> None:
    assert media_lane_count_default(media_type, code) == lanes


def test_lane_count_unknown_where_not_fixed() -> None:
    assert host_lane_count_default(0x00) is None  # undefined
    assert host_lane_count_default(0xFF) is None  # end of list
    assert host_lane_count_default(0x2C) is None  # IB SDR: depends on port width
    assert host_lane_count_default(0xC5) is None  # vendor
    assert media_lane_count_default(MediaType.PASSIVE_COPPER, 0x01) is None
    assert media_lane_count_default(MediaType.BASE_T, 0x04) is None
    assert media_lane_count_default(MediaType.OPTICAL_SMF, 0xC1) is None
    # SR4.2 runs two wavelengths on each of four fibre pairs: its "4" is not the lane count
    assert media_lane_count_default(MediaType.OPTICAL_MMF, 0x1A) is None


def test_lane_counts_only_for_named_codes() -> None:
    assert all(code in sff8024.HOST_ELECTRICAL for code in sff8024.HOST_LANE_COUNTS)
    for media_type, counts in sff8024.MEDIA_LANE_COUNTS.items():
        assert all(code in sff8024.MEDIA_TABLES[media_type] for code in counts)


_ETH_LANES = re.compile(r"^(?:\d+(?:\.\d)?[GT]BASE-[A-Z]+|\S*AUI)-?(\d+)(?![.\d])")


def _named_lane_digit(name: str) -> int | None:
    match = _ETH_LANES.match(name)
    return int(match.group(1)) if match else None


def test_lane_counts_agree_with_ethernet_names() -> None:
    """Where an IEEE name spells the lane count (xxGBASE-DR8, xxGAUI-4) the table agrees."""
    checked = 0
    for code, name in sff8024.HOST_ELECTRICAL.items():
        digit = _named_lane_digit(name)
        if digit is not None:
            assert host_lane_count_default(code) == digit, (hex(code), name)
            checked += 1
    for media_type in (MediaType.OPTICAL_MMF, MediaType.OPTICAL_SMF):
        for code, name in sff8024.MEDIA_TABLES[media_type].items():
            digit = _named_lane_digit(name)
            if digit is not None:
                assert media_lane_count_default(media_type, code) == digit, (hex(code), name)
                checked += 1
    assert checked > 60
