"""What a module advertises: paging, banks, lanes, applications, durations and its pages.

Is (page, bank) advertised? Flat modules have page 00h only; banked pages need a bank below
BanksSupported; optional pages need their 01h:142 bit; CDB pages need CDB (01h:163).

Pages whose support nothing advertises (vendor pages 80h-9Eh, B0h-FFh...) are let through: only
what the module says it lacks is refused.
"""

from __future__ import annotations

from functools import lru_cache

from cmis.cdb.frame import CdbAdvertisement
from cmis.codec.address import is_banked, page_label
from cmis.codec.applications import Application, decode_applications
from cmis.codec.pages.page01 import lane_banks, parse_page01
from cmis.errors import AddressError
from cmis.host.memory import ModuleMemory
from cmis.host.registers import LANES_PER_BANK, LOWER_SPANS
from cmis.host.timing import Durations

# lower memory bytes the application list needs: MediaType and the eight descriptors
_APP_SPANS = [s for p, s in LOWER_SPANS.items() if p == "MediaType" or p.startswith("ApplicationD")]
APPS_FIRST, APPS_LAST = min(s.first for s in _APP_SPANS), max(s.last for s in _APP_SPANS)

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


def check_advertised(module: ModuleMemory, page: int, bank: int = 0) -> None:
    """AddressError naming the page, what the module advertises and where, when it lacks it."""
    if page and not paged(module):
        raise AddressError(f"{module.name} is a flat-memory module (00h:2 bit 7): only page 00h")
    if page == 0:
        return
    count = max(banks(module), 1)
    if is_banked(page) and page not in CDB_PAGES and bank >= count:
        raise AddressError(
            f"{page_label(page, bank)}: {module.name} advertises {count} bank(s) (01h:142 "
            f"bits 1-0): {'bank 0 only' if count == 1 else f'banks 0-{count - 1}'}"
        )
    missing = _missing_cdb(module, page, bank) if page in CDB_PAGES else _missing_bit(module, page)
    if missing:
        raise AddressError(f"page {page:02X}h is not advertised by {module.name} ({missing})")


def _missing_cdb(module: ModuleMemory, page: int, bank: int) -> str:
    adv = CdbAdvertisement.parse(module.read(0x01, 163, 4))
    if bank >= adv.instances:
        return f"bank {bank} is CDB instance {bank + 1}; 01h:163 advertises {adv.instances}"
    if page >= 0xA0 and page - 0xA0 >= adv.epl_pages:
        return f"01h:163 advertises {adv.epl_pages} EPL page(s) from A0h"
    return ""


def _missing_bit(module: ModuleMemory, page: int) -> str:
    bits = parse_page01(module.page(0x01)).SupportedPages
    for name, pages in OPTIONAL_PAGES.items():
        if page in pages and not bits[name]:
            return f"01h:142 {name} = 0"
    return ""


def paged(module: ModuleMemory) -> bool:
    return not module.read(0, 2, 1)[0] & 0x80


def banks(module: ModuleMemory) -> int:
    """Lane banks of eight lanes (page 01h byte 142 bits 1-0); 0 for a flat module."""
    return lane_banks(module.page(0x01)) if paged(module) else 0


def lane_count(module: ModuleMemory) -> int:
    """Host lanes are 1..lane_count: eight per bank (a flat module still has lanes 1-8)."""
    return LANES_PER_BANK * max(banks(module), 1)


def applications(module: ModuleMemory) -> list[Application]:
    """Just the descriptor bytes are read; decoding is remembered by their content."""
    raw = module.read(0, APPS_FIRST, APPS_LAST - APPS_FIRST + 1)
    return list(_decode(raw, module.page(0x01) if paged(module) else None))


@lru_cache(maxsize=64)
def _decode(raw: bytes, page01: bytes | None) -> list[Application]:
    lower = bytes(APPS_FIRST) + raw + bytes(127 - APPS_LAST)
    return decode_applications(lower, page01)


def application(module: ModuleMemory, appsel: int) -> Application | None:
    return next((app for app in applications(module) if app.appsel == appsel), None)


def durations(module: ModuleMemory) -> Durations:
    return _durations(module.page(0x01))


@lru_cache(maxsize=16)
def _durations(page01: bytes) -> Durations:
    return Durations.from_page01(page01)


def supported_pages(module: ModuleMemory) -> list[str]:
    """Every page the module advertises, as ``"13h"`` names: the required ones, the optional
    ones of 01h:142 (OPTIONAL_PAGES), VDM pages only for the groups 2Fh:128 covers (reading an
    uncovered one shows page 00h instead: CMIS-DIAG-VDM.md 1.1)."""
    if not paged(module):
        return ["00h"]
    bits = parse_page01(module.page(0x01)).SupportedPages
    pages = [0x00, 0x01, 0x02, 0x10, 0x11]
    for name, span in OPTIONAL_PAGES.items():
        if bits.get(name) is True:
            pages += _vdm_pages(module) if name == "VdmPagesSupported" else list(span)
    return [f"{page:02X}h" for page in sorted(pages)]


def _vdm_pages(module: ModuleMemory) -> list[int]:
    groups = (module.read(0x2F, 128, 1)[0] & 0x03) + 1
    per_group = [0x20 + g for g in range(groups)] + [0x24 + g for g in range(groups)]
    return per_group + [0x28 + g for g in range(groups)] + [0x2C, 0x2D, 0x2F]
