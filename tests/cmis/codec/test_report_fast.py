"""The report decodes through the fast decoder and says exactly what construct's parse would."""

from __future__ import annotations

from contextlib import ExitStack
from typing import Any
from unittest import mock

from hypothesis import given
from hypothesis import strategies as st

from cmis.codec.pages.page11 import LANE_FLAG_NAMES, Page11h
from cmis.codec.report import module_report
from cmis.codec.report_lanes import bank_lanes
from cmis.images import MemoryImage
from cmis.transport.image import ImageTransport

USERS = ("cmis.codec.report", "cmis.codec.report_lanes", "cmis.codec.applications")
PAGE = st.binary(min_size=128, max_size=128)
UPPER = (0x00, 0x01, 0x02, 0x10, 0x11)


def _construct_report(image: MemoryImage) -> dict[str, Any]:
    """module_report with every page parsed by the page Struct itself (``fast`` undone)."""
    with ExitStack() as stack:
        for user in USERS:
            stack.enter_context(mock.patch(f"{user}.fast", lambda struct: struct))
        return module_report(ImageTransport(image))


def _image(lower: bytes | None, pages: dict[int, bytes], bank1: bytes | None) -> MemoryImage:
    image = MemoryImage()
    if lower is not None:
        image.set_lower(lower)
    for page, data in pages.items():
        image.set_page(page, data)
    if bank1 is not None:
        image.set_page(0x11, bank1, bank=1)
    return image


@given(
    lower=st.none() | PAGE,
    pages=st.dictionaries(st.sampled_from(UPPER), PAGE),
    bank1=st.none() | PAGE,
)
def test_fast_report_equals_construct_report(
    lower: bytes | None, pages: dict[int, bytes], bank1: bytes | None
) -> None:
    image = _image(lower, pages, bank1)
    assert module_report(ImageTransport(image)) == _construct_report(image)


def test_sample_report_is_the_same_both_ways(dr8_image: MemoryImage) -> None:
    fast_report = module_report(ImageTransport(dr8_image))
    assert fast_report == _construct_report(dr8_image)
    assert fast_report["lanes"][5]["flags"] == ["OpticalPowerLowWarningFlagRx"]


@given(raw11=PAGE)
def test_lane_flags_are_the_set_bits_of_each_flag_field(raw11: bytes) -> None:
    """Flags come from the raw flag bytes at once: they must name what the Struct decodes."""
    p11 = Page11h.parse(raw11)
    lanes = bank_lanes(0, None, raw11, 1)
    for i, lane in enumerate(lanes):
        assert lane["flags"] == [name for name in LANE_FLAG_NAMES if p11[name] >> i & 1]
