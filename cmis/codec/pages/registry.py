"""The page Structs by page number, and how to parse a raw page with its cross-page parameters."""

from __future__ import annotations

from construct import Struct

from cmis.codec.pages.laser import Page04h, Page12h
from cmis.codec.pages.lower import LowerMemory
from cmis.codec.pages.page00 import Page00h
from cmis.codec.pages.page01 import Page01h
from cmis.codec.pages.page02 import Page02h
from cmis.codec.pages.page9f import EplPage, Page9Fh
from cmis.codec.pages.page10 import Page10h
from cmis.codec.pages.page11 import Page11h
from cmis.codec.pages.page13 import Page13h
from cmis.codec.pages.page14 import Page14h
from cmis.codec.pages.vdm import VDM_PAGES

LOWER = "lower"

UPPER_PAGES: dict[int, Struct] = {
    0x00: Page00h,
    0x01: Page01h,
    0x02: Page02h,
    0x04: Page04h,
    0x10: Page10h,
    0x11: Page11h,
    0x12: Page12h,
    0x13: Page13h,
    0x14: Page14h,
    **VDM_PAGES,
    0x9F: Page9Fh,
    **{page: EplPage for page in range(0xA0, 0xB0)},
}


def struct_for(page: int | str) -> Struct:
    """The Struct for ``page`` (``"lower"`` for bytes 0-127); KeyError when we have none."""
    return LowerMemory if page == LOWER else UPPER_PAGES[int(page)]


def base_of(page: int | str) -> int:
    """CMIS byte number of the Struct's first byte: 0 for lower memory, 128 for upper pages."""
    return 0 if page == LOWER else 128
