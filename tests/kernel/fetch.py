"""Get the VM's parts from Debian on purpose (make kernel-deps, the pin command): apt, download."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

from tests.kernel import lock
from tests.kernel.lock import Pin
from tests.kernel.modinfo import load_order
from tests.kernel.provision import Kernel, Unavailable, cache_dir, cached_kernel, run_cmd

# What /init loads: 9p root over virtio-pci, then the I2C character devices and the stub chip.
ROOT_MODULES = ("virtio_pci", "9pnet_virtio", "9p", "i2c_dev", "i2c_stub")
APT_OPTIONS = ("-q", "-o", "Acquire::Retries=1", "-o", "Acquire::http::Timeout=20")
NOT_FOUND = ("was not found", "Unable to locate package", "Can't find a source", "404")


def apt(*args: str, cwd: Path | None = None) -> str:
    if shutil.which("apt-get") is None:
        raise Unavailable("no apt-get here (Debian 12 needed): install the parts by hand")
    if os.geteuid() != 0 and args[0] != "download":
        raise Unavailable(f"apt-get {args[0]} needs root: sudo make kernel-deps")
    return run_cmd("apt-get", *APT_OPTIONS, *args, cwd=cwd)


def apt_retrying(*args: str, cwd: Path | None = None) -> str:
    """``apt`` once more after ``apt-get update`` (stale or empty package lists, fresh machines)."""
    try:
        return apt(*args, cwd=cwd)
    except Unavailable:
        if os.geteuid() != 0:
            raise
        apt("update")
        return apt(*args, cwd=cwd)


def install(packages: list[str]) -> None:
    os.environ.setdefault("DEBIAN_FRONTEND", "noninteractive")  # no stdin in CI
    apt_retrying("install", "-y", "--no-install-recommends", *packages)


def download(spec: str, work: Path) -> Path:
    """``apt-get download spec`` (``name`` or ``name=version``) into ``work``; the .deb."""
    work.chmod(0o777)  # apt-get download drops privileges to _apt when it can
    apt_retrying("download", spec, cwd=work)
    (deb,) = work.glob("*.deb")
    return deb


def unpack(deb: Path, pin: Pin, root: Path) -> Kernel:
    """vmlinuz and the modules /init needs from ``deb`` into the pin's cache directory."""
    root.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=root, prefix="unpack-") as tmp:
        work = Path(tmp)
        run_cmd("dpkg-deb", "-x", str(deb), str(work / "x"))
        vmlinuz = work / "x/boot" / f"vmlinuz-{pin.release}"
        order = load_order(ROOT_MODULES, work / "x/lib/modules" / pin.release / "kernel")
        stage = work / "stage"
        stage.mkdir()
        shutil.copy2(vmlinuz, stage / "vmlinuz")
        for module in order:
            shutil.copy2(module, stage / module.name)
        (stage / "modules.order").write_text("".join(f"{m.name}\n" for m in order))
        dest = root / pin.key
        shutil.rmtree(dest, ignore_errors=True)
        stage.rename(dest)  # appears complete or not at all
    kernel = cached_kernel(pin, root)
    assert kernel is not None, f"kernel unpacked into {dest} but not found there"
    return kernel


def fetch_pinned(pin: Pin, root: Path | None = None) -> Kernel:
    """Download the pinned package, refuse it unless its sha256 matches, unpack it."""
    root = root or cache_dir()
    root.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=root, prefix="download-") as tmp:
        try:
            deb = download(f"{pin.package}={pin.version}", Path(tmp))
        except Unavailable as err:
            if any(text in str(err) for text in NOT_FOUND):
                raise Unavailable(
                    f"the pinned kernel {pin} cannot be downloaded: the Debian mirrors apt "
                    f"knows no longer offer that version. Update the pin: {lock.UPDATE}"
                ) from err
            raise
        lock.verify(deb, pin)
        return unpack(deb, pin, root)
