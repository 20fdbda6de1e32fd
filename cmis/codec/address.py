"""CMIS address arithmetic: bank/page/byte checks and optoe-linear offsets, in one pure place.

Byte addresses are what the module shows on the wire: 0-127 lower memory (always visible),
128-255 the upper half of the selected (bank, page). Pages 00h-0Fh are not banked (bank 0 only);
pages 10h-FFh are banked (lane pages: bank 0 = lanes 1-8; CDB pages 9Fh-AFh: bank = instance).

Linear offsets follow the optoe/SONiC flat layout generalised to banks:
lower byte ``b`` (0-127) -> ``b``; upper byte ``b`` (128-255) of (bank, page) ->
``(bank * 256 + page) * 128 + b``. Page 00h upper is 128-255, page 01h 256-383 and so on.
Unlike SONiC we keep the bank for CDB pages too, so both CDB instances have offsets.
"""

from __future__ import annotations

from cmis.errors import AddressError

__all__ = [
    "PAGE_SIZE",
    "UPPER",
    "WINDOW",
    "check_access",
    "check_page",
    "from_linear",
    "halves",
    "is_banked",
    "linear_offset",
    "page_label",
]

PAGE_SIZE = 128  # bytes in lower memory and in every upper page
UPPER = 128  # first byte address of the paged half of the window
WINDOW = 256  # byte addresses 0-255
FIRST_BANKED_PAGE = 0x10
MAX_PAGE = 0xFF
MAX_BANK = 0xFF
PAGES_PER_BANK = 256
# (bank 255, page FFh, byte 255) is the last linear offset
LAST_LINEAR = (MAX_BANK * PAGES_PER_BANK + MAX_PAGE) * PAGE_SIZE + WINDOW - 1


def is_banked(page: int) -> bool:
    """True for pages 10h-FFh, whose content depends on the bank."""
    return page >= FIRST_BANKED_PAGE


def page_label(page: int, bank: int = 0) -> str:
    """How messages name a page: ``page 01h`` (unbanked) or ``page 11h bank 0`` (banked)."""
    if is_banked(page):
        return f"page {page:02X}h bank {bank}"
    return f"page {page:02X}h"


def check_page(page: int, bank: int = 0) -> None:
    """Raise AddressError unless page and bank are 0-255 and unbanked pages use bank 0."""
    if not 0 <= page <= MAX_PAGE:
        raise AddressError(f"page {page} is out of range (allowed 0-255, i.e. 00h-FFh)")
    if not 0 <= bank <= MAX_BANK:
        raise AddressError(f"bank {bank} is out of range (allowed 0-255)")
    if bank and not is_banked(page):
        raise AddressError(
            f"bank {bank} given for page {page:02X}h: pages 00h-0Fh are not banked (use bank 0)"
        )


def check_access(page: int, offset: int, length: int, bank: int = 0) -> None:
    """Raise AddressError unless ``length`` bytes at byte address ``offset`` fit in 0-255.

    An access may span lower and upper memory (e.g. offset 120, length 16); callers split it.
    """
    check_page(page, bank)
    if not 0 <= offset < WINDOW:
        raise AddressError(
            f"offset {offset} is out of range (allowed 0-255: 0-127 lower memory, "
            f"128-255 the selected page)"
        )
    if length < 1:
        raise AddressError(f"length {length} is too small (an access is at least 1 byte)")
    if offset + length > WINDOW:
        raise AddressError(
            f"{length} bytes at offset {offset} run past byte 255 "
            f"(at most {WINDOW - offset} fit; no access wraps into the next page)"
        )


def halves(start: int, stop: int) -> list[tuple[int, int]]:
    """Byte addresses ``start..stop`` split at 128: the lower-memory and upper-page pieces."""
    if start < UPPER < stop:
        return [(start, UPPER), (UPPER, stop)]
    return [(start, stop)]


def linear_offset(bank: int, page: int, byte: int) -> int:
    """The optoe-linear offset of one byte; lower memory (0-127) ignores page and bank."""
    if not 0 <= byte < WINDOW:
        raise AddressError(f"byte {byte} is out of range (allowed 0-255)")
    if byte < UPPER:
        return byte
    check_page(page, bank)
    return (bank * PAGES_PER_BANK + page) * PAGE_SIZE + byte


def from_linear(offset: int) -> tuple[int, int, int]:
    """``(bank, page, byte)`` for an optoe-linear offset, the inverse of ``linear_offset``.

    Convention: offsets 0-127 are lower memory and come back as ``(0, 0, byte)`` with byte < 128;
    a byte < 128 always means lower memory, whatever the page and bank say.
    """
    if not 0 <= offset <= LAST_LINEAR:
        raise AddressError(f"linear offset {offset} is out of range (allowed 0-{LAST_LINEAR})")
    if offset < UPPER:
        return 0, 0, offset
    bank, page = divmod((offset - UPPER) // PAGE_SIZE, PAGES_PER_BANK)
    if bank and not is_banked(page):
        raise AddressError(
            f"linear offset {offset} would be bank {bank} of page {page:02X}h, "
            f"which does not exist: pages 00h-0Fh are not banked"
        )
    return bank, page, UPPER + (offset - UPPER) % PAGE_SIZE
