"""Boot the kernel under QEMU, stream its serial console, and parse what /init reported."""

from __future__ import annotations

import os
import re
import selectors
import shutil
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from tests.kernel.initramfs import MARK
from tests.kernel.provision import Kernel, Unavailable

DEFAULT_TIMEOUT = 240.0  # seconds for boot + tests + power-off; a hung VM fails, never hangs CI
APPEND = "console=ttyS0 quiet loglevel=3 panic=-1 rdinit=/init"
ESCAPES = re.compile(r"\x1b(?:\[[0-9;?]*[A-Za-z]|c)")  # SeaBIOS and terminal control sequences
SUMMARY = re.compile(r"^=+ (.*\b(passed|failed|error|skipped|no tests ran)\b.*) in [\d.]+s.* =+$")


@dataclass
class VmResult:
    """What one boot reported: marker values, the pytest summary line and the whole console."""

    console: list[str] = field(default_factory=list)
    marks: dict[str, str] = field(default_factory=dict)
    summary: str | None = None
    seconds: float = 0.0
    timed_out: bool = False

    @property
    def kernel(self) -> str | None:
        return self.marks.get("KERNEL")

    @property
    def pytest_exit(self) -> int | None:
        value = self.marks.get("PYTEST-EXIT", "").partition(" ")[0]
        return int(value) if value.isdigit() else None

    @property
    def passed(self) -> bool:
        return self.pytest_exit == 0 and not self.timed_out and "DONE" in self.marks

    def tail(self, lines: int = 60) -> str:
        return "\n".join(self.console[-lines:])


def accel() -> str:
    """``kvm`` only with a real kvm_intel/kvm_amd (nested software KVM cannot boot it), else tcg."""
    if env := os.environ.get("CMIS_KERNEL_ACCEL"):
        return env
    real_kvm = any(Path("/sys/module", m).exists() for m in ("kvm_intel", "kvm_amd"))
    return "kvm" if real_kvm and os.access("/dev/kvm", os.R_OK | os.W_OK) else "tcg"


def qemu_command(kernel: Kernel, initrd: Path) -> list[str]:
    qemu = shutil.which("qemu-system-x86_64")
    if qemu is None:
        raise Unavailable("qemu-system-x86_64 not found (apt-get install qemu-system-x86)")
    return [
        qemu, "-accel", accel(), "-m", "512", "-smp", "1", "-net", "none",
        "-nographic", "-no-reboot",
        "-kernel", str(kernel.vmlinuz), "-initrd", str(initrd), "-append", APPEND,
        "-virtfs",
        "local,path=/,mount_tag=hostroot,security_model=none,readonly=on,multidevs=remap",
    ]  # fmt: skip


def parse_line(result: VmResult, line: str) -> None:
    line = ESCAPES.sub("", line)
    result.console.append(line)
    if (at := line.find(MARK + " ")) >= 0:
        key, _, value = line[at + len(MARK) + 1 :].partition(" ")
        result.marks[key] = value
    elif match := SUMMARY.match(line):
        result.summary = match.group(1)


def boot(
    kernel: Kernel,
    initrd: Path,
    timeout: float | None = None,
    echo: Callable[[str], object] | None = None,
) -> VmResult:
    """Run the VM to power-off (or kill it after ``timeout`` s); ``echo`` sees each console line."""
    if timeout is None:
        timeout = float(os.environ.get("CMIS_KERNEL_TIMEOUT", DEFAULT_TIMEOUT))
    result, start = VmResult(), time.monotonic()
    proc = subprocess.Popen(
        qemu_command(kernel, initrd),
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    assert proc.stdout is not None
    with selectors.DefaultSelector() as sel:
        sel.register(proc.stdout, selectors.EVENT_READ)
        pending = b""
        while True:
            left = timeout - (time.monotonic() - start)
            if left <= 0:
                result.timed_out = True
                proc.kill()
                break
            if not sel.select(min(left, 1.0)):
                continue
            chunk = os.read(proc.stdout.fileno(), 65536)
            if not chunk:
                break
            pending += chunk
            *lines, pending = pending.split(b"\n")
            for raw in lines:
                line = raw.decode(errors="replace").rstrip("\r")
                parse_line(result, line)
                if echo:
                    echo(result.console[-1])
        if pending:
            parse_line(result, pending.decode(errors="replace").rstrip("\r"))
    proc.wait()
    result.seconds = time.monotonic() - start
    if result.timed_out:
        result.console.append(f"[killed: no power-off within {timeout:.0f} s]")
    return result


def print_line(line: str) -> None:
    sys.stdout.write(line + "\n")
    sys.stdout.flush()
