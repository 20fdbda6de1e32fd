"""TwiTransport: CMIS addressing over any TwiDevice (page select, chunks, retries, locking)."""

from __future__ import annotations

import threading
import weakref
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import partial
from typing import Literal, TypeVar

from cmis.clock import Clock, RealClock
from cmis.codec.address import (
    MAX_BANK,
    MAX_PAGE,
    UPPER,
    WINDOW,
    check_access,
    is_banked,
    page_label,
)
from cmis.errors import TransportError
from cmis.transport.base import Transaction, TwiDevice

__all__ = ["TwiTransport"]

BANK_SELECT = 126  # BankSelect; the module acts on it only when PageSelect is written
PAGE_SELECT = 127
DEFAULT_MAX_READ = 128  # a whole page half; SMBus-only devices advertise 32
DEFAULT_MAX_WRITE = 8  # CMIS general write length limit

Selection = tuple[int, int]  # (bank, page) the device currently maps into bytes 128-255
R = TypeVar("R")


@dataclass(eq=False)
class _DeviceState:
    """What every TwiTransport over one device shares: the lock and the cached selection."""

    lock: threading.RLock = field(default_factory=threading.RLock)
    selected: Selection | None = None
    owner: object = None  # strong reference, kept only for devices that cannot be weakly referenced


_states: dict[int, _DeviceState] = {}
_states_lock = threading.Lock()


def _state_for(device: object) -> _DeviceState:
    """The shared state of ``device``, created on first use and dropped when it is collected."""
    key = id(device)
    with _states_lock:
        state = _states.get(key)
        if state is None:
            state = _states[key] = _DeviceState()
            try:
                weakref.finalize(device, _states.pop, key, None)
            except TypeError:
                state.owner = device  # keep it alive so its id cannot be reused by another device
        return state


def chunks(offset: int, length: int, limit: int) -> Iterator[tuple[int, int]]:
    """Split ``offset..offset+length`` into ``(offset, size)`` pieces of at most ``limit`` bytes
    that never cross 127/128 or run past 255."""
    end = offset + length
    while offset < end:
        boundary = UPPER if offset < UPPER else WINDOW
        size = min(offset + limit, end, boundary) - offset
        yield offset, size
        offset += size


def select_write(cached: Selection | None, bank: int, page: int) -> tuple[int, bytes] | None:
    """The select write (offset, data) that maps ``(bank, page)`` into 128-255, or None if mapped.

    A bank change must write BankSelect and PageSelect together; a page-only change writes
    PageSelect alone; for unbanked pages (< 10h) the bank does not matter.
    """
    if cached is None or (is_banked(page) and cached[0] != bank):
        return BANK_SELECT, bytes((bank, page))
    if cached[1] != page:
        return PAGE_SELECT, bytes((page,))
    return None


def _one_transaction(page: int, offset: int, length: int, bank: int, limit: int) -> bool:
    """True if the request is valid (as ``check_access`` judges) and fits one transaction."""
    end = offset + length
    return (
        0 < length <= limit
        and (offset >= 0 and end <= UPPER or offset >= UPPER and end <= WINDOW)
        and 0 <= page <= MAX_PAGE
        and (bank == 0 or (is_banked(page) and 0 < bank <= MAX_BANK))
    )


def _short_read(got: int, length: int) -> str:
    return f"device returned {got} bytes for a {length}-byte read"


def _limit(name: str, value: object) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or value < 1:
        raise ValueError(f"{name} must be a positive number of bytes, got {value!r}")
    return value


class TwiTransport:
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
        self._state = _state_for(device)

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
        if self.log is None and _one_transaction(page, offset, length, bank, self.max_read):
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
                raise TransportError(_short_read(len(data), length))
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
            and _one_transaction(page, offset, len(data), bank, limit)
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
                self._track_caller_select(start, piece)

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

    def _track_caller_select(self, start: int, piece: bytes) -> None:
        end = start + len(piece)
        has_bank, has_page = start <= BANK_SELECT < end, start <= PAGE_SELECT < end
        cached = self._state.selected
        if has_bank and has_page:
            self._state.selected = (piece[BANK_SELECT - start], piece[PAGE_SELECT - start])
        elif has_page and cached is not None:
            self._state.selected = (cached[0], piece[PAGE_SELECT - start])
        elif has_bank or has_page:
            self._state.selected = None

    def _twi_read(self, bank: int, page: int, offset: int, length: int) -> bytes:
        try:
            data = bytes(self.device.twi_read(offset, length))
            if len(data) != length:
                raise TransportError(_short_read(len(data), length))
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
