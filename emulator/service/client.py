"""The client side of the control files: what ``cmis-emu fault|link|status...`` write and read."""

from __future__ import annotations

import errno
import json
import os
from pathlib import Path
from typing import Any

from cmis.errors import cut, cut_path
from emulator.service.mount import ServiceError
from emulator.service.tree import CONTROL_DIR


class Mount:
    """A running ``cmis-emu serve`` mount, found by its ``.control`` directory."""

    def __init__(self, directory: str | os.PathLike[str]) -> None:
        self.path = Path(directory)
        try:
            is_mount = (self.path / CONTROL_DIR).is_dir()
        except OSError as err:  # ENOTCONN: the server was killed
            raise ServiceError(f"{cut_path(self.path)}: {err.strerror} (server gone?)") from err
        if not is_mount:
            raise ServiceError(
                f"{cut_path(self.path)} is not a cmis-emu mount (start one: cmis-emu serve)"
            )

    def ports(self) -> list[str]:
        return [name for name in os.listdir(self.path) if name != CONTROL_DIR]  # chassis order

    def port_file(self, port: str, name: str) -> Path:
        if "/" in port or port.startswith(".") or not (self.path / port).is_dir():
            ports = self.ports()
            span = f"{ports[0]}..{ports[-1]}" if ports else "none"
            raise ServiceError(f"no port {cut(port)}; ports are {span}")
        return self.path / port / name

    def control_file(self, name: str) -> Path:
        return self.path / CONTROL_DIR / name

    def send(self, path: Path, text: str) -> None:
        """One write of one command; a refusal comes back as the service's own one-line reason."""
        try:
            fd = os.open(path, os.O_WRONLY)
            try:
                os.write(fd, text.encode())
            finally:
                os.close(fd)
        except OSError as err:
            if err.errno == errno.EINVAL:
                reason = self.control_file("last_error").read_text().strip()
                raise ServiceError(reason or f"{path.name}: refused {cut(text)}") from err
            raise

    def status(self) -> list[dict[str, Any]]:
        rows: list[dict[str, Any]] = json.loads(self.control_file("status.json").read_text())
        return rows
