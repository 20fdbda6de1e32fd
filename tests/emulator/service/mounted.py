"""A ``cmis-emu serve`` in a subprocess on a temp dir; skipped without FUSE, required in CI."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from emulator.service.mount import fuse_problem, unmount

REQUIRED = os.environ.get("CMIS_FUSE_REQUIRED") == "1"  # CI: fail instead of skipping
BIN = Path(sys.executable).parent


def need_fuse() -> None:
    problem = fuse_problem()
    if problem and REQUIRED:
        pytest.fail(f"mount tests cannot run: {problem} (CMIS_FUSE_REQUIRED=1)", pytrace=False)
    if problem:
        pytest.skip(f"mount tests skipped: {problem}")


class Server:
    """One server process; ``stop`` sends SIGTERM and returns its exit code and stderr."""

    def __init__(self, mount: Path, *args: str) -> None:
        self.mount = mount
        command = [str(BIN / "cmis-emu"), "serve", *args, "--mount", str(mount)]
        self.process = subprocess.Popen(command, stderr=subprocess.PIPE, text=True)
        deadline = time.monotonic() + 20
        while not self.answers():
            if self.process.poll() is not None or time.monotonic() > deadline:
                raise AssertionError(f"server did not mount: {self.process.communicate()[1]}")
            time.sleep(0.02)

    def answers(self) -> bool:
        """A read the server must answer (a stale mount's cached dentries would fool is_dir)."""
        try:
            (self.mount / ".control" / "last_error").read_bytes()
        except OSError:
            return False
        return True

    def stop(self, sig: int = signal.SIGTERM) -> tuple[int, str]:
        if self.process.poll() is None:
            self.process.send_signal(sig)
        _, err = self.process.communicate(timeout=20)
        return self.process.returncode, err

    def cleanup(self) -> None:
        if self.process.poll() is None:
            self.stop()
        try:
            mounted = os.path.ismount(self.mount)
        except OSError:
            mounted = True
        if mounted or not os.access(self.mount, os.F_OK):
            unmount(self.mount)


@contextmanager
def served(*args: str) -> Iterator[Server]:
    """A server on a fresh temporary mount (``server.mount``), stopped and cleaned up after."""
    with tempfile.TemporaryDirectory() as tmp:
        mount = Path(tmp) / "mnt"
        mount.mkdir()
        server = Server(mount, *args)
        try:
            yield server
        finally:
            server.cleanup()


def run(*command: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    """A console script of this venv (cmis, cmis-emu) as another process would run it."""
    done = subprocess.run([str(BIN / command[0]), *command[1:]], capture_output=True, text=True)
    if check and done.returncode != 0:
        raise AssertionError(f"{command}: exit {done.returncode}: {done.stderr}")
    return done
