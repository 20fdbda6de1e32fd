"""``cmis-emu``: serve a chassis over FUSE, and drive a running one through its control files."""

from __future__ import annotations

import json
import sys

import click
from rich.console import Console
from rich.table import Table

from cmis.cli.params import FiniteFloat
from cmis.codec.lanelist import format_lanes
from emulator.service.client import Mount
from emulator.service.errors import run
from emulator.service.serve import serve


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
def cli() -> None:
    """An emulated switch chassis mounted as optoe eeprom and PDDF pin files (FUSE)."""


cli.add_command(serve)


@cli.command()
@click.argument("mount", type=click.Path(file_okay=False))
@click.argument("port")
@click.argument("setting", metavar="NAME=VALUE|clear")
def fault(mount: str, port: str, setting: str) -> None:
    """Set one fault on PORT: rx_los=1-8, nack_rate=0.01, cdb_fail=0107:0x45 (CMDID:STATUS) ...

    An empty lane list (rx_los=) clears that fault; `clear` clears them all.
    """
    there = Mount(mount)
    there.send(there.port_file(port, "fault"), setting)


@cli.command()
@click.argument("mount", type=click.Path(file_okay=False))
@click.argument("port")
def remove(mount: str, port: str) -> None:
    """Pull the module out of PORT's cage."""
    there = Mount(mount)
    there.send(there.port_file(port, "cage"), "remove")


@cli.command()
@click.argument("mount", type=click.Path(file_okay=False))
@click.argument("port")
@click.option("--profile", default=None, help="Module profile (default: the port's own).")
def insert(mount: str, port: str, profile: str | None) -> None:
    """Plug a fresh module into PORT's cage."""
    there = Mount(mount)
    there.send(there.port_file(port, "cage"), " ".join(["insert", *filter(None, [profile])]))


@cli.command()
@click.argument("mount", type=click.Path(file_okay=False))
@click.argument("action", type=click.Choice(["cut", "restore", "loss"]))
@click.argument("a")
@click.argument("b")
@click.argument("db", required=False, type=FiniteFloat(0.0, 100.0))
def link(mount: str, action: str, a: str, b: str, db: float | None) -> None:
    """Cut or restore the fibre between ports A and B, or set its loss to DB."""
    if (action == "loss") != (db is not None):
        raise click.UsageError("give DB with 'loss' and only with it")
    there = Mount(mount)
    words = [action, a, b] if db is None else [action, a, b, f"{db:g}"]
    there.send(there.control_file("links"), " ".join(words))


@cli.command()
@click.argument("mount", type=click.Path(file_okay=False))
@click.option("--json", "as_json", is_flag=True, help="The status as JSON (one object per port).")
def status(mount: str, as_json: bool) -> None:
    """Every port: present, module state, application, lanes with Rx LOS, IntL, LPMode."""
    rows = Mount(mount).status()
    if as_json:
        click.echo(json.dumps(rows, indent=2))
        return
    table = Table("port", "present", "module state", "application", "Rx LOS", "IntL", "LPMode")
    for row in rows:
        table.add_row(
            row["port"],
            _yes(row["present"]),
            str(row.get("module_state") or "-"),
            str(row.get("application") or "-"),
            format_lanes(row.get("lanes_los") or []),
            _yes(row.get("intl")),
            _yes(row.get("lpmode")),
        )
    Console().print(table)


def _yes(flag: object) -> str:
    return "yes" if flag else "no"


def main(argv: list[str] | None = None) -> int:
    """Entry point: every failure is one line on stderr and an exit code (2 bad input, 1 failed)."""
    return run(cli, argv)


if __name__ == "__main__":
    sys.exit(main())
