"""I2cDevice: a TwiDevice on a Linux ``/dev/i2c-N`` bus through smbus2 (imported lazily, here only).

Two framings, chosen from the adapter's functionality bits unless forced:
- ``"i2c"``: plain I2C messages (``i2c_rdwr``): write the offset, repeated start, read up to 128
  bytes; a write is one message ``[offset, data...]``.
- ``"smbus"``: SMBus I2C-block transfers for adapters that only speak SMBus (many switch CPUs):
  at most 32 bytes per transfer, which ``TwiTransport`` honours through ``max_read``/``max_write``.
- ``"byte"``: SMBus byte-data transfers, one byte each, for the most limited adapters.
Errors (NACK = ENXIO/EREMOTEIO, EIO, ETIMEDOUT, ...) become ``TransportError`` with the errno.
"""

from __future__ import annotations

from typing import Any

from cmis.errors import TargetError, TransportError

I2C_FUNC = 0x0000_0001  # I2C_FUNC_I2C: plain messages
SMBUS_BLOCK_FUNCS = 0x0400_0000 | 0x0800_0000  # I2C_FUNC_SMBUS_{READ,WRITE}_I2C_BLOCK
BYTE_DATA_FUNCS = 0x0008_0000 | 0x0010_0000  # I2C_FUNC_SMBUS_{READ,WRITE}_BYTE_DATA
SMBUS_BLOCK = 32
MODES = ("auto", "i2c", "smbus", "byte")
LIMITS = {"i2c": 128, "smbus": SMBUS_BLOCK, "byte": 1}  # largest transfer of each framing


def pick_mode(funcs: int, wanted: str = "auto") -> str:
    """The framing to use: ``wanted`` if the adapter supports it, else the best it has."""
    if wanted not in MODES:
        raise TargetError(f"I2C mode {wanted!r} is not one of {', '.join(MODES)}")
    if wanted != "auto":
        return wanted  # forcing is allowed even when the bits say no: some drivers under-report
    needs = {"i2c": I2C_FUNC, "smbus": SMBUS_BLOCK_FUNCS, "byte": BYTE_DATA_FUNCS}
    for mode, bits in needs.items():
        if funcs & bits == bits:
            return mode
    raise TransportError(
        f"the adapter supports no I2C messages and no SMBus block or byte "
        f"transfers (functionality 0x{funcs:08x})"
    )


class I2cDevice:
    """The 256-byte window of the module at ``address`` on ``bus`` (an smbus2.SMBus or a fake)."""

    def __init__(self, bus: Any, address: int = 0x50, *, mode: str = "auto", max_write: int = 8):
        self.bus = bus
        self.address = address
        self.mode = pick_mode(int(getattr(bus, "funcs", 0) or 0), mode)
        self.max_read = LIMITS[self.mode]
        self.max_write = min(max_write, LIMITS[self.mode])

    def __repr__(self) -> str:
        return f"I2cDevice(0x{self.address:02x}, mode={self.mode!r})"

    def _fits(self, op: str, length: int, limit: int) -> None:
        """A transfer longer than the framing allows never reaches the bus (smbus2 would raise a
        ValueError, a driver might truncate): it is this caller's error, said as a bus error."""
        if length > limit:
            raise TransportError(
                f"I2C {op} of {length} bytes is longer than {self.mode} mode allows ({limit})"
            )

    def twi_read(self, offset: int, length: int) -> bytes:
        self._fits("read", length, self.max_read)
        with _errors("read", offset, length):
            if self.mode == "smbus":
                return bytes(self.bus.read_i2c_block_data(self.address, offset, length))
            if self.mode == "byte":
                return bytes(
                    self.bus.read_byte_data(self.address, offset + i) for i in range(length)
                )
            from smbus2 import i2c_msg

            select, data = i2c_msg.write(self.address, [offset]), i2c_msg.read(self.address, length)
            self.bus.i2c_rdwr(select, data)
            return bytes(data)

    def twi_write(self, offset: int, data: bytes) -> None:
        self._fits("write", len(data), LIMITS[self.mode])
        with _errors("write", offset, len(data)):
            if self.mode == "smbus":
                self.bus.write_i2c_block_data(self.address, offset, list(data))
                return
            if self.mode == "byte":
                for i, value in enumerate(data):
                    self.bus.write_byte_data(self.address, offset + i, value)
                return
            from smbus2 import i2c_msg

            self.bus.i2c_rdwr(i2c_msg.write(self.address, bytes((offset,)) + bytes(data)))

    def close(self) -> None:
        close = getattr(self.bus, "close", None)
        if callable(close):
            close()


class _errors:
    """Turns an OSError of one access into TransportError with its errno."""

    def __init__(self, op: str, offset: int, length: int) -> None:
        self.what = f"I2C {op} of {length} byte(s) at offset {offset}"

    def __enter__(self) -> None:
        return None

    def __exit__(self, kind: object, err: BaseException | None, tb: object) -> None:
        if isinstance(err, OSError):
            raise TransportError(f"{self.what}: {err.strerror or err}", errno=err.errno) from err


def open_smbus(path: str) -> Any:
    """smbus2.SMBus on ``path``; a missing bus or smbus2 is bad input with a hint."""
    try:
        from smbus2 import SMBus
    except ImportError as err:
        raise TargetError("i2c: targets need smbus2 (pip install smbus2)") from err
    try:
        return SMBus(path)
    except FileNotFoundError as err:
        raise TargetError(f"i2c: {path} does not exist (load i2c-dev; see i2cdetect -l)") from err
    except PermissionError as err:
        raise TargetError(f"i2c: no permission to open {path} (root or the i2c group)") from err
