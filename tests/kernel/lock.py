"""The pinned kernel package (tests/kernel/kernel.lock): read, write, and check a download."""

from __future__ import annotations

import hashlib
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path

LOCK = Path(__file__).with_name("kernel.lock")
UPDATE = "python -m tests.kernel.pin"  # the one command that moves the pin (README)
PACKAGE = re.compile(r"^linux-image-(6\.1\.0-\d+-amd64)$")  # generic; -cloud has no I2C
HEADER = f"""\
# The Debian kernel the kernel I2C test boots (tests/kernel). Checked after every download, so CI
# tests the same kernel tomorrow as today. Do not edit by hand; update with: {UPDATE}
"""


class LockError(ValueError):
    """The lock file is unreadable, or a downloaded package is not the pinned one."""


@dataclass(frozen=True)
class Pin:
    """One kernel package: Debian name, Debian version and the sha256 of its .deb."""

    package: str
    version: str
    sha256: str

    @property
    def release(self) -> str:
        """What ``uname -r`` says once booted: ``6.1.0-57-amd64`` (of ``linux-image-...``)."""
        match = PACKAGE.match(self.package)
        assert match, self.package  # load() refuses other names
        return match.group(1)

    @property
    def key(self) -> str:
        """The cache directory name: a different version or .deb never shares it."""
        return f"{self.package}_{self.version}_{self.sha256[:16]}"

    def __str__(self) -> str:
        return f"{self.package} {self.version}"


def load(path: Path = LOCK) -> Pin:
    """The pin in ``path``; a missing, malformed or incomplete lock file is a LockError."""
    try:
        table = tomllib.loads(path.read_text()).get("kernel", {})
    except (OSError, tomllib.TOMLDecodeError) as err:
        raise LockError(f"cannot read the kernel lock file {path.name}: {err}") from err
    values = {key: table.get(key) for key in ("package", "version", "sha256")}
    if not all(isinstance(v, str) and v for v in values.values()):
        raise LockError(f"{path.name} needs [kernel] package, version and sha256; run {UPDATE}")
    pin = Pin(**values)  # type: ignore[arg-type]
    if not PACKAGE.match(pin.package):
        raise LockError(f"{path.name}: {pin.package[:40]!r} is not a linux-image-6.1.0-N-amd64")
    if not re.fullmatch(r"[0-9a-f]{64}", pin.sha256):
        raise LockError(f"{path.name}: sha256 must be 64 lowercase hex digits")
    return pin


def dump(pin: Pin, path: Path = LOCK) -> None:
    body = "\n".join(f'{k} = "{getattr(pin, k)}"' for k in ("package", "version", "sha256"))
    path.write_text(f"{HEADER}\n[kernel]\n{body}\n")


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as f:
        while chunk := f.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


def verify(deb: Path, pin: Pin) -> None:
    """Refuse a downloaded .deb whose content is not the pinned one."""
    got = sha256(deb)
    if got != pin.sha256:
        raise LockError(
            f"downloaded {pin} has sha256 {got[:16]}..., the lock file pins "
            f"{pin.sha256[:16]}...: refusing it (a changed mirror or a corrupt download; "
            f"if the change is wanted, run {UPDATE})"
        )
