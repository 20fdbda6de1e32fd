"""``cmis dom``: monitors against thresholds, once or refreshed (``--watch N``, ``--count K``).

Waiting between refreshes uses the module's clock, so on an ``emu:`` target (a VirtualClock)
time advances instantly and the values move; on hardware it is wall time. Ctrl-C ends a watch
cleanly (exit 0). With ``--json`` a watch prints one JSON object per line.
"""

from __future__ import annotations

import math
from typing import Any

import click
from rich import box
from rich.console import Group
from rich.live import Live
from rich.table import Table
from rich.text import Text

from cmis.cli.chassis import each_port
from cmis.cli.output import console, json_line, print_json
from cmis.cli.params import FiniteFloat
from cmis.cli.render_lanes import LEVEL_STYLE
from cmis.cli.session import json_option, with_module
from cmis.cli.status import advice_lines, flags_text
from cmis.host.module import Module

DAY = 86400.0  # the longest --watch period: longer is a typo, and too big for a clock


def _num(value: float, fmt: str = "{:.2f}") -> str:
    return fmt.format(value) if math.isfinite(value) else "-inf"


def dom_view(data: dict[str, Any]) -> Group:
    """The module line, the lane table and the flags this read cleared."""
    mon = data["module"]
    head = Text(
        f"Temperature {mon['temperature_c']['value']:.2f} °C "
        f"({mon['temperature_c'].get('level', '?')}), "
        f"Vcc {mon['vcc_v']['value']:.4f} V ({mon['vcc_v'].get('level', '?')})"
    )
    flags = Text("Latched flags: " + (flags_text(data["flags"]) or "none"))
    return Group(head, _lane_table(data["lanes"]), flags, *advice_lines(data["flags"]))


def _lane_table(lanes: list[dict[str, Any]]) -> Table:
    table = Table(title="Lane monitors", title_justify="left", box=box.SIMPLE_HEAD)
    for col in ("lane", "Tx mW", "Tx dBm", "bias mA", "Rx mW", "Rx dBm"):
        table.add_column(col, justify="right")
    for lane in lanes:
        tx, bias, rx = (
            LEVEL_STYLE.get(lane[k] or "", "")
            for k in ("tx_power_level", "tx_bias_level", "rx_power_level")
        )
        table.add_row(
            str(lane["lane"]),
            Text(_num(lane["tx_power_mw"], "{:.4f}"), style=tx),
            Text(_num(lane["tx_power_dbm"]), style=tx),
            Text(_num(lane["tx_bias_ma"]), style=bias),
            Text(_num(lane["rx_power_mw"], "{:.4f}"), style=rx),
            Text(_num(lane["rx_power_dbm"]), style=rx),
        )
    return table


@click.command()
@click.option("--watch", type=FiniteFloat(0.01, DAY), default=None, help="Refresh every N s.")
@click.option(
    "--count", type=click.IntRange(min=1), default=None, help="With --watch: stop after K."
)
@json_option
@each_port(Module.dom)
@with_module
def dom(module: Module, watch: float | None, count: int | None, as_json: bool) -> None:
    """Monitors against thresholds (mW and dBm) and the latched flags this read cleared."""
    if count is not None and watch is None:
        raise click.UsageError("--count needs --watch N")
    if watch is None:
        data = module.dom()
        print_json(data) if as_json else console.print(dom_view(data))
        return
    try:
        _watch(module, watch, count, as_json)
    except KeyboardInterrupt:
        return  # Ctrl-C is how a watch ends


def _snapshots(module: Module, every: float, count: int | None):  # type: ignore[no-untyped-def]
    """DOM snapshots ``every`` seconds of the module's clock, ``count`` of them (None: forever)."""
    taken = 0
    while count is None or taken < count:
        if taken:
            module.clock.sleep(every)
        taken += 1
        yield taken, module.dom()


def _watch(module: Module, every: float, count: int | None, as_json: bool) -> None:
    if as_json or not console.is_terminal:
        for k, data in _snapshots(module, every, count):
            if as_json:
                click.echo(json_line(data))
            else:
                console.print(Text(f"dom #{k} at t={data['time']:.3f} s", style="bold"))
                console.print(dom_view(data))
        return
    with Live(Text("reading..."), console=console, auto_refresh=False) as live:
        for k, data in _snapshots(module, every, count):
            title = Text(f"dom #{k} at t={data['time']:.3f} s (Ctrl-C ends)", style="bold")
            live.update(Group(title, dom_view(data)), refresh=True)
