"""Benchmark: 32 modules flashed with a 1 MiB image across 4 switches by a fleet rollout, against
the same 32 flashed one after another in the same run (issue 17).

Four ``cmis-emu serve`` chassis of 8 ports (fast clock) are the switches, each one I2C bus, so
the fleet may run 4 downloads at once: the ratio should approach 4 (the number of buses). Both
runs use the same in-process host code; the SSH path adds per-port process starts on top.
Skipped with one line when FUSE is missing. Prints figure, baseline, ratio; JSON in .bench/.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
import time
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make the repo importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from emulator.service.mount import fuse_problem
from tests.cmis.fleet.lab import make_image, write_inventory
from tests.emulator.service.mounted import Server

SWITCHES, PORTS = 4, 8
SPEED = "5"  # fast, yet the module's CDB busy times still dominate, as the bus does on a switch;
# at 50x the emulator's own CPU dominates and two shared cores cap the speed-up near 1.5
OUT = Path(__file__).resolve().parents[2] / ".bench" / "fleet.json"


def fleet_rollout(inventory: Path, image: Path) -> tuple[float, int]:
    from cmis.fleet.inventory import load
    from cmis.fleet.rollout import discover, run_wave
    from cmis.fleet.tasks import cmis_fw_update

    nr = load(str(inventory), parallel=SWITCHES)
    ports, _ = discover(nr)
    start = time.perf_counter()
    rows = run_wave(nr, cmis_fw_update, ports, lambda row: None, image=str(image))
    took = time.perf_counter() - start
    assert all(r["ok"] for r in rows), [r["error"] for r in rows if not r["ok"]]
    return took, len(rows)


def one_after_another(mounts: list[Path], image: Path) -> float:
    from cmis.fleet.local import LocalSwitch

    switch, start = LocalSwitch(), time.perf_counter()
    for mount in mounts:
        for n in range(1, PORTS + 1):
            switch.fw_update(f"optoe:{mount}/port{n}/eeprom", image, run=True, commit=True)
    return time.perf_counter() - start


def main() -> None:
    problem = fuse_problem()
    if problem:
        print(f"bench_fleet skipped: {problem}")
        return
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        mounts = [root / f"sw{n}" for n in range(1, SWITCHES + 1)]
        servers = []
        try:
            for mount in mounts:
                mount.mkdir()
                servers.append(Server(mount, "--ports", str(PORTS), "--speed", SPEED))
            inventory = write_inventory(root / "inv", {m.name: {"chassis": str(m)} for m in mounts})
            fleet, count = fleet_rollout(inventory, make_image(root / "a.bin", "4.0.0", "1M"))
            serial = one_after_another(mounts, make_image(root / "b.bin", "4.0.1", "1M"))
        finally:
            for server in servers:
                server.cleanup()
    ratio = serial / fleet
    print(f"fleet rollout {fleet:8.1f} s  for {count} modules x 1 MiB on {SWITCHES} switches "
          f"({SWITCHES} buses)")  # fmt: skip
    print(f"one by one    {serial:8.1f} s  (in-run baseline)")
    print(f"speed-up      {ratio:8.2f} x  (ideal {SWITCHES}: one download per bus at a time; "
          f"{os.cpu_count()} CPUs, load {os.getloadavg()[0]:.1f})")  # fmt: skip
    OUT.parent.mkdir(exist_ok=True)
    figures = {"fleet_s": fleet, "serial_s": serial, "ratio": ratio, "modules": count,
               "buses": SWITCHES, "speed": float(SPEED)}  # fmt: skip
    OUT.write_text(json.dumps(figures, indent=1))


if __name__ == "__main__":
    main()
