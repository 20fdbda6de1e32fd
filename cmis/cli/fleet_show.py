"""``cmis fleet`` output: live progress (switches, ports done/failed, ETA), plans and reports."""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from rich import box
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn
from rich.table import Table

from cmis.cli.output import console

if TYPE_CHECKING:
    from cmis.fleet.ports import FleetPort
    from cmis.fleet.rollout import Wave


@contextmanager
def progress(ports: list[FleetPort]) -> Iterator[Callable[[dict[str, Any]], None]]:
    """A bar on stderr over ``ports``; yields the per-port callback (any thread may call it)."""
    left = Counter(p.switch for p in ports)
    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
               TextColumn("failed {task.fields[failed]}  switches {task.fields[switches]}"),
               TimeRemainingColumn())  # fmt: skip
    lock, failed = threading.Lock(), [0]
    err = Console(stderr=True, highlight=False)
    with Progress(*columns, console=err, disable=not err.is_terminal) as bar:  # no log noise
        task = bar.add_task("ports", total=len(ports), failed=0, switches=f"0/{len(left)}")

        def on_port(row: dict[str, Any]) -> None:
            with lock:
                failed[0] += not row["ok"]
                left[row["switch"]] -= 1
                done = sum(1 for n in left.values() if n <= 0)
                bar.update(task, advance=1, failed=failed[0], switches=f"{done}/{len(left)}")

        yield on_port


def show_plan(waves: list[Wave], done: list[str]) -> None:
    if done:
        console.print(f"already done (state file), left out: {len(done)} port(s)")
    for wave in waves:
        console.print(f"{wave.name}: " + ", ".join(p.key for p in wave.ports))
    console.print(f"{sum(len(w.ports) for w in waves)} port(s) in {len(waves)} wave(s)")


def plan_json(waves: list[Wave], done: list[str]) -> dict[str, Any]:
    listed = [{"name": w.name, "ports": [p.to_dict() for p in w.ports]} for w in waves]
    return {"already_done": done, "waves": listed}


def firmware_text(fw: dict[str, Any] | None) -> str:
    if not fw or fw.get("slot") is None:
        return "unknown"
    state = "committed" if fw["committed"] else "not committed"
    return f"{fw['version']} (image {fw['slot']}, {state})"


def show_report(rows: list[dict[str, Any]], firmware: bool) -> None:
    """Every failed port with its reason (and running image), then counts."""
    failed = [r for r in rows if not r["ok"]]
    if failed:
        table = Table("switch", "port", "reason", box=box.SIMPLE_HEAD, title="failed ports")
        if firmware:
            table.add_column("running firmware")
        for row in failed:
            cells = [row["switch"], row["port"] or "-", row["error"]]
            table.add_row(*cells, *([firmware_text(row.get("firmware"))] if firmware else []))
        console.print(table)
    if firmware:
        running = Counter(firmware_text(r.get("firmware")) for r in rows if r["port"])
        for text, count in running.most_common():
            console.print(f"running {text}: {count} module(s)")
    console.print(f"{len(rows)} port(s): {len(rows) - len(failed)} ok, {len(failed)} failed")


def show_rows(rows: list[dict[str, Any]], key: str) -> None:
    """``fleet status`` / ``fleet dom``: one line per port, its worst monitor level."""
    from cmis.host.worst import worst_level

    table = Table("switch", "port", "present", "module state", "worst alarm", box=box.SIMPLE_HEAD)
    for row in rows:
        if not row["ok"]:
            table.add_row(row["switch"], row["port"] or "-", "?", "error", row["error"])
            continue
        data = row[key]
        if data.get("present") is False:
            table.add_row(row["switch"], row["port"], "no", "", "")
            continue
        worst = data.get("worst_alarm") or worst_level(data)  # (a dom from an older cmis)
        state = data.get("module_state", "")
        table.add_row(row["switch"], row["port"], "yes", state, worst["level"])
    console.print(table)
