"""The emulator's per-byte view of ``cmis.codec.access`` (the one access table; nothing retyped).

``PageAccess`` is the shape the memory's hot path wants: per byte the host-writable bits, the
set of trigger bytes and the first..last clear-on-read byte of one page half.
"""

from __future__ import annotations

from dataclasses import dataclass

from cmis.codec.access import USER_PAGES, PageKey, byte_mask
from cmis.codec.pages.registry import LOWER


@dataclass(frozen=True)
class PageAccess:
    """Per-byte rules of one page half: ``rw[i]`` = host-writable bits of byte ``base + i``."""

    base: int
    rw: bytes
    triggers: frozenset[int]
    cor: tuple[int, int] | None  # first..last COR byte (they are contiguous on both pages)


def _build(page: PageKey) -> PageAccess:
    base = 0 if page == LOWER else 128
    triggers = byte_mask(page, "trigger")
    cor = [base + i for i, m in enumerate(byte_mask(page, "cor")) if m]
    return PageAccess(
        base,
        byte_mask(page, "rw"),
        frozenset(base + i for i, m in enumerate(triggers) if m),
        (cor[0], cor[-1]) if cor else None,
    )


LOWER_ACCESS = _build(LOWER)
PAGE10_ACCESS = _build(0x10)
PAGE11_ACCESS = _build(0x11)
READ_ONLY = PageAccess(128, bytes(128), frozenset(), None)
READ_WRITE = PageAccess(128, b"\xff" * 128, frozenset(), None)  # user NVM and CDB pages
# Pages with host controls or COR flags: 12h (tuning), 13h/14h (PRBS, loopback, results),
# VDM flags (COR), masks (RW) and the freeze control of 2Fh (CMIS-DIAG-VDM.md 1.5-1.6)
_RULED = {
    0x10: PAGE10_ACCESS,
    0x11: PAGE11_ACCESS,
    **{p: _build(p) for p in (0x12, 0x13, 0x14, 0x2C, 0x2D, 0x2F)},
}


def access_for(page: int) -> PageAccess:
    """Rules of an upper page; pages without host controls are read-only."""
    found = _RULED.get(page)
    if found is not None:
        return found
    return READ_WRITE if page in USER_PAGES else READ_ONLY
