"""``cmis-emu serve``: build or load a chassis, mount it, serve until SIGINT/SIGTERM."""

from __future__ import annotations

from pathlib import Path

import click

from cmis.cli.params import FiniteFloat
from cmis.errors import cut_path
from emulator.chassis import Chassis, build_chassis, load_chassis
from emulator.service import mount as mounting
from emulator.service.mount import ServiceError

DEFAULT_PROFILE = "osfp-800g-dr8"


@click.command()
@click.argument("chassis_file", metavar="[CHASSIS.toml]", required=False,
                type=click.Path(dir_okay=False))  # fmt: skip
@click.option("--mount", "mount", required=True, type=click.Path(file_okay=False),
              help="Directory to mount on (a stale mount there is cleaned).")  # fmt: skip
@click.option("--ports", type=click.IntRange(1, 1024),
              help="Ports without a file (port1-port2, port3-port4... linked).")  # fmt: skip
@click.option("--profile", default=None, help=f"Module profile of every port [{DEFAULT_PROFILE}].")
@click.option("--speed", type=FiniteFloat(0.001, 1000.0), default=None,
              help="Module timers run at this multiple of real time [1].")  # fmt: skip
def serve(
    chassis_file: str | None,
    mount: str,
    ports: int | None,
    profile: str | None,
    speed: float | None,
) -> None:
    """Mount a chassis (CHASSIS.toml, or --ports N) at --mount until Ctrl-C or SIGTERM."""
    problem = mounting.fuse_problem()
    if problem:
        raise ServiceError(problem)
    chassis = _chassis(chassis_file, ports, profile, speed)
    where = Path(mount)
    if mounting.prepare(where):
        click.echo(f"cmis-emu: cleaned a stale mount at {cut_path(where)}", err=True)
    click.echo(
        f"cmis-emu: serving {len(chassis.ports)} port(s) at {cut_path(where)}; "
        "stop with Ctrl-C or SIGTERM",
        err=True,
    )
    mounting.serve(chassis, where)
    click.echo(f"cmis-emu: unmounted {cut_path(where)}", err=True)


def _chassis(
    chassis_file: str | None, ports: int | None, profile: str | None, speed: float | None
) -> Chassis:
    if chassis_file is None and ports is None:
        raise click.UsageError("give CHASSIS.toml or --ports N")
    if chassis_file is None:
        return pair_ports(build_chassis(ports or 0, profile or DEFAULT_PROFILE, speed=speed or 1.0))
    if ports is not None or profile is not None or speed is not None:
        raise click.UsageError("--ports, --profile and --speed are for a chassis without a file")
    return load_chassis(chassis_file)


def pair_ports(chassis: Chassis) -> Chassis:
    """Fibre port1-port2, port3-port4...: a chassis without a file has light and links to cut
    (an odd last port stays dark)."""
    names = list(chassis.ports)
    for a, b in zip(names[::2], names[1::2], strict=False):
        chassis.add_link(a, b)
    return chassis
