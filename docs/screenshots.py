"""Regenerate the README screenshots: the TUI on an emulated module on a VirtualClock (160x48)."""

from __future__ import annotations

import asyncio
from pathlib import Path

import cmis
from tui.app import CmisApp
from tui.session import Session

HERE = Path(__file__).parent
SHOTS = (("o", 1, "cmis-tui-overview.svg"), ("d", 40, "cmis-tui-dom.svg"))


async def shoot(key: str, polls: int, name: str) -> None:
    app = CmisApp(Session(cmis.open("emu:osfp-800g-dr8")), poll_interval=None)
    async with app.run_test(size=(160, 48)) as pilot:
        await pilot.press(key, *(("3",) if key == "d" else ()))
        for _ in range(polls):
            app.session.tick(1.0)
            app.poll_now()
            await app.workers.wait_for_complete()
            await pilot.pause()
        app.save_screenshot(name, str(HERE))


if __name__ == "__main__":
    for shot in SHOTS:
        asyncio.run(shoot(*shot))
        print(HERE / shot[2])
