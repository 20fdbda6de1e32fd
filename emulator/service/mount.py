"""Mounting the chassis: is FUSE here, clean a stale mount, serve until SIGINT/SIGTERM."""

from __future__ import annotations

import ctypes.util
import errno
import os
import shutil
import subprocess
from pathlib import Path

from cmis.errors import cut_path
from emulator.chassis import Chassis
from emulator.service.fs import ChassisFS

FSNAME = "cmis-emu"
NO_DEVICE = "no /dev/fuse; load the fuse module, or give the container --device /dev/fuse"
NO_LIBRARY = "no libfuse3; install fuse3: apt-get install fuse3"


class ServiceError(Exception):
    """A one-line reason the service or a control command cannot go on (bad input, exit 2)."""


def fuse_problem() -> str | None:
    """Why FUSE cannot work here (one line saying how to get it), or None when it can."""
    if not os.path.exists("/dev/fuse"):
        return f"FUSE is not available ({NO_DEVICE})"
    if ctypes.util.find_library("fuse3") is None:
        return f"FUSE is not available ({NO_LIBRARY})"
    return None


def prepare(mount: Path) -> bool:
    """Make ``mount`` ready to mount on; True when a stale mount (a killed server) was cleaned."""
    try:
        os.stat(mount)
    except OSError as err:
        if err.errno != errno.ENOTCONN:
            raise ServiceError(f"mount point {cut_path(mount)}: {err.strerror}") from err
        unmount(mount)
        return True
    if not mount.is_dir():
        raise ServiceError(f"mount point {cut_path(mount)} is not a directory")
    if os.path.ismount(mount):
        raise ServiceError(f"{cut_path(mount)} is already mounted (another cmis-emu serve?)")
    return False


def unmount(mount: Path) -> None:
    """Detach ``mount`` even when its server is gone (lazy: open files go on until closed)."""
    tool = shutil.which("fusermount3")
    command = [tool, "-u", "-z", str(mount)] if tool else ["umount", "-l", str(mount)]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        reason = " ".join((done.stderr or done.stdout).split()) or f"exit {done.returncode}"
        raise ServiceError(f"cannot clean the stale mount at {cut_path(mount)}: {reason}")


def serve(chassis: Chassis, mount: Path) -> None:
    """Mount and answer file calls until SIGINT/SIGTERM/SIGHUP; libfuse unmounts on the way out."""
    import mfusepy  # here only: the chassis and its tests never need libfuse

    operations = ChassisFS(chassis)
    options = {"allow_other": True} if os.geteuid() == 0 else {}  # root: any user may read it
    try:
        mfusepy.FUSE(
            operations,
            str(mount),
            foreground=True,
            # one libfuse thread: accesses are serialised by the chassis lock and the GIL anyway,
            # and handing each request to another worker thread cost ~40% of a read's time
            nothreads=True,
            direct_io=True,  # no page cache: every read reaches the module (COR flags clear)
            fsname=FSNAME,
            subtype=FSNAME,
            **options,
        )
    except RuntimeError as err:  # libfuse's status: non-zero after a signal too (its loop's)
        if not operations.mounted:
            raise ServiceError(f"cannot mount {cut_path(mount)}: libfuse status {err}") from err
