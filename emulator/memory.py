"""The module's memory: one bytearray per (bank, page) plus lower memory, with host access rules.

Selection (CMIS.md 1.3): byte 126 stores BankSelect but the module acts on it only when byte 127
(PageSelect) is written, alone or in the same write. A (bank, page) the module does not have
keeps the written PageSelect (so a host's cached selection stays true) and reads as zeros;
writes to it are ACKed and ignored.
"""

from __future__ import annotations

import errno

from cmis.codec.address import is_banked
from cmis.codec.pages.registry import LOWER
from cmis.errors import TransportError
from emulator.access import LOWER_ACCESS, READ_ONLY, READ_WRITE, PageAccess, access_for
from emulator.addresses import BANK_SELECT, PAGE_SELECT
from emulator.pagebuild import Pages

GENERAL_WRITE_LIMIT = 8  # bytes per WRITE unless a CDB page advertises more (CMIS.md 1.5)
Key = tuple[int, int]  # (bank, page) of an upper page; bank 0 for pages 00h-0Fh
_LOWER_COR_FIRST, _LOWER_COR_LAST = LOWER_ACCESS.cor or (256, -1)
# BankSelect/PageSelect are plain RW bytes with no trigger: a write of only them (the commonest
# write there is) can skip the per-byte rules; derived, so a changed access table turns it off
_PLAIN_SELECT = LOWER_ACCESS.rw[BANK_SELECT : PAGE_SELECT + 1] == b"\xff" * (
    PAGE_SELECT - BANK_SELECT + 1
) and not LOWER_ACCESS.triggers & {BANK_SELECT, PAGE_SELECT}
_SELECT_FAST_FIRST = BANK_SELECT if _PLAIN_SELECT else 128


def page_key(bank: int, page: int) -> Key:
    return (bank if is_banked(page) else 0, page)


# per page number: banked or not, and its rules; selects are the commonest write there is
_BANKED = [is_banked(page) for page in range(256)]
_ACCESS = [access_for(page) for page in range(256)]


class Memory:
    """Lower memory and every upper page, the current selection and the per-byte access rules."""

    def __init__(self, template: Pages, write_limits: dict[int, int]) -> None:
        self.template = template
        self.write_limits = write_limits  # page -> longest WRITE it accepts (CDB pages)
        self.lower = bytearray(128)
        self.pages: dict[Key, bytearray] = {}
        self.selected: Key = (0, 0)
        self.upper = bytearray(128)
        self.upper_access: PageAccess = READ_ONLY
        self.upper_limit = GENERAL_WRITE_LIMIT  # longest WRITE the selected page takes
        self.flags_read = False  # a read cleared set COR bits; the owner refreshes IntL
        self.reset()

    def reset(self) -> None:
        """Back to the power-on content (MgmtInit loads the defaults)."""
        self.lower[:] = self.template[LOWER]
        self.pages = {key: bytearray(data) for key, data in self.template.items() if key != LOWER}
        self._select(0, 0)

    def save(self) -> tuple[bytes, dict[Key, bytes], Key]:
        return bytes(self.lower), {k: bytes(v) for k, v in self.pages.items()}, self.selected

    def load(self, saved: tuple[bytes, dict[Key, bytes], Key]) -> None:
        lower, pages, selected = saved
        self.lower[:] = lower
        self.pages = {key: bytearray(data) for key, data in pages.items()}
        self._select(*selected)

    def page(self, bank: int, page: int) -> bytearray:
        """An existing upper page (KeyError if the module does not have it)."""
        return self.pages[(bank, page) if _BANKED[page] else (0, page)]

    def _select(self, bank: int, page: int) -> None:
        key = (bank, page) if _BANKED[page] else (0, page)
        self.selected = key
        found = self.pages.get(key)
        self.upper = found if found is not None else bytearray(128)
        self.upper_access = _ACCESS[page] if found is not None else READ_ONLY
        self.upper_limit = max(
            GENERAL_WRITE_LIMIT, self.write_limits.get(page, 0) if found is not None else 0
        )

    def read(self, offset: int, length: int) -> bytes:
        """Bytes ``offset..offset+length-1`` of the window; clears the COR bytes it covers."""
        end = offset + length
        if end <= 128:
            data = bytes(self.lower[offset:end])
        elif offset >= 128:
            data = bytes(self.upper[offset - 128 : end - 128])
        else:
            data = bytes(self.lower[offset:]) + bytes(self.upper[: end - 128])
        if offset <= _LOWER_COR_LAST and end > _LOWER_COR_FIRST:  # page reads skip both calls
            self._clear_on_read(LOWER_ACCESS, self.lower, offset, end)
        if end > 128 and self.upper_access.cor is not None:
            self._clear_on_read(self.upper_access, self.upper, offset, end)
        return data

    def _clear_on_read(self, access: PageAccess, buf: bytearray, offset: int, end: int) -> None:
        if access.cor is None:
            return
        first, last = max(offset, access.cor[0]), min(end - 1, access.cor[1])
        if first <= last:
            base = access.base
            zeros = bytes(last - first + 1)
            if buf[first - base : last - base + 1] != zeros:  # clearing zeros changes nothing
                buf[first - base : last - base + 1] = zeros
                self.flags_read = True

    def write(self, offset: int, data: bytes) -> list[tuple[int, int]]:
        """Store ``data`` per the access rules; returns the (address, value) triggers it hit."""
        end = offset + len(data)
        if offset >= _SELECT_FAST_FIRST and end <= 128:  # a bank/page select (never too long)
            self.lower[offset:end] = data
            if end > PAGE_SELECT:
                self._select(self.lower[BANK_SELECT], self.lower[PAGE_SELECT])
            return []
        if offset >= 128 and self.upper_access is READ_WRITE:  # CDB pages: plain storage, fast
            if len(data) > self.upper_limit:
                self.check_write_length(offset, len(data))  # NACKs
            self.upper[offset - 128 : end - 128] = data
            return []
        self.check_write_length(offset, len(data))
        triggers = []
        for address, value in enumerate(data, offset):
            access, buf = (
                (LOWER_ACCESS, self.lower) if address < 128 else (self.upper_access, self.upper)
            )
            index = address - access.base
            mask = access.rw[index]
            buf[index] = (buf[index] & ~mask) | (value & mask)
            if address in access.triggers:
                triggers.append((address, value))
        if offset <= PAGE_SELECT < offset + len(data):
            self._select(self.lower[BANK_SELECT], self.lower[PAGE_SELECT])
        return triggers

    def check_write_length(self, offset: int, length: int) -> None:
        if length <= GENERAL_WRITE_LIMIT:
            return
        limit = self.upper_limit if offset >= 128 else GENERAL_WRITE_LIMIT
        if length > limit:
            raise TransportError(
                f"NACK: a {length}-byte write at byte {offset} exceeds the module's limit of "
                f"{limit} bytes (CMIS.md 1.5); split it into writes of at most {limit}",
                errno=errno.EIO,
            )
