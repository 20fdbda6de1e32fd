"""DiagControls: side, pattern (only advertised ones), units, lanes and loopback type."""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Input, Select

from tui.diag_model import Offer
from tui.lanemask import lanes_of

SIDES = [("media side", "media"), ("host side", "host")]
UNIT_CHOICES = [("generator+checker", "both"), ("generator only", "generator"),
                ("checker only", "checker")]  # fmt: skip
NONE = [("(none offered)", "")]


class DiagControls(Horizontal):
    """The choices a start, stop or loopback acts on; ``offer`` fills pattern and loopback."""

    offer: Offer | None = None

    def compose(self) -> ComposeResult:
        yield _select("side", SIDES)
        yield _select("pattern", NONE)
        yield _select("units", UNIT_CHOICES)
        yield Input("all", placeholder="lanes: 1-8, 3, all", id="diag-lanes")
        yield _select("loop-type", NONE)

    def set_offer(self, offer: Offer) -> None:
        self.offer = offer
        loops = [(name, name) for name in offer.loopbacks] or NONE
        self.query_one("#loop-type", Select).set_options(loops)
        self.query_one("#loop-type", Select).value = loops[0][1]
        self._patterns()

    def on_select_changed(self, event: Select.Changed) -> None:
        if event.select.id in ("side", "units"):
            self._patterns()

    def _patterns(self) -> None:
        """Only the patterns every chosen unit on the chosen side offers."""
        if self.offer is None:
            return
        names = self.offer.patterns_for(self.value("side"), self.value("units"))
        select = self.query_one("#pattern", Select)
        keep = select.value if select.value in names else (names[0] if names else "")
        select.set_options([(n, n) for n in names] or NONE)
        select.value = keep

    def value(self, name: str) -> str:
        return str(self.query_one(f"#{name}", Select).value)

    def lanes(self) -> list[int]:
        """The lanes typed (InputError when they are not lanes of this module)."""
        count = self.offer.lanes if self.offer else 8
        return lanes_of(self.query_one("#diag-lanes", Input).value, count)


def _select(id: str, options: list[tuple[str, Any]]) -> Select[Any]:
    return Select(options, value=options[0][1], allow_blank=False, id=id)
