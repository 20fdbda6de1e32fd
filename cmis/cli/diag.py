"""``cmis diag``: PRBS generators/checkers (``prbs start|read|stop``) and ``loopback``.

Requests are checked against what the module advertises before anything is written, so a
refusal (pattern, side, loopback type or lanes the module does not offer) leaves it untouched.
"""

from __future__ import annotations

import click
from rich.table import Table
from rich.text import Text

from cmis.cli.output import console, print_json
from cmis.cli.params import Lanes
from cmis.cli.session import json_option, with_module
from cmis.host import diag as host_diag
from cmis.host.loopback import TYPES, set_loopback
from cmis.host.module import Module

SIDE = click.Choice(["host", "media"])


@click.group()
def diag() -> None:
    """Module diagnostics: PRBS pattern generators and checkers, loopbacks (pages 13h/14h)."""


@diag.group()
def prbs() -> None:
    """PRBS generators and checkers."""


@prbs.command()
@click.option("--side", type=SIDE, required=True, help="Host (electrical) or media side.")
@click.option("--pattern", required=True, help="PRBS31Q, PRBS23Q, ... SSPRQ (as advertised).")
@click.option("--lanes", type=Lanes(), required=True, help="Lanes, e.g. 1-8 or 1,3.")
@click.option("--generator-only", is_flag=True, help="Start the generator, not the checker.")
@click.option("--checker-only", is_flag=True, help="Start the checker, not the generator.")
@with_module
def start(
    module: Module, side: str, pattern: str, lanes: list[int], generator_only: bool,
    checker_only: bool,
) -> None:  # fmt: skip
    """Start SIDE's generator and checker with PATTERN on LANES (the checker starts counting)."""
    if generator_only and checker_only:
        raise click.UsageError("--generator-only and --checker-only exclude each other")
    units = ("generator",) if generator_only else ("checker",) if checker_only else None
    chosen = units or ("generator", "checker")
    host_diag.start(module, side, host_diag.parse_pattern(pattern), lanes, chosen)
    click.echo(f"{side}-side {' and '.join(chosen)} running {pattern.upper()} on lanes "
               f"{','.join(map(str, lanes))}")  # fmt: skip


@prbs.command()
@json_option
@with_module
def read(module: Module, as_json: bool) -> None:
    """Per enabled checker lane: lock, error count, bits counted and BER."""
    results = host_diag.read(module)
    if as_json:
        print_json([r.as_dict() for r in results])
        return
    if not results:
        click.echo("no checker is running (start one with: cmis diag prbs start ...)")
        return
    table = Table("side", "lane", "pattern", "lock", "errors", "bits", "BER")
    for r in results:
        lock = Text("locked", "green") if r.locked else Text("no lock", "red")
        if r.sync_lost:  # the PSL marker: lock was lost during the count
            lock.append(" (sync lost)", "yellow")
        rate = "-" if r.ber is None else f"{r.ber:.2e}"
        table.add_row(r.side, str(r.lane), r.pattern, lock, str(r.errors), f"{r.bits:.3e}", rate)
    console.print(table)


@prbs.command()
@click.option("--lanes", type=Lanes(), default=None, help="Only these lanes (default: all).")
@with_module
def stop(module: Module, lanes: list[int] | None) -> None:
    """Stop generators and checkers on both sides (counts stay readable)."""
    host_diag.stop(module, lanes)
    click.echo(
        "stopped on " + ("all lanes" if lanes is None else f"lanes {','.join(map(str, lanes))}")
    )


@diag.command()
@click.option("--type", "kind", type=click.Choice(list(TYPES)), required=True,
              help="Loopback type, as CMIS and SONiC name it.")  # fmt: skip
@click.option("--lanes", type=Lanes(), required=True, help="Lanes, e.g. 1-4.")
@click.argument("state", type=click.Choice(["on", "off"]))
@with_module
def loopback(module: Module, kind: str, lanes: list[int], state: str) -> None:
    """Turn a loopback on or off on LANES (13h:180-183)."""
    mask = set_loopback(module, kind, lanes, state == "on")
    click.echo(f"{kind} loopback {state}; lanes now looped: mask 0x{mask:02x}")
