"""``cmis-exporter``: serve /metrics for a list of targets, a mounted chassis or a ports file."""

from __future__ import annotations

import ipaddress
import logging
import sys
import threading
from typing import Any

import click
from prometheus_client import CollectorRegistry, start_http_server

from cmis import cli as cmis_cli
from cmis.cli.params import FiniteFloat
from cmis.errors import InputError, cut
from cmis.exporter.collector import DEFAULT_TIMEOUT, FleetCollector
from cmis.exporter.ports import PortSpec, from_chassis, from_config, from_targets

DEFAULT_LISTEN = "127.0.0.1:9876"


def parse_listen(text: str) -> tuple[str, int]:
    """``ADDR:PORT`` (``[::1]:9876`` for IPv6) -> (address, port)."""
    host, sep, port = text.rpartition(":")
    host = host[1:-1] if host.startswith("[") and host.endswith("]") else host
    try:
        ipaddress.ip_address(host)
        number = int(port)
    except ValueError:
        number = -1
    if not sep or not 0 <= number <= 65535:
        raise InputError(
            f"--listen {cut(text)}: expected ADDR:PORT with an IP address and a port 0-65535 "
            f"(e.g. {DEFAULT_LISTEN} or [::1]:9876)"
        )
    return host, number


def serve(collector: FleetCollector, host: str, port: int) -> Any:
    """Start serving /metrics in a thread; returns the server (``.server_port``, ``.shutdown``)."""
    registry = CollectorRegistry(auto_describe=False)
    registry.register(collector)
    try:
        server, _thread = start_http_server(port, host, registry)
    except OSError as err:
        raise click.ClickException(f"cannot listen on {host}:{port}: {err.strerror}") from err
    return server


@click.command("cmis-exporter", context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--target", "-t", "targets", multiple=True, help="A port by target (repeat).")
@click.option("--chassis", help="A mounted chassis: every DIR/<port>/eeprom is a port.")
@click.option("--config", help="YAML or TOML file: 'ports: {NAME: TARGET, ...}'.")
@click.option("--listen", default=DEFAULT_LISTEN, show_default=True, help="ADDR:PORT to serve.")
@click.option(
    "--timeout",
    type=FiniteFloat(0.05, 60.0),
    default=DEFAULT_TIMEOUT,
    show_default=True,
    help="Seconds a port may take per scrape before it counts as down.",
)
def exporter(
    targets: tuple[str, ...], chassis: str | None, config: str | None, listen: str, timeout: float
) -> None:
    """Export every port's module to Prometheus, read at scrape time."""
    host, port = parse_listen(listen)
    ports = _ports(list(targets), chassis, config)
    logging.basicConfig(level=logging.INFO, format="cmis-exporter: %(message)s")
    collector = FleetCollector(ports, timeout=timeout)
    server = serve(collector, host, port)
    shown = f"[{host}]" if ":" in host else host
    click.echo(
        f"cmis-exporter: {len(ports)} port(s) on http://{shown}:{server.server_port}/metrics",
        err=True,
    )
    try:
        threading.Event().wait()
    except KeyboardInterrupt:
        server.shutdown()
        collector.close()


def _ports(targets: list[str], chassis: str | None, config: str | None) -> list[PortSpec]:
    given = sum(bool(x) for x in (targets, chassis, config))
    if given != 1:
        raise InputError("give the ports one way: --target (repeatable), --chassis DIR or --config")
    if chassis:
        return from_chassis(chassis)
    if config:
        return from_config(config)
    return from_targets(targets)


def main(argv: list[str] | None = None) -> int:
    return cmis_cli.main(argv, exporter)


if __name__ == "__main__":
    sys.exit(main())
