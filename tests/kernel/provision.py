"""What the VM needs and where it is: QEMU, static busybox, cpio and the pinned kernel's cache."""

from __future__ import annotations

import os
import shutil
import struct
import subprocess
from dataclasses import dataclass
from pathlib import Path

from tests.kernel import lock
from tests.kernel.lock import Pin

PACKAGES = ("qemu-system-x86", "busybox-static", "cpio")
TOOLS = {"qemu-system-x86": "qemu-system-x86_64", "cpio": "cpio"}
BUSYBOX = Path("/bin/busybox")
DEPS = "make kernel-deps"  # installs the packages (root) and fetches the pinned kernel


class Unavailable(RuntimeError):
    """The VM cannot be run here (a part is missing or cannot be fetched); tests skip with this."""


@dataclass(frozen=True)
class Kernel:
    """A cached kernel: version, vmlinuz and the modules /init loads, in load order."""

    version: str
    vmlinuz: Path
    modules: tuple[Path, ...]


def cache_dir() -> Path:
    """``$CMIS_KERNEL_CACHE``, else ``$XDG_CACHE_HOME/cmis-kernel`` (``~/.cache/cmis-kernel``)."""
    if env := os.environ.get("CMIS_KERNEL_CACHE"):
        return Path(env)
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "cmis-kernel"


def is_static(path: Path) -> bool:
    """True if the ELF at ``path`` has no program interpreter (PT_INTERP), i.e. runs anywhere."""
    with path.open("rb") as f:
        head = f.read(64)
        phoff, (phentsize, phnum) = (
            struct.unpack_from("<Q", head, 0x20)[0],
            struct.unpack_from("<HH", head, 0x36),
        )
        f.seek(phoff)
        table = f.read(phentsize * phnum)
    return all(struct.unpack_from("<I", table, i * phentsize)[0] != 3 for i in range(phnum))


def missing_packages() -> list[str]:
    """The Debian packages whose tools are not here (in PACKAGES order)."""
    missing = {pkg for pkg, tool in TOOLS.items() if shutil.which(tool) is None}
    if not BUSYBOX.exists() or not is_static(BUSYBOX):
        missing.add("busybox-static")
    return [pkg for pkg in PACKAGES if pkg in missing]


def kernel_dir(pin: Pin, root: Path | None = None) -> Path:
    """Where the pinned kernel lives: one directory per package, version and .deb hash."""
    return (root or cache_dir()) / pin.key


def cached_kernel(pin: Pin, root: Path | None = None) -> Kernel | None:
    """The pinned kernel if it is completely in the cache; any other cached kernel is ignored."""
    base = kernel_dir(pin, root)
    order = base / "modules.order"
    if not order.is_file():
        return None
    modules = tuple(base / name for name in order.read_text().split())
    if not (base / "vmlinuz").exists() or not all(m.exists() for m in modules):
        return None
    return Kernel(pin.release, base / "vmlinuz", modules)


def skip_reason(packages: list[str], pin: Pin | None, root: Path) -> str:
    """One line: what is missing and the command that gets it."""
    parts = list(packages)
    if pin is not None:
        parts.append(f"the pinned kernel {pin} (not in {root})")
    what = ", ".join(parts[:-1]) + (" and " if len(parts) > 1 else "") + parts[-1]
    return f"needs {what}: run `{DEPS}`" + (" (root)" if packages else "")


def ready() -> Kernel:
    """The pinned, cached kernel when every part is here; else Unavailable saying what is not.

    Never installs or downloads anything: that is ``make kernel-deps``, run on purpose."""
    try:
        pin = lock.load()
    except lock.LockError as err:
        raise Unavailable(str(err)) from err
    root = cache_dir()
    kernel = cached_kernel(pin, root)
    packages = missing_packages()
    if packages or kernel is None:
        raise Unavailable(skip_reason(packages, None if kernel else pin, root))
    return kernel


def run_cmd(*cmd: str, cwd: Path | None = None, timeout: float = 600) -> str:
    """Run ``cmd``; a failure is Unavailable with the last lines it printed."""
    try:
        done = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True, timeout=timeout)
    except (OSError, subprocess.TimeoutExpired) as err:
        raise Unavailable(f"{cmd[0]} failed: {err}") from err
    if done.returncode:
        tail = "\n".join((done.stderr or done.stdout).strip().splitlines()[-5:])
        raise Unavailable(f"`{' '.join(cmd)}` exited {done.returncode}:\n{tail}")
    return done.stdout
