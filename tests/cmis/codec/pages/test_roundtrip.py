"""Every page Struct is lossless: bytes -> values -> bytes, and values -> bytes -> values."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cmis.codec.pages.registry import LOWER, struct_for

from .strategies import plain, values_for

PAGES = [LOWER, 0x00, 0x01, 0x02, 0x10, 0x11, 0x20, 0x24, 0x28, 0x2C, 0x2F, 0x9F, 0xA0]
MULTIPLIERS = st.sampled_from([1, 2, 4])


@pytest.mark.parametrize("page", PAGES, ids=str)
def test_every_page_is_128_bytes(page: int | str) -> None:
    assert struct_for(page).sizeof() == 128


@pytest.mark.parametrize("page", PAGES, ids=str)
@given(data=st.binary(min_size=128, max_size=128), multiplier=MULTIPLIERS)
def test_bytes_round_trip(page: int | str, data: bytes, multiplier: int) -> None:
    struct = struct_for(page)
    value = struct.parse(data, bias_multiplier=multiplier)
    assert struct.build(value, bias_multiplier=multiplier) == data


@pytest.mark.parametrize("page", PAGES, ids=str)
@given(data=st.data(), multiplier=MULTIPLIERS)
def test_values_round_trip(page: int | str, data: st.DataObject, multiplier: int) -> None:
    struct = struct_for(page)
    value = data.draw(values_for(struct, {"bias_multiplier": multiplier}))
    raw = struct.build(value, bias_multiplier=multiplier)
    assert len(raw) == 128
    assert plain(struct.parse(raw, bias_multiplier=multiplier)) == plain(value)
