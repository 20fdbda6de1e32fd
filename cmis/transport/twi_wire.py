"""The device side of TwiTransport: select, one logged transaction, retries of one chunk."""

from __future__ import annotations

from collections.abc import Callable
from typing import Literal, TypeVar

from cmis.clock import Clock
from cmis.codec.address import UPPER, page_label
from cmis.errors import TransportError
from cmis.transport.base import Transaction, TwiDevice
from cmis.transport.twi_select import PAGE_SELECT, DeviceState, chunks, select_write

R = TypeVar("R")


def short_read(got: int, length: int) -> str:
    return f"device returned {got} bytes for a {length}-byte read"


class TwiWire:
    """Device transactions for TwiTransport, which sets these attributes up."""

    device: TwiDevice
    max_write: int
    retries: int
    retry_delay: float
    clock: Clock
    log: Callable[[Transaction], object] | None
    _state: DeviceState

    def _attempt(
        self,
        op: str,
        bank: int,
        page: int,
        offset: int,
        length: int,
        access: Callable[[], R],
        first: TransportError | None = None,
    ) -> R:
        """One chunk: select if it is in upper memory, then access; retried on TransportError.

        ``first`` is the error of an attempt already made (the hot path's), which counts as one.
        """
        last = first or TransportError("no attempt made")
        for attempt in range(1 if first else 0, self.retries + 1):
            if attempt:
                self.clock.sleep(self.retry_delay)
            try:
                if offset >= UPPER:
                    self._select(bank, page)
                return access()
            except TransportError as err:
                last = err
                self._state.selected = None
        raise TransportError(
            f"{op} of {length} byte(s) at {page_label(page, bank)} byte {offset} failed "
            f"after {self.retries + 1} attempt(s): {last}",
            errno=last.errno,
        ) from last

    def _select(self, bank: int, page: int) -> None:
        cached = self._state.selected
        wanted = select_write(cached, bank, page)
        if wanted is None:
            return
        offset, data = wanted
        if len(data) <= self.max_write:
            if self.log is None:  # no transaction log: straight to the device (hot in EPL)
                self.device.twi_write(offset, data)
            else:
                self._twi_write(bank, page, offset, data)
        else:
            # A device that takes 1-byte writes only gets BankSelect then PageSelect; the module
            # applies the bank when the page is written, so the pair still acts as one.
            for start, size in chunks(offset, len(data), self.max_write):
                self._twi_write(bank, page, start, data[start - offset : start - offset + size])
        kept_bank = cached[0] if cached is not None and offset == PAGE_SELECT else bank
        self._state.selected = (kept_bank, page)

    def _twi_read(self, bank: int, page: int, offset: int, length: int) -> bytes:
        try:
            data = bytes(self.device.twi_read(offset, length))
            if len(data) != length:
                raise TransportError(short_read(len(data), length))
        except TransportError as err:
            self._record("read", bank, page, offset, b"", str(err))
            raise
        self._record("read", bank, page, offset, data)
        return data

    def _twi_write(self, bank: int, page: int, offset: int, data: bytes) -> None:
        try:
            self.device.twi_write(offset, data)
        except TransportError as err:
            self._record("write", bank, page, offset, data, str(err))
            raise
        if self.log is not None:
            self._record("write", bank, page, offset, data)

    def _record(
        self,
        op: Literal["read", "write"],
        bank: int,
        page: int,
        offset: int,
        data: bytes,
        error: str | None = None,
    ) -> None:
        if self.log is not None:
            self.log(Transaction(self.clock.now(), op, bank, page, offset, data, error))
