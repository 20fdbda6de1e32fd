"""``cmis status`` and ``--chassis DIR``: one row per port (or per target), ports read in parallel.

``status``, ``dom`` and ``info`` take ``--chassis``: the table is the same port summary for all
three; ``--json`` gives a list of objects, each the port's name plus the command's usual JSON.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial, wraps
from pathlib import Path
from typing import Any, TypeVar

import click
from rich import box
from rich.table import Table
from rich.text import Text

from cmis.cli.output import console, print_json
from cmis.cli.render_lanes import LEVEL_STYLE
from cmis.cli.session import Session, json_option, with_module
from cmis.codec.lanelist import format_lanes
from cmis.host.chassis import on_port, port_status
from cmis.host.module import Module
from cmis.host.ports import discover, error_text, run_all

F = TypeVar("F", bound=Callable[..., Any])
CHASSIS_COMMANDS = ("status", "dom", "info")


def show(rows: dict[str, Any], as_json: bool, paths: dict[str, Path] | None = None) -> None:
    """``rows``: port -> its data, or the exception that ended it (``paths``: their eeproms)."""
    paths = paths or {}
    if as_json:
        print_json([_json_row(name, value, paths) for name, value in rows.items()])
        return
    table = Table(box=box.SIMPLE_HEAD)
    for col in ("port", "present", "module state", "applications", "worst alarm", "Rx LOS"):
        table.add_column(col)
    for name, value in rows.items():
        table.add_row(name, *_cells(value, paths.get(name)))
    console.print(table)


def _json_row(name: str, value: Any, paths: dict[str, Path]) -> dict[str, Any]:
    if isinstance(value, BaseException):
        return {"port": name, "error": error_text(value, paths.get(name))}
    return {"port": name, **value}


def _cells(value: Any, path: Path | None) -> list[Text | str]:
    if isinstance(value, BaseException):
        return ["?", Text("error", style="red"), Text(error_text(value, path), style="red"), "", ""]
    if not value["present"]:
        return ["no", "", "", "", ""]
    apps = "\n".join(
        f"{format_lanes(p['lanes'])}: {p['application'] or 'AppSel ' + str(p['appsel'])}"
        for p in value["data_paths"]
    )
    worst = value["worst_alarm"]
    what = ", ".join(f"{n} {format_lanes(ls)}".strip() for n, ls in worst["monitors"].items())
    level = Text(f"{worst['level']} {what}".strip(), style=LEVEL_STYLE.get(worst["level"], ""))
    return ["yes", value["module_state"], apps or "none", level, format_lanes(value["lanes_los"])]


def _status(module: Module) -> dict[str, Any]:
    return port_status(module, module.pins)


def each_port(json_of: Callable[[Module], Any]) -> Callable[[F], F]:
    """Under ``--chassis``, run on every port instead (options beyond --json are refused)."""

    def decorate(command: F) -> F:
        @wraps(command)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            session = click.get_current_context().find_object(Session)
            if session is None or session.chassis is None:
                return command(*args, **kwargs)
            extra = [k for k, v in kwargs.items() if k != "as_json" and v not in (None, False)]
            if extra:
                raise click.UsageError(f"--{extra[0]} does not work with --chassis")
            ports = discover(session.chassis)
            job = json_of if kwargs["as_json"] else _status
            rows = run_all({n: partial(on_port, p, job) for n, p in ports.items()})
            show(rows, kwargs["as_json"], ports)
            return None

        return wrapper  # type: ignore[return-value]

    return decorate


@click.command("status")
@json_option
@each_port(_status)
@with_module
def status_command(module: Module, as_json: bool) -> None:
    """One summary row: presence, state, applications, worst monitor level, Rx LOS lanes."""
    row: dict[str, Any] = _status(module)
    if as_json:
        print_json(row)
    else:
        show({module.name: row}, as_json=False)
