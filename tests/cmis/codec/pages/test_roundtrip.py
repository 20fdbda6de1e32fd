"""Every page Struct is lossless: bytes -> values -> bytes, and values -> bytes -> values."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cmis.codec.pages.registry import LOWER, UPPER_PAGES, struct_for

from .strategies import plain, values_for

# one page per distinct Struct in the registry, so a new page is covered when it is registered
PAGES = [LOWER, *dict((id(s), p) for p, s in UPPER_PAGES.items()).values()]
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
@settings(max_examples=max(settings.default.max_examples // 2, 25))  # per page: dev 25, ci 300
@given(data=st.data(), multiplier=MULTIPLIERS)
def test_values_round_trip(page: int | str, data: st.DataObject, multiplier: int) -> None:
    struct = struct_for(page)
    value = data.draw(values_for(struct, {"bias_multiplier": multiplier}))
    raw = struct.build(value, bias_multiplier=multiplier)
    assert len(raw) == 128
    assert plain(struct.parse(raw, bias_multiplier=multiplier)) == plain(value)
