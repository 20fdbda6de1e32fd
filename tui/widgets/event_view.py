"""EventView: the log's text view; a repeated event rewrites its own line ("x60") in place."""

from __future__ import annotations

from collections.abc import Iterable

from textual.widgets import Log

from tui.eventlog import Entry


class EventView(Log):
    """A Log of entries; remembers the seq of its last line so a repeat can update it."""

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.last_seq = 0

    def show(self, entries: Iterable[Entry]) -> None:
        fresh: list[str] = []
        for entry in entries:
            repeat = entry.replaces != 0 and entry.replaces == self.last_seq
            if repeat and fresh:
                fresh[-1] = entry.line()
            elif repeat and self.lines:
                self._rewrite_last(entry.line())
            else:
                fresh.append(entry.line())
            self.last_seq = entry.seq
        if fresh:
            self.write_lines(fresh)

    def _rewrite_last(self, line: str) -> None:
        # Log has no public "replace a line"; its lines list and per-line refresh are the
        # cheapest way (a reload would redraw thousands of lines once a second).
        self._lines[-1] = line
        self.refresh_lines(len(self._lines) - 1)

    def reset(self) -> None:
        self.clear()
        self.last_seq = 0
