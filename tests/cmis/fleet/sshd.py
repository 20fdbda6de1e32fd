"""A real OpenSSH server on 127.0.0.1 for the fleet tests: temp keys, temp config, torn down.

Skipped (one line) when /usr/sbin/sshd is missing; CMIS_SSHD_REQUIRED=1 (CI) makes it a failure.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import time
from pathlib import Path

import pytest

SSHD = Path("/usr/sbin/sshd")
REQUIRED = os.environ.get("CMIS_SSHD_REQUIRED") == "1"
HOW = "apt-get install --no-install-recommends openssh-server"


def sshd_problem() -> str | None:
    if not SSHD.exists():
        return f"no {SSHD} ({HOW})"
    if shutil.which("ssh-keygen") is None:
        return f"no ssh-keygen ({HOW})"
    if os.geteuid() != 0:
        return "sshd tests log in as root: run them as root"
    return None


def need_sshd() -> None:
    problem = sshd_problem()
    if problem and REQUIRED:
        pytest.fail(f"ssh fleet tests cannot run: {problem} (CMIS_SSHD_REQUIRED=1)", pytrace=False)
    if problem:
        pytest.skip(f"ssh fleet tests skipped: {problem}")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Sshd:
    """sshd -D on 127.0.0.1:``port``, root logs in with ``client_key`` only."""

    def __init__(self, folder: Path) -> None:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        self.host_key, self.client_key = folder / "host_ed25519", folder / "client_ed25519"
        for key in (self.host_key, self.client_key):
            subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", str(key)],
                           check=True)  # fmt: skip
        (folder / "authorized_keys").write_text(Path(f"{self.client_key}.pub").read_text())
        Path("/run/sshd").mkdir(mode=0o755, exist_ok=True)  # privilege separation dir
        self.port = free_port()
        config = folder / "sshd_config"
        config.write_text(
            f"Port {self.port}\nListenAddress 127.0.0.1\nHostKey {self.host_key}\n"
            f"AuthorizedKeysFile {folder / 'authorized_keys'}\nPidFile {folder / 'sshd.pid'}\n"
            "PermitRootLogin prohibit-password\nPasswordAuthentication no\n"
            "KbdInteractiveAuthentication no\nUsePAM no\nStrictModes no\n"
            "Subsystem sftp internal-sftp\nLogLevel ERROR\n"
        )
        self.process = subprocess.Popen([str(SSHD), "-D", "-e", "-f", str(config)],
                                        stderr=subprocess.PIPE, text=True)  # fmt: skip
        deadline = time.monotonic() + 10
        while not self._listening():
            if self.process.poll() is not None or time.monotonic() > deadline:
                raise AssertionError(f"sshd did not start: {self.stop()}")
            time.sleep(0.05)

    def _listening(self) -> bool:
        try:
            socket.create_connection(("127.0.0.1", self.port), timeout=0.5).close()
        except OSError:
            return False
        return True

    def stop(self) -> str:
        if self.process.poll() is None:
            self.process.terminate()
        try:
            return self.process.communicate(timeout=10)[1]
        except subprocess.TimeoutExpired:
            self.process.kill()
            return self.process.communicate()[1]
