"""optoe-linear access (dev_class 3) onto one module's I2C window, as the SONiC driver does it.

CMIS-DIAG-VDM.md 4.2-4.5: the request is split at every 128-byte boundary; a chunk above page 0
selects its (bank, page) through bytes 126/127, transfers and restores page 0. Page-0 chunks
write no select, so a page a client mapped by writing 127 itself shows through, as with optoe.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from functools import partial
from typing import TypeVar

from cmis.codec.address import PAGE_SIZE, PAGES_PER_BANK
from cmis.errors import TransportError
from cmis.transport.base import TwiDevice

T = TypeVar("T")
BANK_SIZE = PAGES_PER_BANK * PAGE_SIZE  # 32768 linear bytes per bank above lower memory


def eeprom_size(banks: int) -> int:
    """The optoe file size: 257 x 128 for one bank, (256 N + 1) x 128 with N banks."""
    return (PAGES_PER_BANK * banks + 1) * PAGE_SIZE


def chunks(offset: int, length: int) -> Iterator[tuple[int, int, int, int, int]]:
    """(bank, page, byte, length, position in the request) per 128-byte chunk of the access."""
    done = 0
    while done < length:
        where = offset + done
        if where < PAGE_SIZE:
            bank = page = 0
            byte = where
            size = min(length - done, PAGE_SIZE - where)
        else:
            q = where - PAGE_SIZE
            bank, page = q // BANK_SIZE, q // PAGE_SIZE % PAGES_PER_BANK
            byte = PAGE_SIZE + q % PAGE_SIZE
            size = min(length - done, 2 * PAGE_SIZE - byte)
        yield bank, page, byte, size, done
        done += size


class Selector:
    """Selects and restores pages on one device the way optoe does, with its stale-page flag."""

    def __init__(self) -> None:
        self.stale = False  # a restore failed: the next access must write the page explicitly

    def read(self, dev: TwiDevice, offset: int, length: int) -> bytes:
        out = bytearray(length)
        for bank, page, byte, size, at in chunks(offset, length):
            transfer = partial(dev.twi_read, byte, size)
            out[at : at + size] = self._around(dev, bank, page, byte, transfer)
        return bytes(out)

    def write(self, dev: TwiDevice, offset: int, data: bytes, piece: int) -> None:
        for bank, page, byte, size, at in chunks(offset, len(data)):
            transfer = partial(_write, dev, byte, data[at : at + size], piece)
            self._around(dev, bank, page, byte, transfer)

    def _around(
        self, dev: TwiDevice, bank: int, page: int, byte: int, transfer: Callable[[], T]
    ) -> T:
        """Select before the transfer and restore page 0 after it, even when the transfer fails.
        (A plain call, not a context manager: a mounted read is mostly this path.)"""
        if not (self.stale or (byte >= PAGE_SIZE and (bank or page))):
            return transfer()
        self.stale = True  # until page 0 is back
        _select(dev, bank, page)
        try:
            done = transfer()
        except BaseException:
            self._restore(dev, bank, failed=True)
            raise
        self._restore(dev, bank, failed=False)
        return done

    def _restore(self, dev: TwiDevice, bank: int, *, failed: bool) -> None:
        try:
            _select(dev, bank, 0, restore=True)
            self.stale = False
        except TransportError:
            if not failed:
                raise  # else the transfer's own error is the one the caller sees


def _write(dev: TwiDevice, byte: int, data: bytes, piece: int) -> None:
    for start in range(0, len(data), piece):
        dev.twi_write(byte + start, data[start : start + piece])


def _select(dev: TwiDevice, bank: int, page: int, *, restore: bool = False) -> None:
    """Bank 0: one byte to 127; bank > 0: (bank, page) to 126 in one 2-byte write (00h 00h back)."""
    if bank:
        dev.twi_write(126, b"\0\0" if restore else bytes((bank, page)))
    else:
        dev.twi_write(127, bytes((page,)))
