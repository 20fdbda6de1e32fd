"""PrbsTable: each running checker lane's lock, errors, bits and BER; a progress line above."""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual.widgets import DataTable

from cmis.host.diag import LaneResult
from tui.render import put_row

COLUMNS = ("side", "lane", "pattern", "lock", "errors", "bits", "BER")


class PrbsTable(DataTable):
    """Rows keyed side/lane; rows of checkers no longer running are dropped."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(cursor_type="row", zebra_stripes=True, **kwargs)

    def on_mount(self) -> None:
        for column in COLUMNS:
            self.add_column(column, key=column)

    def show(self, results: list[LaneResult]) -> None:
        keys = [f"{r.side}-{r.lane}" for r in results]
        for key in [str(k.value) for k in self.rows if str(k.value) not in keys]:
            self.remove_row(key)
        for key, r in zip(keys, results, strict=True):
            lock = Text("locked", "green") if r.locked else Text("no lock", "bold red")
            if r.sync_lost:  # the PSL marker: lock was lost during the count
                lock.append(" (sync lost)", "yellow")
            rate = "-" if r.ber is None else f"{r.ber:.2e}"
            cells = (r.side, str(r.lane), r.pattern, lock, str(r.errors), f"{r.bits:.3e}", rate)
            put_row(self, key, cells)


def progress(results: list[LaneResult], elapsed: float | None, gate: float | None) -> str:
    """How far the count is: elapsed (module time) against the gating time, bits counted."""
    if not results:
        return "no checker running: t starts PRBS (generator and checker on the lanes given)"
    locked = sum(r.locked for r in results)
    bits = max(r.bits for r in results)
    when = "" if elapsed is None else f"{elapsed:.0f} s"
    if gate is not None and elapsed is not None:
        when += f" of {gate:g} s gating ({min(elapsed / gate, 1.0):.0%})"
    elif when:
        when += " (counting until stopped)"
    return (
        f"PRBS running {when}; {locked}/{len(results)} checker lanes locked; "
        f"up to {bits:.3e} bits counted"
    )
