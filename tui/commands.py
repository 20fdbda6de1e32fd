"""Command palette entries: every screen and action by name (ctrl+p)."""

from __future__ import annotations

from collections.abc import Iterator
from functools import partial
from typing import Any

from textual.app import SystemCommand

SCREEN_COMMANDS = (
    ("Overview", "overview", "identity, module state explained, monitors, flags"),
    ("Pages", "pages", "hex and decoded fields of any advertised page; edit bytes"),
    ("Lanes", "lanes", "lane states, apply an application, Tx on/off"),
    ("DOM", "dom", "live plots of power, bias, temperature with thresholds"),
    ("Firmware", "firmware", "images A/B, update with progress, run, commit"),
    ("Log", "log", "transactions and module events"),
)


def palette_commands(app: Any) -> Iterator[SystemCommand]:
    for title, mode, help_text in SCREEN_COMMANDS:
        yield SystemCommand(f"Screen: {title}", help_text, lambda m=mode: app.switch_mode(m))
    module = app.session.module
    yield SystemCommand(
        "Apply application (2x400G, 8x100G, ...)",
        "opens the apply dialog",
        lambda: _on(app, "lanes", "action_apply"),
    )
    yield SystemCommand(
        "Flash a demo firmware image",
        "emulated modules: build and flash",
        lambda: _on(app, "firmware", "action_demo"),
    )
    yield SystemCommand(
        "Flash firmware from a file",
        "update with progress",
        lambda: _on(app, "firmware", "action_update"),
    )
    yield SystemCommand(
        "Module: low power",
        "set LowPwrRequestSW",
        lambda: app.act("power low", module.set_power_mode, "low"),
    )
    yield SystemCommand(
        "Module: high power",
        "clear LowPwrRequestSW and wait ModuleReady",
        lambda: app.act("power high", module.set_power_mode, "high"),
    )
    yield SystemCommand(
        "Module: reset", "SoftwareReset and wait", lambda: app.act("reset", module.reset)
    )
    yield SystemCommand("Poll now", "read the module at once", app.poll_now)
    yield SystemCommand("Change refresh rate", "cycle 0.25 s .. 5 s", app.action_rate)
    yield SystemCommand("Help", "what every screen shows", app.action_help)
    if app.session.emulated:
        yield from _faults(app)


def _on(app: Any, mode: str, action: str) -> None:
    app.switch_mode(mode)
    app.call_after_refresh(lambda: getattr(app.screen, action)())


def _faults(app: Any) -> Iterator[SystemCommand]:
    """Fault injection runs in a worker like every other action (it takes the bus lock)."""
    device = app.session.device
    faults = (
        ("Rx LOS on lane 3", "inject a fault (clear faults undoes it)",
         device.faults.set_lanes, ("rx_los", {3})),
        ("pull the module out", "every access NACKs until inserted", device.remove, ()),
        ("insert the module", "power-on, MgmtInit, then polling recovers", device.insert, ()),
        ("clear faults", "healthy again", device.faults.clear, ()),
    )  # fmt: skip
    for title, help_text, fn, args in faults:
        yield SystemCommand(f"Emulator: {title}", help_text, partial(app.act, title, fn, *args))
