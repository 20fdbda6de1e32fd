"""Random keys and resizes on both lane profiles: any exception inside the app fails the test."""

from __future__ import annotations

import asyncio

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import cmis
from tests.tui.conftest import poll
from tui.app import CmisApp
from tui.session import Session

KEYS = [
    *"oplfdgq?rsamtxwRzucie!y n/",
    "left_square_bracket",
    "right_square_bracket",
    "enter",
    "escape",
    "tab",
    "up",
    "down",
    "pagedown",
    "pageup",
    "home",
    "end",
    "ctrl+p",
    *(f"f{n}" for n in range(1, 9)),  # every screen, VDM and Diagnostics included
    *"LObjkG:",
]
SIZES = [(80, 24), (100, 30), (160, 48), (60, 20)]
STEP = st.one_of(st.sampled_from(KEYS), st.sampled_from(SIZES))


async def _drive(target: str, steps: list[str | tuple[int, int]]) -> None:
    app = CmisApp(Session(cmis.open(target)), poll_interval=None)
    async with app.run_test(size=(160, 48)) as pilot:
        for step in steps:
            if isinstance(step, tuple):
                await pilot.resize_terminal(*step)
            elif step == "q" or not app.is_running:
                continue  # quitting ends the run early; the keys after it test nothing
            else:
                await pilot.press(step)
            if step == "r":
                await poll(app, pilot)
        await pilot.pause()
        assert app.return_code in (None, 0), "an exception reached the app"


@pytest.mark.parametrize("target", ["emu:osfp-800g-dr8", "emu:osfp-xd-1.6t-dr16"])
@settings(  # an example starts the whole app: a 20th of the profile's count (dev 5, ci 30),
    max_examples=max(settings.default.max_examples // 20, 5),  # with longer runs of keys
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(steps=st.lists(STEP, min_size=5, max_size=60))
def test_random_keys_never_crash(target: str, steps: list[str | tuple[int, int]]) -> None:
    asyncio.run(_drive(target, steps))
