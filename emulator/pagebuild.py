"""Build a profile's power-on memory through the codec: parse zeros, set fields, build, checksum."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from construct import ConstructError, Struct

from cmis.codec.layout import walk
from cmis.codec.pages.lower import LowerMemory
from cmis.codec.pages.page00 import Page00h, checksum00, page_checksum
from cmis.codec.pages.page01 import CHECKSUM_FIRST, CHECKSUM_LAST, Page01h
from cmis.codec.pages.page02 import Page02h
from cmis.codec.pages.page10 import Page10h
from cmis.codec.pages.page11 import Page11h
from cmis.codec.pages.registry import LOWER
from emulator.diagconfig import diag_pages, diag_settings
from emulator.pagefields import lower, page00, page01, page02, page10, page11
from emulator.profile import Profile, ProfileError
from emulator.vdmmodel import vdm_pages

Pages = dict[Any, bytes]  # LOWER -> lower memory; (bank, page) -> 128-byte upper page
_CDB_FIRST = next(s.first for s in walk(Page01h, 128) if s.path.startswith("CdbSupport."))


def build_pages(profile: Profile) -> Pages:
    """Every page the profile's module has, as it reads right after MgmtInit."""
    pages: Pages = {LOWER: _edit(profile, LowerMemory, lower)}
    diag = diag_settings(profile.data)
    pages[0, 0x00] = _checksummed(_edit(profile, Page00h, page00), 222, checksum00)
    pages[0, 0x01] = _checksummed(_page01_bytes(profile), 255, _sum01)
    pages[0, 0x02] = _checksummed(_edit(profile, Page02h, page02), 255, _sum02)
    for bank in range(profile.banks):
        pages[bank, 0x10] = _edit(profile, Page10h, page10)
        pages[bank, 0x11] = _edit(profile, Page11h, page11, bank=bank)
        if diag is not None:
            pages[bank, 0x13], pages[bank, 0x14] = diag_pages(diag)
    pages.update(vdm_pages(profile))
    adv = profile.data["cdb"]["advertisement"][0]
    for bank in range(min(adv >> 6, 2)):  # bank = CDB instance - 1
        pages[bank, 0x9F] = bytes(128)
        epl_pages = (0, 1, 2, 3, 4, 8, 12, 16)[min(adv & 15, 7)]
        pages.update({(bank, 0xA0 + i): bytes(128) for i in range(epl_pages)})
    return pages


def _edit(profile: Profile, struct: Struct, edit: Callable[..., None], **kw: Any) -> bytes:
    params = {"bias_multiplier": profile.data["optics"]["bias_multiplier"]}
    value = struct.parse(bytes(128), **params)
    try:
        edit(value, profile, **kw)
        return bytes(struct.build(value, **params))
    except (ConstructError, KeyError, TypeError, ValueError) as err:
        raise ProfileError(
            f"profile {profile.name}: cannot build {struct_name(struct)}: {err}"
        ) from err


def struct_name(struct: Struct) -> str:
    names = {id(LowerMemory): "lower memory", id(Page00h): "page 00h", id(Page01h): "page 01h",
             id(Page02h): "page 02h", id(Page10h): "page 10h", id(Page11h): "page 11h"}  # fmt: skip
    return names.get(id(struct), "a page")


def _checksummed(page: bytes, byte: int, checksum: Callable[[bytes], int]) -> bytes:
    out = bytearray(page)
    out[byte - 128] = checksum(page)
    return bytes(out)


def _sum01(page: bytes) -> int:
    return page_checksum(page, CHECKSUM_FIRST, CHECKSUM_LAST)


def _sum02(page: bytes) -> int:
    return page_checksum(page, 128, 254)


def _page01_bytes(p: Profile) -> bytes:
    page = bytearray(_edit(p, Page01h, page01))
    cdb = p.data["cdb"]["advertisement"]
    page[_CDB_FIRST - 128 : _CDB_FIRST - 128 + len(cdb)] = bytes(cdb)  # raw bytes 163-166
    return bytes(page)
