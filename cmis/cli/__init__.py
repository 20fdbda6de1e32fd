"""The ``cmis`` command line: exit 0 ok, 1 operation failed, 2 bad input (one line on stderr).

Every command but ``decode`` talks to ``--target`` (default: a fresh emulated 800G module for
each call — nothing persists between calls against ``emu:``).
"""

from __future__ import annotations

import sys

import click
from click.core import ParameterSource

from cmis.cli.cdb import cdb
from cmis.cli.chassis import CHASSIS_COMMANDS, status_command
from cmis.cli.control import apply, datapath, power, reset, rx, tx
from cmis.cli.decode import decode
from cmis.cli.diag import diag
from cmis.cli.dom import dom
from cmis.cli.fleet import fleet
from cmis.cli.fw import fw
from cmis.cli.memory import dump
from cmis.cli.output import check_output_path
from cmis.cli.params import FiniteFloat
from cmis.cli.provision import provision
from cmis.cli.readwrite import read, write
from cmis.cli.runner import run
from cmis.cli.session import Session
from cmis.cli.status import apps, flags, info, lanes, state
from cmis.cli.vdm import vdm

DEFAULT_TARGET = (
    "emu:osfp-800g-dr8"  # same as cmis.host.targets.DEFAULT_TARGET, without importing it
)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="cmis-tools")
@click.option(
    "--target",
    "-t",
    default=DEFAULT_TARGET,
    show_default=True,
    envvar="CMIS_TARGET",
    help="emu:PROFILE, i2c:BUS@ADDR, optoe:PATH or file:PATH.",
)
@click.option(
    "--margin",
    type=FiniteFloat(1.0, 100.0),
    default=3.0,
    show_default=True,
    help="Wait this many times the module's advertised durations (+0.5 s).",
)
@click.option(
    "--record",
    type=click.Path(dir_okay=False),
    default=None,
    help="Append every transaction to this JSON-lines log (replay: -t file:LOG).",
)
@click.option(
    "--chassis",
    type=click.Path(),
    default=None,
    help="A folder of ports (DIR/port1/eeprom...): status, dom and info run on every port.",
)
@click.pass_context
def cli(
    ctx: click.Context, target: str, margin: float, record: str | None, chassis: str | None
) -> None:
    """Read, decode and provision CMIS 5.x transceivers (QSFP-DD, OSFP)."""
    if chassis is not None:
        check_chassis_use(ctx, record)
    if record is not None:
        check_output_path(record, append=True)  # before the module is opened or touched
    ctx.obj = Session(target, margin, record, chassis)


def check_chassis_use(ctx: click.Context, record: str | None) -> None:
    """--chassis names the modules itself and only reads: refuse what would not apply."""
    if ctx.invoked_subcommand not in CHASSIS_COMMANDS:
        raise click.UsageError(f"--chassis works with {', '.join(CHASSIS_COMMANDS)} only")
    if ctx.get_parameter_source("target") is ParameterSource.COMMANDLINE:
        raise click.UsageError("--chassis and --target name modules both ways: give one")
    if record is not None:
        raise click.UsageError("--record does not work with --chassis (one log per module)")


for command in (
    decode,
    info,
    apps,
    state,
    status_command,
    lanes,
    dom,
    vdm,
    flags,
    dump,
    read,
    write,
    power,
    reset,
    tx,
    rx,
    datapath,
    apply,
    cdb,
    provision,
):
    cli.add_command(command)
cli.add_command(fw)
cli.add_command(diag)
cli.add_command(fleet)


def main(argv: list[str] | None = None, command: click.Command | None = None) -> int:
    """Entry point: runs the group (or another ``command``, e.g. ``cmis-exporter``), turning
    every failure into one line and an exit code."""
    prog = "cmis" if command is None else str(command.name)
    return run(command or cli, argv, prog=prog, label="cmis")


if __name__ == "__main__":
    sys.exit(main())
