"""The FUSE operations (mfusepy's Operations interface): file calls in, Chassis calls out.

Thin on purpose: paths come from ``tree``, control text from ``control``, memory and pins from
the chassis ports. Errors are OSErrors with the errno a sysfs/optoe file would give.
"""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from cmis.errors import TransportError
from emulator.chassis import Chassis, ChassisError
from emulator.service.control import Control, ControlError
from emulator.service.tree import PINS, Node, listing, resolve

TEXT_SIZE = 4096  # what sysfs reports for attribute files; reads end at the real text


class ChassisFS:
    """Every operation the mount offers; unimplemented ones answer ENOSYS (libfuse's default)."""

    use_ns = True  # mfusepy: timestamps in ns (no float-seconds deprecation warning)

    def __init__(self, chassis: Chassis) -> None:
        self.chassis = chassis
        self.control = Control(chassis)
        self.uid, self.gid = os.getuid(), os.getgid()
        self.mounted = False  # set once libfuse has mounted and calls init
        self._nodes: dict[str, Node] = {}  # path -> node: every call names one, ports are fixed

    def init(self, path: str) -> None:
        self.mounted = True

    def node(self, path: str) -> Node:
        found = self._nodes.get(path)
        if found is None:
            found = resolve(path, self.chassis.ports)
            if found is None:  # not kept: the cache holds only the mount's few real paths
                raise OSError(errno.ENOENT, os.strerror(errno.ENOENT))
            self._nodes[path] = found
        return found

    def getattr(self, path: str, fh: Any = None) -> dict[str, int]:
        node = self.node(path)
        if node.is_dir:
            mode, size = stat.S_IFDIR | 0o755, 0
        else:
            mode = stat.S_IFREG | (0o644 if node.writable else 0o444)
            size = self._size(node.port) if node.name == "eeprom" else TEXT_SIZE
        return {"st_mode": mode, "st_nlink": 2 if node.is_dir else 1, "st_size": size,
                "st_uid": self.uid, "st_gid": self.gid}  # fmt: skip

    def readdir(self, path: str, fh: Any) -> list[str]:
        return [".", "..", *listing(self.node(path), self.chassis.ports)]

    def open(self, path: str, flags: int) -> int:
        node = self.node(path)
        if (flags & os.O_ACCMODE) != os.O_RDONLY and not node.writable:
            raise OSError(errno.EACCES, os.strerror(errno.EACCES))
        return 0

    def truncate(self, path: str, length: int, fh: Any = None) -> None:
        """``echo 1 > xcvr_lpmode`` opens with O_TRUNC: accepted and ignored, as sysfs does."""
        self.node(path)

    def read(self, path: str, size: int, offset: int, fh: Any) -> bytes:
        node = self.node(path)
        if node.name == "eeprom":
            return self._eeprom_read(str(node.port), size, offset)
        return self._text(node).encode()[offset : offset + size]

    def write(self, path: str, data: bytes, offset: int, fh: Any) -> int:
        node = self.node(path)
        if node.name == "eeprom":
            return self._eeprom_write(str(node.port), bytes(data), offset)
        with _refusals():
            self._command(node, data.decode("ascii", errors="replace"))
        return len(data)

    # --- eeprom: optoe's size, EOF, EFBIG, ENXIO and EIO --------------------------------------

    def _size(self, port: str | None) -> int:
        return self.chassis.port(str(port)).size  # an empty cage keeps its last module's size

    def _eeprom_read(self, port: str, size: int, offset: int) -> bytes:
        with _bus(port):
            stop = min(offset + size, self._size(port))
            return self.chassis.port(port).read(offset, stop - offset) if offset < stop else b""

    def _eeprom_write(self, port: str, data: bytes, offset: int) -> int:
        with _bus(port):
            room = self._size(port) - offset
            if room <= 0:
                raise OSError(errno.EFBIG, os.strerror(errno.EFBIG))
            self.chassis.port(port).write(offset, data[:room])  # sysfs cuts at the end
            return min(len(data), room)

    # --- text files ----------------------------------------------------------------------------

    def _text(self, node: Node) -> str:
        port = str(node.port)
        if node.name in PINS:
            return "1\n" if getattr(self.chassis.port(port), PINS[node.name][0]) else "0\n"
        shows = {
            "fault": lambda: self.control.show_faults(port),
            "cage": lambda: self.control.show_cage(port),
            "links": self.control.show_links,
            "status.json": self.control.show_status,
            "last_error": lambda: self.control.last_error,
        }
        return shows[node.name]()

    def _command(self, node: Node, text: str) -> None:
        port, control = str(node.port), self.control
        if node.name in PINS:
            level, pin = control.pin(port, node.name, text), PINS[node.name][0]
            control.apply(f"{port}/{node.name}", setattr, self.chassis.port(port), pin, level)
        elif node.name == "fault":
            control.fault(port, text)
        elif node.name == "cage":
            control.cage(port, text)
        else:
            control.link(text)


class _bus:  # noqa: N801 (used as a function; a class is cheaper per read than @contextmanager)
    """optoe's errnos: a NACK is EIO, nothing in the cage is ENXIO."""

    def __init__(self, port: str) -> None:
        self.port = port

    def __enter__(self) -> None:
        pass

    def __exit__(self, kind: type[BaseException] | None, err: BaseException | None, _: Any) -> None:
        if isinstance(err, TransportError):
            raise OSError(errno.EIO, f"{self.port}: {err}") from err
        if isinstance(err, ChassisError):
            raise OSError(errno.ENXIO, f"{self.port}: {err}") from err


@contextmanager
def _refusals() -> Iterator[None]:
    try:
        yield
    except ControlError as err:
        raise OSError(errno.EINVAL, str(err)) from err
