"""Fetch and cache what the VM needs from Debian: QEMU, static busybox, cpio, a generic kernel."""

from __future__ import annotations

import os
import re
import shutil
import struct
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

from tests.kernel.modinfo import load_order

PACKAGES = ("qemu-system-x86", "busybox-static", "cpio")
TOOLS = {"qemu-system-x86_64": "qemu-system-x86", "cpio": "cpio"}
BUSYBOX = Path("/bin/busybox")
# What /init loads: 9p root over virtio-pci, then the I2C character devices and the stub chip.
ROOT_MODULES = ("virtio_pci", "9pnet_virtio", "9p", "i2c_dev", "i2c_stub")
KERNEL_PACKAGE = re.compile(r"^linux-image-(6\.1\.0-\d+)-amd64$")  # generic; -cloud has no I2C
APT_OPTIONS = ("-q", "-o", "Acquire::Retries=1", "-o", "Acquire::http::Timeout=20")


class Unavailable(RuntimeError):
    """The VM cannot be run here (no apt, not root, no network, no QEMU); tests skip with this."""


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


def _run(*cmd: str, cwd: Path | None = None) -> str:
    try:
        done = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True, timeout=600)
    except (OSError, subprocess.TimeoutExpired) as err:
        raise Unavailable(f"{cmd[0]} failed: {err}") from err
    if done.returncode:
        tail = "\n".join((done.stderr or done.stdout).strip().splitlines()[-5:])
        raise Unavailable(f"`{' '.join(cmd)}` exited {done.returncode}:\n{tail}")
    return done.stdout


def _apt(*args: str, cwd: Path | None = None) -> str:
    if shutil.which("apt-get") is None:
        raise Unavailable("no apt-get here: install qemu-system-x86, busybox-static and cpio")
    if os.geteuid() != 0 and args[0] != "download":
        raise Unavailable(f"apt-get {args[0]} needs root; run once as root: make kernel-test")
    return _run("apt-get", *APT_OPTIONS, *args, cwd=cwd)


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


def ensure_tools() -> None:
    """QEMU, cpio and a static busybox, from Debian if any is missing."""
    missing = {pkg for tool, pkg in TOOLS.items() if shutil.which(tool) is None}
    if not BUSYBOX.exists() or not is_static(BUSYBOX):
        missing.add("busybox-static")
    if missing:
        _install(sorted(missing))


def _install(packages: list[str]) -> None:
    try:
        _apt("install", "-y", "--no-install-recommends", *packages)
    except Unavailable:
        _apt("update")  # stale package lists are the usual cause; one retry after refreshing
        _apt("install", "-y", "--no-install-recommends", *packages)


def cached_kernel(root: Path) -> Kernel | None:
    """The newest complete kernel under ``root``, or None."""
    entries = root.glob("6.1.0-*-amd64/modules.order")
    for entry in sorted(entries, key=lambda e: int(e.parent.name.split("-")[1]), reverse=True):
        base = entry.parent
        names = entry.read_text().split()
        modules = tuple(base / name for name in names)
        if (base / "vmlinuz").exists() and all(m.exists() for m in modules):
            return Kernel(base.name, base / "vmlinuz", modules)
    return None


def newest_kernel_package() -> str:
    """The newest ``linux-image-6.1.0-N-amd64`` apt knows of (local package lists, no network)."""
    for attempt in range(2):
        names = _run("apt-cache", "pkgnames", "linux-image-6.1.0-").split()
        found = [m for m in map(KERNEL_PACKAGE.match, names) if m]
        if found:
            best = max(found, key=lambda m: int(m.group(1).split("-")[1]))
            return best.group(0)
        if not attempt:
            _apt("update")
    raise Unavailable("apt knows no linux-image-6.1.0-N-amd64 package (not Debian 12?)")


def ensure_kernel() -> Kernel:
    """A cached kernel, downloading and unpacking the newest generic Debian 6.1 kernel if none."""
    root = cache_dir()
    if kernel := cached_kernel(root):
        return kernel
    package = os.environ.get("CMIS_KERNEL_PACKAGE") or newest_kernel_package()
    root.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=root, prefix="unpack-") as tmp:
        work = Path(tmp)
        work.chmod(0o777)  # apt-get download drops privileges to _apt when it can
        try:
            _apt("download", package, cwd=work)
        except Unavailable:
            _apt("update")
            _apt("download", package, cwd=work)
        (deb,) = work.glob("*.deb")
        _run("dpkg", "-x", str(deb), str(work / "x"))
        (vmlinuz,) = (work / "x/boot").glob("vmlinuz-*")
        version = vmlinuz.name.removeprefix("vmlinuz-")
        order = load_order(ROOT_MODULES, work / "x/lib/modules" / version / "kernel")
        dest = root / version
        shutil.rmtree(dest, ignore_errors=True)
        dest.mkdir()
        shutil.copy2(vmlinuz, dest / "vmlinuz")
        for module in order:
            shutil.copy2(module, dest / module.name)
        (dest / "modules.order").write_text("".join(f"{m.name}\n" for m in order))
    kernel = cached_kernel(root)
    assert kernel is not None, f"kernel unpacked into {root} but not found there"
    return kernel
