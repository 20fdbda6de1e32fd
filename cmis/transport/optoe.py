"""OptoeTransport: the Linux optoe driver's sysfs ``eeprom`` file, in optoe-linear addressing.

Lower memory is file offset 0-127; upper byte ``b`` of (bank, page) is at
``cmis.codec.address.linear_offset(bank, page, b)`` (the driver selects the page itself). A file
that holds a linear image works the same way, which is how this is tested. The PDDF cage
signals beside the ``eeprom`` are ``cmis.transport.pinfiles``.
"""

from __future__ import annotations

import contextlib
import errno
import os
import threading
import weakref
from pathlib import Path

from cmis.codec.address import check_access, halves, linear_offset, page_label
from cmis.errors import TransportError

_READ_ONLY = (errno.EACCES, errno.EPERM, errno.EROFS)  # open read-only instead


class OptoeTransport:
    """A Transport over one file; every request is split at 127/128 and mapped to linear offsets.

    The file stays open between accesses (opening it cost a FUSE-served chassis as much as the
    read itself); a failed access closes it, so a restarted server or platform is reopened, and
    a file replaced under the same name (a saved image swapped) is reopened at the next access.
    """

    def __init__(self, path: str | os.PathLike[str]) -> None:
        self.path = Path(path)
        self._fd: int | None = None
        self._writable = False
        self._identity: tuple[int, int] = (0, 0)
        self._closer: weakref.finalize[[int], OptoeTransport] | None = None
        self._lock = threading.Lock()

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
            fd, own = self._descriptor(writing=data is not None)
            try:
                return _transfer(fd, where, size, data)
            finally:
                if own:
                    os.close(fd)
        except OSError as err:
            self.close()
            raise TransportError(f"{self.path}: {what}: {err.strerror or err}", err.errno) from err
        except EOFError as err:
            raise TransportError(f"{self.path}: {what}: {err} (page not in the file?)") from err

    def _descriptor(self, writing: bool) -> tuple[int, bool]:
        """The kept descriptor (read-write where allowed), or a one-off one for a write to a file
        we could only open read-only (so the write fails with the file's own error)."""
        with self._lock:
            now = os.stat(self.path)  # a replaced or removed file is not the one we hold open
            if (now.st_dev, now.st_ino) != self._identity:
                self._drop()
            if self._fd is None:
                self._open()
            assert self._fd is not None
            if writing and not self._writable:
                return os.open(self.path, os.O_RDWR), True
            return self._fd, False

    def _open(self) -> None:
        try:
            fd, self._writable = os.open(self.path, os.O_RDWR), True
        except OSError as err:
            if err.errno not in _READ_ONLY:
                raise
            fd, self._writable = os.open(self.path, os.O_RDONLY), False
        self._fd, self._closer = fd, weakref.finalize(self, _close_quietly, fd)
        kept = os.fstat(fd)
        self._identity = (kept.st_dev, kept.st_ino)

    def _drop(self) -> None:
        if self._closer is not None:
            self._closer()  # closes once; the finalizer does nothing at collection
        self._fd, self._closer, self._identity = None, None, (0, 0)

    def close(self) -> None:
        """Close the kept descriptor; the next access opens the file again."""
        with self._lock:
            self._drop()


def _close_quietly(fd: int) -> None:
    with contextlib.suppress(OSError):  # the file went away (a stopped FUSE server)
        os.close(fd)


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
