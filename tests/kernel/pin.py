"""`python -m tests.kernel.pin`: pin the newest generic Debian 6.1 kernel apt offers (kernel.lock).

Refreshes apt's lists (root), downloads the package, writes name, version and sha256 into the
lock file and unpacks it into the cache, so the next kernel test boots it."""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

from tests.kernel import lock
from tests.kernel.fetch import apt, download, unpack
from tests.kernel.provision import Unavailable, cache_dir, run_cmd


def newest_package() -> str:
    """The newest ``linux-image-6.1.0-N-amd64`` in apt's package lists."""
    names = run_cmd("apt-cache", "pkgnames", "linux-image-6.1.0-").split()
    found = [name for name in names if lock.PACKAGE.match(name)]
    if not found:
        raise Unavailable("apt knows no linux-image-6.1.0-N-amd64 package (not Debian 12?)")
    return max(found, key=lambda name: int(name.split("-")[3]))


def pin_newest(path: Path = lock.LOCK) -> lock.Pin:
    if os.geteuid() == 0:
        apt("update")  # what a fresh machine would see today
    package = newest_package()
    root = cache_dir()
    root.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=root, prefix="pin-") as tmp:
        deb = download(package, Path(tmp))
        version = run_cmd("dpkg-deb", "-f", str(deb), "Version").strip()
        pin = lock.Pin(package, version, lock.sha256(deb))
        unpack(deb, pin, root)
    lock.dump(pin, path)
    return pin


def main() -> int:
    try:
        old = lock.load()
    except lock.LockError:
        old = None
    try:
        pin = pin_newest()
    except Unavailable as err:
        print(f"kernel-pin: error: {err}", file=sys.stderr)
        return 1
    change = "unchanged" if old == pin else f"was {old or 'none'}"
    print(f"kernel-pin: {lock.LOCK.name} pins {pin} sha256 {pin.sha256} ({change})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
