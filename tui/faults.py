"""Emulator faults for the command palette; each asks which lanes (or how much) first."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from functools import partial
from typing import Any

from textual.app import SystemCommand

from cmis.cli.params import parse_finite
from cmis.codec.lanelist import format_lanes, parse_lanes
from cmis.errors import InputError, cut
from tui.screens.prompt_dialog import PromptDialog

LANE_FAULT_NAMES = {
    "rx_los": "Rx LOS",
    "rx_cdr_lol": "Rx CDR loss of lock",
    "tx_fault": "Tx fault",
    "tx_los": "Tx LOS (host input)",
    "tx_cdr_lol": "Tx CDR loss of lock",
}
Plan = Callable[[str], tuple[str, Callable[[], object]]]  # answer -> (label, what to run)


def fault_commands(app: Any) -> Iterator[SystemCommand]:
    """Fault injection runs in a worker like every other action (it takes the bus lock)."""
    device = app.session.device
    faults = device.faults
    for name, title in LANE_FAULT_NAMES.items():
        yield SystemCommand(
            f"Emulator: {title} on lanes ...",
            "asks which lanes (none clears it)",
            partial(_ask_lanes, app, name, title),
        )
    settings = (
        ("over-temperature", "the case heads for a temperature", "°C", "over_temperature_c",
         -40, 150, float, "85"),
        ("NACK the next transactions", "a burst of bus errors", "how many", "nack_next",
         1, 1000, int, "3"),
        ("module fault", "ModuleFault with a cause, also after reset", "ModuleFaultCause",
         "module_fault", 1, 255, int, "1"),
    )  # fmt: skip
    for title, help_text, unit, attr, low, high, kind, default in settings:
        plan = partial(_setting, faults, title, attr, (low, high), kind)
        ask = f"{title}: {unit} ({low}-{high})"
        ask_it = partial(_prompt, app, ask, default, plan)
        yield SystemCommand(f"Emulator: {title} ...", help_text, ask_it)
    plain = (
        ("pull the module out", "every access NACKs until inserted", device.remove),
        ("insert the module", "power-on, MgmtInit, then polling recovers", device.insert),
        ("clear faults", "healthy again", faults.clear),
    )
    for title, help_text, fn in plain:
        yield SystemCommand(f"Emulator: {title}", help_text, partial(app.act, title, fn))


def _ask_lanes(app: Any, name: str, title: str) -> None:
    count = max(app.banks, 1) * 8
    faults = app.session.device.faults

    def plan(text: str) -> tuple[str, Callable[[], object]]:
        lanes = [] if text.strip().lower() in ("", "none") else parse_lanes(text, count)
        return f"{title} on lanes {format_lanes(lanes)}", partial(faults.set_lanes, name, lanes)

    current = format_lanes(sorted(getattr(faults, name))) or "3"
    ask = f"{title} on which lanes? (1-{count}, e.g. 3 or 1-8; none clears)"
    _prompt(app, ask, "3" if current == "none" else current, plan)


def _setting(
    faults: Any, title: str, attr: str, bounds: tuple[float, float], kind: type, text: str
) -> tuple[str, Callable[[], object]]:
    value = kind(parse_finite(text, *bounds))
    if kind is int and value != parse_finite(text, *bounds):
        raise InputError(f"{title}: {cut(text.strip())} is not a whole number")
    return f"{title} {value}", partial(setattr, faults, attr, value)


def _prompt(app: Any, title: str, default: str, plan: Plan) -> None:
    """Ask, check the answer (a bad one is refused, nothing runs), then run it in a worker."""

    def answered(text: str | None) -> None:
        if text is None:
            return
        try:
            label, fn = plan(text)
        except (InputError, ValueError) as err:
            app.notify(str(err), severity="error")
            return
        app.act(label, fn)

    app.push_screen(PromptDialog(title, default), answered)
