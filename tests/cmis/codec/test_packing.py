"""The one DPConfig codec and the one lane-array codec agree with the page Structs."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cmis.codec.codes import DataPathState
from cmis.codec.fields import LaneNibbles, nibble_table, pack_lanes, unpack_lanes
from cmis.codec.pages.common import DPConfig, pack_dpconfig, unpack_dpconfig


@given(st.integers(0, 255))
def test_dpconfig_codec_matches_the_struct(raw: int) -> None:
    parsed = DPConfig.parse(bytes([raw]))
    fields = (parsed.AppSelCode, parsed.DataPathID, parsed.ExplicitControl)
    assert unpack_dpconfig(raw) == fields
    assert pack_dpconfig(*fields) == raw


@pytest.mark.parametrize("appsel, path_id", [(16, 0), (1, 8), (-1, 0)])
def test_dpconfig_values_that_would_spill_are_refused(appsel: int, path_id: int) -> None:
    with pytest.raises(ValueError, match="does not fit"):
        pack_dpconfig(appsel, path_id)


@given(st.binary(min_size=1, max_size=8), st.sampled_from([1, 2, 4, 8]))
def test_lane_packing_round_trips(raw: bytes, bits: int) -> None:
    assert pack_lanes(unpack_lanes(raw, bits), bits) == raw


def test_lane_one_is_the_low_nibble_and_wide_values_are_refused() -> None:
    assert unpack_lanes(b"\x21", 4) == [1, 2]
    with pytest.raises(ValueError, match="0-15"):
        pack_lanes([16, 0], 4)


@given(st.binary(min_size=4, max_size=4))
def test_nibble_table_decodes_like_the_struct(raw: bytes) -> None:
    table = nibble_table(DataPathState)
    assert [code for byte in raw for code in table[byte]] == LaneNibbles(4, DataPathState).parse(
        raw
    )
