"""The two transport contracts (TwiDevice below, Transport above) and the Transaction record."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, Protocol, runtime_checkable

__all__ = ["Transaction", "Transport", "TwiDevice"]


@runtime_checkable
class TwiDevice(Protocol):
    """What the I2C bus sees of a module at one address: the 256-byte window, nothing more.

    ``offset`` is 0-255 within the window; bytes 128-255 show the bank/page last selected by
    writing 126 (BankSelect) and 127 (PageSelect), as on the wire. An access never runs past 255.
    Failures (NACK, absent device, bus fault) raise ``cmis.errors.TransportError``.

    A device may also have integer attributes ``max_read`` (largest read it accepts, 128 if
    absent) and ``max_write`` (largest write, 8 if absent); they are optional, so they are read
    with ``getattr`` rather than declared here.
    """

    def twi_read(self, offset: int, length: int) -> bytes: ...

    def twi_write(self, offset: int, data: bytes) -> None: ...


@runtime_checkable
class Transport(Protocol):
    """What host code uses: CMIS addresses as the spec writes them ("page 11h byte 130").

    ``offset`` 0-127 is lower memory whatever ``page`` is; 128-255 is the upper half of
    ``(bank, page)``. A request may span 127/128; the transport splits it.
    """

    def read(self, page: int, offset: int, length: int, bank: int = 0) -> bytes: ...

    def write(self, page: int, offset: int, data: bytes, bank: int = 0) -> None: ...


@dataclass(frozen=True, slots=True)
class Transaction:
    """One transaction on the device, select writes included, for logs and later replay.

    ``bank``/``page`` name the Transport request it served (for a select write, the selection
    being made); ``offset``/``data`` are exactly what crossed the wire (for a read, the bytes
    returned). A failed attempt is logged with ``error`` set and, for a read, empty ``data``.
    """

    time: float
    op: Literal["read", "write"]
    bank: int
    page: int
    offset: int
    data: bytes
    error: str | None = None
