"""TwiTransport: CMIS addressing over any TwiDevice (page select, chunks, retries, locking)."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from cmis.clock import Clock, RealClock
from cmis.codec.address import UPPER, check_access
from cmis.errors import TransportError
from cmis.transport.base import Transaction, TwiDevice
from cmis.transport.twi_select import BANK_SELECT as BANK_SELECT
from cmis.transport.twi_select import PAGE_SELECT as PAGE_SELECT
from cmis.transport.twi_select import Selection, caller_select, chunks, one_transaction, state_for
from cmis.transport.twi_select import select_write as select_write
from cmis.transport.twi_wire import TwiWire, short_read

__all__ = ["TwiTransport"]

DEFAULT_MAX_READ = 128  # a whole page half; SMBus-only devices advertise 32
DEFAULT_MAX_WRITE = 8  # CMIS general write length limit


def _limit(name: str, value: object) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or value < 1:
        raise ValueError(f"{name} must be a positive number of bytes, got {value!r}")
    return value


class TwiTransport(TwiWire):
    """A Transport over one TwiDevice: selects bank/page only when they change, splits transfers
    at the device's limits, retries failed transactions, and serialises access per device.

    - Limits: ``max_read``/``max_write`` arguments, else the device's attributes of the same
      name, else 128 and 8. A caller that may write longer (a CDB client on pages that
      advertise a longer write length) passes ``max_write`` to that one ``write`` call: the
      limit is per call, never shared state another thread's write could pick up.
    - Retries: a transaction that raises TransportError is retried up to ``retries`` more times,
      ``retry_delay`` seconds apart on ``clock``; every failure forgets the cached selection (the
      module may have reset or missed the select), so the retry selects again. Writes are retried
      too: a NACKed write was not taken. The final error names the request and keeps ``errno``.
    - Sharing: every TwiTransport over the same device object shares one re-entrant lock and one
      select cache, so threads cannot interleave a select with another's access, and a second
      transport never trusts a selection the first one changed. The lock is held for a whole
      request, so a multi-chunk read of a page is not interleaved with other host writes.
    - Selects: a bank change is one 2-byte write at 126 (BankSelect, PageSelect); only a device
      with ``max_write`` 1 gets it as 126 then 127, which the module applies at the page write.
    - Caller writes to BankSelect/PageSelect (bytes 126-127) pass through and update the cache:
      both in one transaction select exactly that; PageSelect alone keeps the cached bank;
      BankSelect alone forgets the selection (the module applies it at the next page write).
    - ``log`` receives a Transaction for every device transaction, selects and failures included.
    """

    def __init__(
        self,
        device: TwiDevice,
        *,
        max_read: int | None = None,
        max_write: int | None = None,
        retries: int = 3,
        retry_delay: float = 0.001,
        clock: Clock | None = None,
        log: Callable[[Transaction], object] | None = None,
    ) -> None:
        if retries < 0 or retry_delay < 0:
            raise ValueError(f"retries and retry_delay must be >= 0, got {retries}, {retry_delay}")
        self.device = device
        self.max_read = _limit(
            "max_read",
            max_read if max_read is not None else getattr(device, "max_read", DEFAULT_MAX_READ),
        )
        self.max_write = _limit(
            "max_write",
            max_write if max_write is not None else getattr(device, "max_write", DEFAULT_MAX_WRITE),
        )
        self.retries = retries
        self.retry_delay = retry_delay
        self.clock: Clock = clock if clock is not None else RealClock()
        self.log = log
        self._state = state_for(device)

    def __repr__(self) -> str:
        return (
            f"TwiTransport({self.device!r}, max_read={self.max_read}, max_write={self.max_write})"
        )

    @property
    def selected(self) -> Selection | None:
        """The (bank, page) believed mapped into bytes 128-255, or None if unknown."""
        return self._state.selected

    def invalidate(self) -> None:
        """Forget the cached selection (after a module reset); the next access selects again."""
        with self._state.lock:
            self._state.selected = None

    def read(self, page: int, offset: int, length: int, bank: int = 0) -> bytes:
        if self.log is None and one_transaction(page, offset, length, bank, self.max_read):
            with self._state.lock:
                return self._read_one(bank, page, offset, length)
        check_access(page, offset, length, bank)
        with self._state.lock:
            parts = []
            for start, size in chunks(offset, length, self.max_read):
                access = partial(self._twi_read, bank, page, start, size)
                parts.append(self._attempt("read", bank, page, start, size, access))
            return b"".join(parts)

    def _read_one(self, bank: int, page: int, offset: int, length: int) -> bytes:
        """The hot path (valid, one transaction, no log): the first attempt inline, then retries."""
        try:
            if offset >= UPPER and self._state.selected != (bank, page):
                self._select(bank, page)
            data = self.device.twi_read(offset, length)
            if len(data) != length:
                raise TransportError(short_read(len(data), length))
        except TransportError as err:
            self._state.selected = None
            access = partial(self._twi_read, bank, page, offset, length)
            return self._attempt("read", bank, page, offset, length, access, first=err)
        return data if type(data) is bytes else bytes(data)

    def write(
        self, page: int, offset: int, data: bytes, bank: int = 0, *, max_write: int | None = None
    ) -> None:
        """Write ``data``; ``max_write`` raises the transaction size for this call only."""
        data = bytes(data)
        limit = self.max_write if max_write is None else max_write
        if type(limit) is not int or limit < 1:  # checked inline: EPL writes come 8,192 a MiB
            limit = _limit("max_write", max_write)
        if (
            self.log is None
            and (offset >= UPPER or offset + len(data) <= BANK_SELECT)
            and one_transaction(page, offset, len(data), bank, limit)
        ):
            with self._state.lock:
                self._write_one(bank, page, offset, data)
            return
        check_access(page, offset, len(data), bank)
        with self._state.lock:
            for start, size in chunks(offset, len(data), limit):
                piece = data[start - offset : start - offset + size]
                access = partial(self._twi_write, bank, page, start, piece)
                self._attempt("write", bank, page, start, size, access)
                self._state.selected = caller_select(self._state.selected, start, piece)

    def _write_one(self, bank: int, page: int, offset: int, data: bytes) -> None:
        """The hot path (valid, one transaction, no select byte, no log), as ``_read_one``."""
        try:
            if offset >= UPPER and self._state.selected != (bank, page):
                self._select(bank, page)
            self.device.twi_write(offset, data)
        except TransportError as err:
            self._state.selected = None
            access = partial(self._twi_write, bank, page, offset, data)
            self._attempt("write", bank, page, offset, len(data), access, first=err)
