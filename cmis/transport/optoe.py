"""OptoeTransport: the Linux optoe driver's sysfs ``eeprom`` file, in optoe-linear addressing.

Lower memory is file offset 0-127; upper byte ``b`` of (bank, page) is at
``cmis.codec.address.linear_offset(bank, page, b)`` (the driver selects the page itself). A file
that holds a linear image works the same way, which is how this is tested. ``PinFiles`` are the
PDDF cage signals a platform (or ``cmis-emu serve``) puts beside the ``eeprom``.
"""

from __future__ import annotations

import contextlib
import errno
import os
import threading
import weakref
from pathlib import Path

from cmis.codec.address import check_access, halves, linear_offset, page_label
from cmis.errors import TransportError, cut_path

_READ_ONLY = (errno.EACCES, errno.EPERM, errno.EROFS)  # open read-only instead


class OptoeTransport:
    """A Transport over one file; every request is split at 127/128 and mapped to linear offsets.

    The file stays open between accesses (opening it cost a FUSE-served chassis as much as the
    read itself); a failed access closes it, so a restarted server or platform is reopened.
    """

    def __init__(self, path: str | os.PathLike[str]) -> None:
        self.path = Path(path)
        self._fd: int | None = None
        self._writable = False
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
            if self._fd is None:
                try:
                    self._fd, self._writable = os.open(self.path, os.O_RDWR), True
                except OSError as err:
                    if err.errno not in _READ_ONLY:
                        raise
                    self._fd, self._writable = os.open(self.path, os.O_RDONLY), False
                self._closer = weakref.finalize(self, _close_quietly, self._fd)
            if writing and not self._writable:
                return os.open(self.path, os.O_RDWR), True
            return self._fd, False

    def close(self) -> None:
        """Close the kept descriptor; the next access opens the file again."""
        with self._lock:
            if self._fd is not None:
                self._closer()  # closes once; a finalizer run later does nothing
                self._fd = None


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


PIN_FILES = {  # host name -> PDDF file beside the eeprom; text "1"/"0", 1 = asserted
    "present": "xcvr_present",
    "intl": "xcvr_intr_status",
    "lpmode": "xcvr_lpmode",
    "reset": "xcvr_reset",
}


class PinFiles:
    """The cage pins as PDDF files in ``folder`` (``cmis.host.pins.Pins``); a missing file is a
    pin this platform does not expose: it reads None and refuses to be driven."""

    def __init__(self, folder: str | os.PathLike[str]) -> None:
        self.folder = Path(folder)

    @classmethod
    def beside(cls, eeprom: str | os.PathLike[str]) -> PinFiles | None:
        """The pins next to an ``eeprom`` file, or None when there is not one pin file there."""
        folder = Path(eeprom).parent
        has_any = any((folder / name).is_file() for name in PIN_FILES.values())
        return cls(folder) if has_any else None

    def __repr__(self) -> str:
        return f"PinFiles({str(self.folder)!r})"

    @property
    def present(self) -> bool | None:
        return self._get("present")

    @property
    def intl(self) -> bool | None:
        return self._get("intl")

    @property
    def lpmode(self) -> bool | None:
        return self._get("lpmode")

    @lpmode.setter
    def lpmode(self, asserted: bool) -> None:
        self._set("lpmode", asserted)

    @property
    def reset(self) -> bool | None:
        return self._get("reset")

    @reset.setter
    def reset(self, asserted: bool) -> None:
        self._set("reset", asserted)

    def _get(self, pin: str) -> bool | None:
        path = self.folder / PIN_FILES[pin]
        try:
            text = path.read_text(encoding="ascii", errors="replace").strip()
        except FileNotFoundError:
            return None
        except OSError as err:
            raise TransportError(
                f"{cut_path(path)}: reading {pin} pin: {err.strerror or err}", err.errno
            ) from err
        if text not in ("0", "1"):
            raise TransportError(f"{cut_path(path)}: {pin} pin reads {text[:10]!r}, not 0 or 1")
        return text == "1"

    def _set(self, pin: str, asserted: bool) -> None:
        path = self.folder / PIN_FILES[pin]
        if not path.is_file():
            raise TransportError(
                f"{cut_path(self.folder)}: no {PIN_FILES[pin]} file: {pin} pin not driven"
            )
        try:
            with path.open("w", encoding="ascii") as file:  # one write(2), as echo 1 > pin
                file.write("1\n" if asserted else "0\n")
        except OSError as err:
            raise TransportError(
                f"{cut_path(path)}: setting {pin} pin: {err.strerror or err}", err.errno
            ) from err
