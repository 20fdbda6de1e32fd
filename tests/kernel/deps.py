"""`python -m tests.kernel.deps` (make kernel-deps): install the VM's packages, fetch the pin.

Prints one line per part, installed or verified; exit 0 ready, 1 a part could not be had."""

from __future__ import annotations

import shutil
import sys
import time

from tests.kernel import lock
from tests.kernel.fetch import fetch_pinned, install
from tests.kernel.provision import (
    BUSYBOX,
    PACKAGES,
    TOOLS,
    Unavailable,
    cache_dir,
    cached_kernel,
    missing_packages,
)


def say(line: str) -> None:
    print(f"kernel-deps: {line}", flush=True)


def ensure_packages() -> None:
    missing = missing_packages()
    if missing:
        say(f"installing {', '.join(missing)} (apt-get, --no-install-recommends)")
        install(missing)
        if still := missing_packages():
            raise Unavailable(f"{', '.join(still)} still missing after apt-get install")
    for package in PACKAGES:
        where = shutil.which(TOOLS[package]) if package in TOOLS else str(BUSYBOX)
        say(f"{package}: {'installed' if package in missing else 'present'} ({where})")


def ensure_kernel(pin: lock.Pin) -> None:
    root = cache_dir()
    if kernel := cached_kernel(pin, root):
        say(f"kernel {pin}: cached, sha256 {pin.sha256[:16]}... ({kernel.vmlinuz.parent})")
        return
    start = time.monotonic()
    kernel = fetch_pinned(pin, root)
    say(
        f"kernel {pin}: downloaded, sha256 {pin.sha256[:16]}... verified, unpacked into "
        f"{kernel.vmlinuz.parent} ({time.monotonic() - start:.1f} s)"
    )


def main() -> int:
    try:
        ensure_packages()
        ensure_kernel(lock.load())
    except (Unavailable, lock.LockError) as err:
        print(f"kernel-deps: error: {err}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
