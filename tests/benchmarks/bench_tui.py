"""Benchmark: idle CPU of the VDM and Diagnostics screens with the poller at 1 s (issue 14).

The app runs headless (Textual's test driver renders every frame as a terminal would) on an
emulated module in real time; the figure is this process's CPU time (every thread: poller,
workers, emulator, rendering) over SECONDS of wall time, in % of one core. In-run baseline:
the Overview screen, measured the same way in the same run. ``make bench``.
"""

from __future__ import annotations

import asyncio
import sys
import time
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make the repo importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from cmis.host import diag
from cmis.host.loopback import set_loopback
from tui.app import CmisApp
from tui.session import Session, open_session

SECONDS = 10.0  # of measurement per screen, after WARM_UP
WARM_UP = 3.0  # s for the first reads and the first full layout
RATE = 1.0  # s between polls, the default
SCREENS = ("overview", "vdm", "diag", "diag+prbs", "dom")


def prbs_running(session: Session) -> None:
    """Every media lane looped back and checking its own PRBS31Q: 8 live counter rows."""
    module = session.module
    session.run(set_loopback, module, "media-side-output", list(range(1, 9)), True)
    session.run(diag.start, module, "media", diag.parse_pattern("PRBS31Q"), list(range(1, 9)))


async def idle_cpu(screen: str) -> float:
    """% of one core the app uses while ``screen`` is shown and nobody touches a key."""
    app = CmisApp(open_session("emu:osfp-800g-dr8"), poll_interval=RATE)
    mode, _, running = screen.partition("+")
    async with app.run_test(size=(160, 48)) as pilot:
        if running:
            prbs_running(app.session)
        app.switch_mode(mode)
        await pilot.pause(WARM_UP)
        cpu, wall = time.process_time(), time.perf_counter()
        await asyncio.sleep(SECONDS)
        used = (time.process_time() - cpu) / (time.perf_counter() - wall)
        app.poller.stop()
    return 100 * used


async def main() -> None:
    figures = {mode: await idle_cpu(mode) for mode in SCREENS}
    baseline = figures["overview"]
    print(f"idle CPU at {RATE:g} s polling, % of one core (baseline: overview {baseline:.1f} %)")
    for mode, figure in figures.items():
        print(f"  {mode:9} {figure:5.1f} %   x{figure / baseline:.2f} of the baseline")


if __name__ == "__main__":
    asyncio.run(main())
