"""The fast decoder agrees with construct's parse on every leaf of every registered page."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cmis.codec.fast import fast_for
from cmis.codec.pages.registry import LOWER, UPPER_PAGES, struct_for

# One of each distinct Struct: the EPL pages A0h-AFh share one.
PAGES = [LOWER, *dict((id(s), p) for p, s in UPPER_PAGES.items()).values()]
MULTIPLIERS = st.sampled_from([1, 2, 4])  # report.py passes page 01h's bias multiplier


def assert_same(fast: Any, slow: Any, path: str = "page") -> None:
    """Same keys, same nesting, and every leaf of the same type and value (floats exactly)."""
    if isinstance(slow, Mapping):
        assert isinstance(fast, Mapping), path
        assert list(fast) == [k for k in slow if not k.startswith("_")], path
        for key in fast:
            assert_same(getattr(fast, key), slow[key], f"{path}.{key}")
            assert fast[key] is getattr(fast, key), f"{path}.{key} is decoded once and kept"
    elif isinstance(slow, list):
        assert isinstance(fast, list) and len(fast) == len(slow), path
        for i, (f, s) in enumerate(zip(fast, slow, strict=True)):
            assert_same(f, s, f"{path}[{i}]")
    else:
        assert type(fast) is type(slow), f"{path}: {type(fast).__name__} vs {type(slow).__name__}"
        assert fast == slow, f"{path}: {fast!r} vs {slow!r}"


@pytest.mark.parametrize("page", PAGES, ids=str)
@given(data=st.binary(min_size=128, max_size=128), multiplier=MULTIPLIERS)
def test_fast_equals_construct(page: int | str, data: bytes, multiplier: int) -> None:
    slow = struct_for(page).parse(data, bias_multiplier=multiplier)
    fast = fast_for(page).parse(data, bias_multiplier=multiplier)
    assert_same(fast, slow)
    assert fast == slow


@pytest.mark.parametrize("page", PAGES, ids=str)
@pytest.mark.parametrize("fill", [0x00, 0xFF])
def test_fast_equals_construct_at_the_extremes(page: int | str, fill: int) -> None:
    data = bytes([fill]) * 128
    slow = struct_for(page).parse(data, bias_multiplier=4)
    assert_same(fast_for(page).parse(data, bias_multiplier=4), slow)


def test_every_distinct_page_struct_is_covered() -> None:
    assert {id(struct_for(p)) for p in PAGES} == {id(s) for s in UPPER_PAGES.values()} | {
        id(struct_for(LOWER))
    }
