"""Benchmark: the cmis-emu mount against in-process port reads, start time and idle-poll CPU.

Figures, each with its in-run baseline and target (issue 13): 128-byte reads per second through
the mount from another process vs in-process ``port.read`` (>= 10k/s); start of a 64-port chassis
until its mount answers (<= 2 s); server CPU while ``cmis --chassis DIR status --json`` runs
every second over 64 ports for 10 s (utime+stime from /proc/<pid>/stat; <= 5 % of a core; the
stand-in for ``cmis-tui --chassis`` until its grid exists). Skipped with one line when FUSE is
missing. ``make bench``.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make the repo importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from cmis.clock import RealClock
from emulator.chassis import build_chassis
from emulator.service.mount import fuse_problem
from tests.emulator.service.mounted import Server

READS = 20_000
READER = """
import os, sys, time
fd, n = os.open(sys.argv[1], os.O_RDONLY), int(sys.argv[2])
start = time.perf_counter()
for i in range(n):
    os.pread(fd, 128, 128 + (i % 4) * 128)
print(n / (time.perf_counter() - start))
"""


def in_process_rate() -> float:
    port = build_chassis(1, clock=RealClock()).port("port1")
    start = time.perf_counter()
    for i in range(READS):
        port.read(128 + (i % 4) * 128, 128)
    return READS / (time.perf_counter() - start)


def cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def poll(mount: Path, seconds: int) -> float:
    """Run ``cmis --chassis`` status once a second; the slowest run's wall time."""
    command = [
        str(Path(sys.executable).parent / "cmis"),
        "--chassis",
        str(mount),
        "status",
        "--json",
    ]
    slowest = 0.0
    for _ in range(seconds):
        tick = time.monotonic()
        subprocess.run(command, capture_output=True, check=True)
        slowest = max(slowest, time.monotonic() - tick)
        time.sleep(max(0.0, 1 - (time.monotonic() - tick)))
    return slowest


def main() -> None:
    problem = fuse_problem()
    if problem:
        print(f"bench_mount skipped: {problem}")
        return
    with tempfile.TemporaryDirectory() as tmp:
        mount = Path(tmp) / "mnt"
        mount.mkdir()
        start = time.perf_counter()
        server = Server(mount, "--ports", "64")
        started = time.perf_counter() - start
        try:
            eeprom = str(mount / "port1" / "eeprom")
            out = subprocess.run([sys.executable, "-c", READER, eeprom, str(READS)],
                                 capture_output=True, text=True, check=True).stdout  # fmt: skip
            through, direct = float(out), in_process_rate()
            before = cpu_seconds(server.process.pid)
            slowest = poll(mount, 10)
            cpu = cpu_seconds(server.process.pid) - before
        finally:
            server.cleanup()
    verdict = "ok" if through >= 10_000 else "MISSED"
    print(f"mount reads   {through:10.0f}/s  in-process {direct:10.0f}/s  "
          f"ratio {through / direct:.2f}  (target >= 10000/s: {verdict})")  # fmt: skip
    print(f"64-port start {started:10.2f} s  (target <= 2 s: {'ok' if started <= 2 else 'MISSED'})")
    verdict = "ok" if cpu * 10 <= 5 else "MISSED"
    print(f"status CPU    {cpu:10.2f} s of 10 s  server {cpu * 10:.1f}% of one core, slowest "
          f"status {slowest:.2f} s  (64 ports at 1 Hz; target <= 5%: {verdict})")  # fmt: skip


if __name__ == "__main__":
    main()
