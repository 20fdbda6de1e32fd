"""StatusLine: target, module state and polling state (live, paused, lost) on every screen."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static


class StatusLine(Static):
    """One line under the header; red when the target is lost, yellow when polling is paused."""

    def show(self, target: str, state: str, poll: str, rate: float, lost: bool) -> None:
        seen = f" (last seen {state})" if state != "?" else ""
        shown = (f"?{seen}", "bold red") if lost else (state, "bold cyan")
        text = Text.assemble((f" {target} ", "bold"), " module: ", shown)
        text.append(f"  every {rate:g} s: ")
        style = (
            "bold white on red" if lost else ("yellow" if poll.startswith("paused") else "green")
        )
        text.append(poll, style)
        self.update(text)
        self.set_class(lost, "-lost")
