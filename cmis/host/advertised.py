"""Is (page, bank) advertised by the module? Flat modules have page 00h only; banked pages need a
bank below BanksSupported; optional pages need their 01h:142 bit; CDB pages need CDB (01h:163).

Pages whose support nothing advertises (vendor pages 80h-9Eh, B0h-FFh...) are let through: only
what the module says it lacks is refused.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from cmis.address import is_banked, page_label
from cmis.cdb_frame import CdbAdvertisement
from cmis.errors import AddressError
from cmis.pages.page01 import parse_page01

if TYPE_CHECKING:
    from cmis.module import Module

# 01h:142 bit name -> the pages it advertises (CMIS 5.x Table 8-42)
OPTIONAL_PAGES = {
    "Page03hSupported": range(0x03, 0x04),
    "Page05hSupported": range(0x05, 0x06),
    "DiagnosticPagesSupported": range(0x13, 0x15),
    "NetworkPathPagesSupported": range(0x16, 0x18),
    "VdmPagesSupported": range(0x20, 0x30),
    "CoherentPagesSupported": range(0x30, 0x50),
}
CDB_PAGES = range(0x9F, 0xB0)


def check_advertised(module: Module, page: int, bank: int = 0) -> None:
    """AddressError naming the page, what the module advertises and where, when it lacks it."""
    if page and not module.paged:
        raise AddressError(f"{module.name} is a flat-memory module (00h:2 bit 7): only page 00h")
    if page == 0:
        return
    banks = max(module.banks, 1)
    if is_banked(page) and page not in CDB_PAGES and bank >= banks:
        raise AddressError(
            f"{page_label(page, bank)}: {module.name} advertises {banks} bank(s) (01h:142 "
            f"bits 1-0): {'bank 0 only' if banks == 1 else f'banks 0-{banks - 1}'}"
        )
    missing = _missing_cdb(module, page, bank) if page in CDB_PAGES else _missing_bit(module, page)
    if missing:
        raise AddressError(f"page {page:02X}h is not advertised by {module.name} ({missing})")


def _missing_cdb(module: Module, page: int, bank: int) -> str:
    adv = CdbAdvertisement.parse(module.read(0x01, 163, 4))
    if bank >= adv.instances:
        return f"bank {bank} is CDB instance {bank + 1}; 01h:163 advertises {adv.instances}"
    if page >= 0xA0 and page - 0xA0 >= adv.epl_pages:
        return f"01h:163 advertises {adv.epl_pages} EPL page(s) from A0h"
    return ""


def _missing_bit(module: Module, page: int) -> str:
    bits = parse_page01(module.page(0x01)).SupportedPages
    for name, pages in OPTIONAL_PAGES.items():
        if page in pages and not bits[name]:
            return f"01h:142 {name} = 0"
    return ""
