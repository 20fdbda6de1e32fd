"""ModuleMemory: a module's bytes over a Transport, with static pages cached and flags recorded.

This is the layer every host helper works on (with a clock and a name for its messages); the
``Module`` facade adds the feature methods on top. Static pages (00h, 01h, 02h) are read once;
every read that covers a clear-on-read flag byte feeds ``flags`` before the bytes are lost, and
a latched module state change drops the cached pages (a module swapped between two polls
powers up through new states, so its pages are read anew).
"""

from __future__ import annotations

from functools import lru_cache

from cmis.clock import Clock, RealClock
from cmis.codec.access import read_only_bytes
from cmis.codec.address import check_access, page_label
from cmis.errors import InputError, WriteRefusedError
from cmis.host.flags import FlagHistory
from cmis.host.timing import Margin
from cmis.transport.base import Transport

STATIC_PAGES = frozenset({0x00, 0x01, 0x02})
STATE_CHANGED = "ModuleStateChangedFlag"  # latched: seen once after any module state change


class ModuleMemory:
    """The CMIS memory of one module behind ``transport``; ``name`` is how messages refer to it."""

    def __init__(
        self,
        transport: Transport,
        *,
        clock: Clock | None = None,
        margin: Margin | None = None,
        name: str = "module",
    ) -> None:
        self.transport = transport
        self.clock: Clock = clock if clock is not None else RealClock()
        self.margin = margin if margin is not None else Margin()
        self.name = name
        self.flags = FlagHistory()
        self._cache: dict[int, bytes] = {}

    def read(self, page: int, offset: int, length: int, bank: int = 0) -> bytes:
        """Bytes at CMIS address (page, offset 0-255, bank); static upper pages come from cache."""
        check_access(page, offset, length, bank)
        if offset >= 128 and page in STATIC_PAGES:
            return self.page(page)[offset - 128 : offset - 128 + length]
        data = self.transport.read(page, offset, length, bank)
        new = self.flags.record(self.clock.now(), page, bank, offset, data)
        if any(event.name == STATE_CHANGED for event in new):
            self._cache.clear()  # a reset, a firmware run or another module in the cage
        return data

    def page(self, page: int, bank: int = 0) -> bytes:
        """The upper 128 bytes of (bank, page); 00h, 01h and 02h are read once and cached."""
        if page in STATIC_PAGES:
            if page not in self._cache:
                self._cache[page] = self.transport.read(page, 128, 128, 0)
            return self._cache[page]
        return self.read(page, 128, 128, bank)

    def lower(self) -> bytes:
        return self.read(0, 0, 128)

    def write(
        self, page: int, offset: int, data: bytes, bank: int = 0, *, force: bool = False
    ) -> None:
        """Write bytes; read-only and vendor bytes are refused (nothing written) unless forced."""
        check_access(page, offset, max(len(data), 1), bank)
        if not data:
            raise InputError("nothing to write: give at least one byte")
        refused = _read_only(page, offset, len(data))
        if refused and not force:
            raise WriteRefusedError(_refusal(page, bank, refused))
        self.transport.write(page, offset, bytes(data), bank)
        if offset + len(data) > 128 and page in STATIC_PAGES:
            self._cache.pop(page, None)

    def write_byte(self, page: int, offset: int, value: int, bank: int = 0) -> None:
        self.write(page, offset, bytes((value,)), bank)

    def update_bits(
        self, page: int, offset: int, set_mask: int, clear_mask: int, bank: int = 0
    ) -> int:
        """Read-modify-write one byte: set ``set_mask`` bits, clear ``clear_mask`` bits; returns
        the byte's new value."""
        old = self.read(page, offset, 1, bank)[0]
        new = (old | set_mask) & ~clear_mask & 0xFF
        if new != old:
            self.write_byte(page, offset, new, bank)
        return new

    def forget_cache(self) -> None:
        """Drop cached static pages (after a reset or a firmware change)."""
        self._cache.clear()
        invalidate = getattr(self.transport, "invalidate", None)
        if callable(invalidate):
            invalidate()

    def timeout(self, seconds: float) -> float:
        """An advertised duration plus this module's margin."""
        return self.margin.apply(seconds)


@lru_cache(maxsize=1024)
def _read_only(page: int, offset: int, length: int) -> list[int]:
    """``read_only_bytes`` remembered per range (the same few control bytes are written often)."""
    return read_only_bytes(page, offset, length)


def _refusal(page: int, bank: int, refused: list[int]) -> str:
    where = page_label(page, bank) if refused[0] >= 128 else "lower memory"
    shown = ", ".join(map(str, refused[:8])) + (" ..." if len(refused) > 8 else "")
    return (
        f"refusing to write {where} byte(s) {shown}: read-only or vendor area "
        f"(see cmis/codec/access.py); use --force (force=True) if you really mean it"
    )
