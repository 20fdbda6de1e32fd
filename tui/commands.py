"""Command palette entries: every screen and every action by name (ctrl+p)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from textual.app import SystemCommand

from tui.faults import fault_commands

SCREEN_COMMANDS = (
    ("Overview", "overview", "identity, module state explained, monitors, flags"),
    ("Pages", "pages", "hex and decoded fields of any advertised page; edit bytes"),
    ("Lanes", "lanes", "lane states, apply an application, Tx on/off"),
    ("DOM", "dom", "live plots of power, bias, temperature with thresholds"),
    ("Firmware", "firmware", "images A/B, update with progress, run, commit"),
    ("Log", "log", "module events and bus transactions; save for a vendor case"),
    ("VDM", "vdm", "pre-FEC BER, eSNR, FERC per lane against thresholds; BER plot"),
    ("Diagnostics", "diag", "PRBS generators and checkers, loopbacks"),
)

# (title, help, screen, action on that screen): the screen's own action runs, so the palette
# asks the same questions (lane, confirmation) as the key does.
SCREEN_ACTIONS = (
    ("Lanes: apply application (2x400G, 8x100G, ...)", "the apply dialog", "lanes", "apply"),
    ("Lanes: Tx on/off", "lane under the cursor on the Lanes screen", "lanes", "toggle_tx"),
    ("Lanes: DPDeinit / re-init", "the data path of the lane under the cursor", "lanes",
     "toggle_deinit"),
    ("Pages: edit the selected field", "units, enum names, lanes", "pages", "edit_field"),
    ("Pages: edit the byte under the cursor", "one byte, in hex", "pages", "edit_byte"),
    ("Pages: find a field or address", "by name, or 10h:130", "pages", "find"),
    ("Pages: next page", "the next advertised page", "pages", "page(1)"),
    ("Pages: previous page", "the previous advertised page", "pages", "page(-1)"),
    ("Pages: next bank", "lanes 9-16 are bank 1", "pages", "bank(1)"),
    ("Pages: 256-byte view", "lower and upper memory together", "pages", "combined"),
    ("Pages: force the next write", "write read-only bytes once", "pages", "force"),
    ("Module: low/high power", "LowPwrRequestSW", "overview", "power"),
    ("Module: reset", "SoftwareReset and wait", "overview", "reset"),
    ("Firmware: update from a file", "with progress", "firmware", "update"),
    ("Firmware: flash a demo image", "emulated modules: build and flash", "firmware", "demo"),
    ("Firmware: run the inactive image", "Run (CDB 0109h)", "firmware", "run_image"),
    ("Firmware: commit the running image", "Commit (CDB 010Ah)", "firmware", "commit"),
    ("Firmware: abort", "the download, or AbortDownload", "firmware", "abort"),
    ("Firmware: re-read images A/B", "GetFirmwareInfo", "firmware", "info"),
    ("Log: save to a file", "text or JSON lines", "log", "save"),
    ("Diagnostics: start PRBS", "generator and/or checker (asks first)", "diag", "start"),
    ("Diagnostics: stop PRBS", "on the lanes given", "diag", "stop"),
    ("Diagnostics: loopback on", "the chosen type on the lanes (asks first)", "diag", "loop(True)"),
    ("Diagnostics: loopback off", "the chosen type on the lanes", "diag", "loop(False)"),
)  # fmt: skip


def palette_commands(app: Any) -> Iterator[SystemCommand]:
    for title, mode, help_text in SCREEN_COMMANDS:
        yield SystemCommand(f"Screen: {title}", help_text, lambda m=mode: app.switch_mode(m))
    yield SystemCommand("Go to ...", "a screen, a page or address (10h:130), a field", app.goto)
    for title, help_text, mode, action in SCREEN_ACTIONS:
        yield SystemCommand(title, help_text, lambda m=mode, a=action: on_screen(app, m, a))
    yield SystemCommand("Poll now", "read the module at once", app.poll_now)
    yield SystemCommand("Change refresh rate", "cycle 0.25 s .. 5 s", app.action_rate)
    yield SystemCommand("Help", "what every screen shows", app.action_help)
    if app.session.emulated:
        yield from fault_commands(app)


def on_screen(app: Any, mode: str, action: str) -> None:
    """Switch to ``mode`` and run ``action`` there once it is shown."""
    app.switch_mode(mode)
    app.call_after_refresh(lambda: app.screen.run_action(action))
