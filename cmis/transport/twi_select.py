"""Sans-I/O TWI addressing: chunks that never cross 127/128, select writes, the per-device cache."""

from __future__ import annotations

import threading
import weakref
from collections.abc import Iterator
from dataclasses import dataclass, field

from cmis.codec.address import MAX_BANK, MAX_PAGE, UPPER, WINDOW, is_banked

BANK_SELECT = 126  # BankSelect; the module acts on it only when PageSelect is written
PAGE_SELECT = 127

Selection = tuple[int, int]  # (bank, page) the device currently maps into bytes 128-255


@dataclass(eq=False)
class DeviceState:
    """What every TwiTransport over one device shares: the lock and the cached selection."""

    lock: threading.RLock = field(default_factory=threading.RLock)
    selected: Selection | None = None
    owner: object = None  # strong reference, kept only for devices that cannot be weakly referenced


_states: dict[int, DeviceState] = {}
_states_lock = threading.Lock()


def state_for(device: object) -> DeviceState:
    """The shared state of ``device``, created on first use and dropped when it is collected."""
    key = id(device)
    with _states_lock:
        state = _states.get(key)
        if state is None:
            state = _states[key] = DeviceState()
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


def one_transaction(page: int, offset: int, length: int, bank: int, limit: int) -> bool:
    """True if the request is valid (as ``check_access`` judges) and fits one transaction."""
    end = offset + length
    return (
        0 < length <= limit
        and (offset >= 0 and end <= UPPER or offset >= UPPER and end <= WINDOW)
        and 0 <= page <= MAX_PAGE
        and (bank == 0 or (is_banked(page) and 0 < bank <= MAX_BANK))
    )


def caller_select(cached: Selection | None, start: int, piece: bytes) -> Selection | None:
    """The selection after a caller's write of ``piece`` at ``start`` (it may hit 126-127):
    both bytes select exactly that; PageSelect alone keeps the bank; BankSelect alone is
    applied by the module only at the next page write, so the selection is unknown."""
    end = start + len(piece)
    has_bank, has_page = start <= BANK_SELECT < end, start <= PAGE_SELECT < end
    if has_bank and has_page:
        return piece[BANK_SELECT - start], piece[PAGE_SELECT - start]
    if has_page and cached is not None:
        return cached[0], piece[PAGE_SELECT - start]
    if has_bank or has_page:
        return None
    return cached
