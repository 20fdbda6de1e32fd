"""StatusLine: target, module state, polling, worst alarm and firmware progress on every screen."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static


class StatusLine(Static):
    """One line under the header; red when the target is lost, yellow when polling is paused."""

    def show(
        self,
        target: str,
        state: str,
        poll: str,
        rate: float,
        lost: bool,
        alarm: Text | None = None,
        firmware: str = "",
    ) -> None:
        seen = f" (last seen {state})" if state != "?" else ""
        shown = (f"?{seen}", "bold red") if lost else (state, "bold cyan")
        text = Text.assemble((f" {target} ", "bold"), " module: ", shown, " ")
        if alarm:  # first after the state: the one thing to notice, even at 80 columns
            text.append_text(alarm)
        if firmware:
            text.append(f" {firmware} ", "bold black on cyan")
        text.append(f"  every {rate:g} s: ")
        style = (
            "bold white on red" if lost else ("yellow" if poll.startswith("paused") else "green")
        )
        text.append(poll, style)
        if text != self.content:  # redraw only when something changed
            self.update(text)
        self.set_class(lost, "-lost")
