"""OptoeTransport: the Linux optoe driver's sysfs ``eeprom`` file, in optoe-linear addressing.

Lower memory is file offset 0-127; upper byte ``b`` of (bank, page) is at
``cmis.codec.address.linear_offset(bank, page, b)`` (the driver selects the page itself). A file
that holds a linear image works the same way, which is how this is tested.
"""

from __future__ import annotations

import os
from pathlib import Path

from cmis.codec.address import check_access, halves, linear_offset, page_label
from cmis.errors import TransportError


class OptoeTransport:
    """A Transport over one file; every request is split at 127/128 and mapped to linear offsets."""

    def __init__(self, path: str | os.PathLike[str]) -> None:
        self.path = Path(path)

    def __repr__(self) -> str:
        return f"OptoeTransport({str(self.path)!r})"

    def read(self, page: int, offset: int, length: int, bank: int = 0) -> bytes:
        check_access(page, offset, length, bank)
        return b"".join(
            self._io(page, bank, start, stop - start, None)
            for start, stop in halves(offset, offset + length)
        )

    def write(self, page: int, offset: int, data: bytes, bank: int = 0) -> None:
        check_access(page, offset, len(data), bank)
        for start, stop in halves(offset, offset + len(data)):
            self._io(page, bank, start, stop - start, bytes(data[start - offset : stop - offset]))

    def _io(self, page: int, bank: int, byte: int, size: int, data: bytes | None) -> bytes:
        where = linear_offset(bank, page, byte)
        op = "read" if data is None else "write"
        what = f"{op} of {size} byte(s) at {page_label(page, bank)} byte {byte}"
        try:
            fd = os.open(self.path, os.O_RDWR if data is not None else os.O_RDONLY)
            try:
                return _transfer(fd, where, size, data)
            finally:
                os.close(fd)
        except OSError as err:
            raise TransportError(f"{self.path}: {what}: {err.strerror or err}", err.errno) from err
        except EOFError as err:
            raise TransportError(f"{self.path}: {what}: {err} (page not in the file?)") from err


def _transfer(fd: int, where: int, size: int, data: bytes | None) -> bytes:
    if data is not None:
        written = os.pwrite(fd, data, where)
        if written != size:
            raise EOFError(f"only {written} of {size} byte(s) written")
        return b""
    got = os.pread(fd, size, where)
    if len(got) != size:
        raise EOFError(f"only {len(got)} of {size} byte(s) read")
    return got
