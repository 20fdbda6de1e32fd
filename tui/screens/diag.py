"""Diagnostics: PRBS generators/checkers with live counters, and loopbacks (pages 13h/14h)."""

from __future__ import annotations

from functools import partial
from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Static

from cmis.errors import InputError
from cmis.host import diag
from cmis.host.loopback import set_loopback
from tui.diag_model import UNITS, Offer, down_text, read_offer
from tui.messages import Fetch, Fetched
from tui.screens.base import CmisScreen
from tui.snapshot import Snapshot
from tui.widgets.diag_controls import DiagControls
from tui.widgets.prbs_table import PrbsTable, progress

HINT = "choose side, pattern, units, lanes (1-8, 3, all) and loopback type above; t starts PRBS"
NO_DIAG = "this module does not advertise diagnostics (pages 13h/14h: 01h:142.5 = 0)"
OFFER, READ = "read diagnostics capabilities", "read PRBS counters"


class DiagScreen(CmisScreen):
    """t start PRBS, x stop it, b / B loopback on / off; traffic-stopping keys ask first."""

    BINDINGS = [
        Binding("t", "start", "Start PRBS"),
        Binding("x", "stop", "Stop PRBS"),
        Binding("L", "loop(True)", "Loopback on"),
        Binding("O", "loop(False)", "Loopback off"),
    ]

    offer: Offer | None = None
    asked = False  # the capabilities read is on its way (or done)
    reading = False  # a counter read is on its way: polls meanwhile do not queue another
    started_at: float | None = None  # module time the last PRBS start took effect

    def body(self) -> ComposeResult:
        yield DiagControls(id="diag-controls")
        yield Static(HINT, id="diag-line")
        yield Static("", id="prbs-progress")
        yield PrbsTable(id="prbs")

    def show(self, snap: Snapshot) -> None:
        if not self.asked:
            self.asked = True
            self.post_message(Fetch(OFFER, read_offer, self))
        elif self.offer is not None and not self.reading:
            self.reading = True
            self.post_message(Fetch(READ, diag.read, self))

    def on_fetched(self, message: Fetched) -> None:
        if message.label == OFFER:
            self._offered(message)
        elif message.label == READ:
            self.reading = False
            self._counters(message)
        else:  # a start, stop or loopback the user confirmed: its one-line outcome
            ok = message.error is None
            self.say(f"{message.label}: {'done' if ok else message.error}", ok)
            if ok and message.label.startswith("start"):
                self.started_at = message.at
            if not self.reading:  # show the counters' new state at once
                self.reading = True
                self.post_message(Fetch(READ, diag.read, self))

    def _offered(self, message: Fetched) -> None:
        if message.error is not None:
            self.asked = False  # ask again with the next poll
            self.say(f"cannot read the diagnostics capabilities: {message.error}", False)
            return
        self.offer = message.result
        if self.offer is None:
            self.say(NO_DIAG, False)
            return
        self.query_one(DiagControls).set_offer(self.offer)

    def _counters(self, message: Fetched) -> None:
        if message.error is not None:
            self.query_one("#prbs-progress", Static).update(f"counters: {message.error}")
            return
        results = message.result
        self.query_one(PrbsTable).show(results)
        elapsed = None if self.started_at is None else message.at - self.started_at
        gate = self.offer.gate_s if self.offer else None
        self.query_one("#prbs-progress", Static).update(progress(results, elapsed, gate))

    def say(self, text: str, ok: bool) -> None:
        self.query_one("#diag-line", Static).update(Text(text, "green" if ok else "bold red"))

    # --- actions: checked here first (refused in one line), confirmed, then run in a worker ---

    def _lanes(self) -> list[int] | None:
        if self.offer is None:
            self.say(NO_DIAG if self.asked else "waiting for the capabilities read", False)
            return None
        try:
            return self.query_one(DiagControls).lanes()
        except InputError as err:
            self.say(str(err), False)
            return None

    def action_start(self) -> None:
        lanes, controls = self._lanes(), self.query_one(DiagControls)
        if lanes is None:
            return
        side, units, pattern = (controls.value(n) for n in ("side", "units", "pattern"))
        what = f"{side}-side {' and '.join(UNITS[units])}"
        if not pattern:
            self.say(f"the {what} offers no pattern this module advertises", False)
            return
        run = partial(_start, side=side, pattern=pattern, lanes=lanes, units=UNITS[units])
        label = f"start {what} {pattern}"
        self.ask("Start PRBS?", down_text(f"{what} {pattern}", lanes), lambda: self._do(label, run),
                 "Start")  # fmt: skip

    def action_stop(self) -> None:
        lanes = self._lanes()
        if lanes is not None:  # stopping gives the lanes back: nothing to ask
            self._do("stop PRBS", partial(diag.stop, lanes=lanes))

    def action_loop(self, on: bool) -> None:
        lanes = self._lanes()
        kind = self.query_one(DiagControls).value("loop-type")
        if lanes is None:
            return
        if not kind:
            self.say("this module offers no loopback", False)
            return
        run = partial(set_loopback, kind=kind, lanes=lanes, on=on)
        label = f"{kind} loopback {'on' if on else 'off'}"
        if not on:
            self._do(label, run)
            return
        question = down_text(f"{kind} loopback", lanes)
        self.ask("Turn the loopback on?", question, lambda: self._do(label, run), "Loop")

    def _do(self, label: str, run: Any) -> None:
        self.say(f"{label} ...", True)
        self.post_message(Fetch(label, run, self, log=True))


def _start(module: Any, side: str, pattern: str, lanes: list[int], units: tuple[str, ...]) -> None:
    diag.start(module, side, diag.parse_pattern(pattern), lanes, units)
