"""Benchmark: ``cmis-tui --chassis`` over a mounted 64-port chassis at 1 Hz (issue 13 targets).

``cmis-emu serve --ports 64`` runs in one process, the grid (ChassisApp, headless) in another.
CPU is utime+stime from /proc/<pid>/stat over the same steady window (start-up excluded): the
server while the grid polls it (target <= 5 % of a core) against the same server while
``cmis --chassis DIR status`` runs each second (and idle); the grid (target <= 15 %) against
the same grid refreshing once an hour (Textual's own idle cost). Results go to
``.bench/tui_chassis.json``. Skipped with one line without FUSE. Not a test: ``make bench``.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make the repo importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from emulator.service.mount import fuse_problem
from tests.emulator.service.mounted import served

OUT = Path(__file__).resolve().parents[2] / ".bench" / "tui_chassis.json"
PORTS, WARM, WINDOW = 64, 4.0, 15.0  # s: start-up left out, then the measured window
SERVER_TARGET, TUI_TARGET = 5.0, 15.0  # % of one core
RUNNER = """
import sys
from cmis.host.ports import discover
from tui.chassis_app import ChassisApp
folder, interval, seconds = sys.argv[1], float(sys.argv[2]), float(sys.argv[3])
app = ChassisApp(folder, discover(folder), interval=interval)
app.call_later(lambda: app.set_timer(seconds, app.exit))
app.run(headless=True, size=(160, 80))
print(app.refreshes)
"""


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


def run_grid(mount: Path, interval: float, server_pid: int) -> dict[str, float]:
    """CPU % of the grid and of the server over WINDOW s, with the grid refreshing every
    ``interval`` s; and how many refreshes the grid made in all."""
    seconds = str(WARM + WINDOW + 1)
    grid = subprocess.Popen([sys.executable, "-c", RUNNER, str(mount), str(interval), seconds],
                            stdout=subprocess.PIPE, text=True)  # fmt: skip
    time.sleep(WARM)
    tui0, srv0 = cpu_seconds(grid.pid), cpu_seconds(server_pid)
    time.sleep(WINDOW)
    tui1, srv1 = cpu_seconds(grid.pid), cpu_seconds(server_pid)
    out, _ = grid.communicate(timeout=60)
    return {
        "tui": (tui1 - tui0) / WINDOW * 100,
        "server": (srv1 - srv0) / WINDOW * 100,
        "refreshes": float(out.strip() or 0),
    }


def server_cpu(pid: int, load: Callable[[], object]) -> float:
    """The server's CPU % while ``load`` runs (for WINDOW s)."""
    before = cpu_seconds(pid)
    load()
    return (cpu_seconds(pid) - before) / WINDOW * 100


def ratio(value: float, base: float) -> str:
    return f"{value / base:.2f}" if base > 0.05 else "n/a (baseline ~0)"


def verdict(value: float, target: float) -> str:
    return "ok" if value <= target else "MISSED"


def main() -> None:
    problem = fuse_problem()
    if problem:
        print(f"bench_tui_chassis skipped: {problem}")
        return
    with served("--ports", str(PORTS), "--profile", "osfp-800g-dr8") as server:
        mount, pid = server.mount, server.process.pid
        idle = server_cpu(pid, lambda: time.sleep(WINDOW))
        slowest: list[float] = []
        cli = server_cpu(pid, lambda: slowest.append(poll(mount, int(WINDOW))))
        polled = run_grid(mount, 1.0, pid)
        quiet = run_grid(mount, 3600.0, pid)
    figures = {
        "ports": PORTS,
        "window_s": WINDOW,
        "server_cpu_pct": polled["server"],
        "baseline_server_idle_cpu_pct": idle,
        "baseline_server_cli_status_cpu_pct": cli,
        "cli_status_slowest_s": slowest[0],
        "server_target_pct": SERVER_TARGET,
        "tui_cpu_pct": polled["tui"],
        "baseline_tui_unpolled_cpu_pct": quiet["tui"],
        "tui_target_pct": TUI_TARGET,
        "refreshes": polled["refreshes"],
    }
    print(f"server CPU, grid polling {PORTS} ports at 1 Hz: {polled['server']:.1f}% of a core; "
          f"`cmis --chassis status` each second: {cli:.1f}% (slowest run {slowest[0]:.2f} s; "
          f"ratio {ratio(polled['server'], cli)});"
          f" idle: {idle:.2f}% (target <= {SERVER_TARGET:g}%: "
          f"{verdict(polled['server'], SERVER_TARGET)})")  # fmt: skip
    print(f"cmis-tui --chassis CPU at 1 Hz: {polled['tui']:.1f}% of a core "
          f"({polled['refreshes']:.0f} refreshes); same grid refreshing hourly: "
          f"{quiet['tui']:.2f}% (ratio {ratio(polled['tui'], quiet['tui'])}) "
          f"(target <= {TUI_TARGET:g}%: {verdict(polled['tui'], TUI_TARGET)})")  # fmt: skip
    OUT.parent.mkdir(exist_ok=True)
    OUT.write_text(json.dumps(figures, indent=2) + "\n")


if __name__ == "__main__":
    main()
