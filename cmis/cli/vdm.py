"""``cmis vdm``: VDM observables (pages 20h-2Fh) per lane, coloured by threshold state.

The read freezes the statistics, reads and unfreezes (cmis/host/vdm.py); latched flags are
marked ``*`` (reading them cleared them). ``--json`` prints one object per instance.
"""

from __future__ import annotations

from typing import Any

import click
from rich import box
from rich.console import Group
from rich.table import Table
from rich.text import Text

from cmis.cli.output import console, print_json
from cmis.cli.render_lanes import LEVEL_STYLE
from cmis.cli.session import json_option, with_module
from cmis.codec.vdm import encoding
from cmis.host.module import Module
from cmis.host.vdm import level

LANES_PER_TABLE = 4  # fits 80 columns with full observable names


def number_text(entry: dict[str, Any]) -> str:
    """A VDM value as shown (the TUI uses it too): ratios such as BER in exponent form."""
    kind = encoding(entry["type_id"]).kind
    if kind == "F16" and entry["unit"] == "":
        return f"{entry['value']:.2e}"
    return f"{entry['value']:.2f}"


def _value(entry: dict[str, Any]) -> Text:
    text = number_text(entry)
    latched = any(entry["flags"].values())
    return Text(text + ("*" if latched else ""), style=LEVEL_STYLE[level(entry)])


def vdm_view(rows: list[dict[str, Any]]) -> Group:
    """One table per bank of lanes (module-level observables in their own column)."""
    lanes = sorted({r["lane"] for r in rows}, key=lambda lane: -1 if lane is None else lane)
    banks: dict[int, list[int | None]] = {}
    for lane in lanes:
        banks.setdefault(-1 if lane is None else (lane - 1) // LANES_PER_TABLE, []).append(lane)
    tables = [_table(rows, columns) for _, columns in sorted(banks.items())]
    note = Text("* a flag was latched (this read cleared it); green ok, yellow warning, red alarm")
    return Group(*tables, note)


def _table(rows: list[dict[str, Any]], columns: list[int | None]) -> Table:
    table = Table(box=box.SIMPLE_HEAD, title_justify="left")
    table.add_column("observable", no_wrap=True)
    table.add_column("unit", no_wrap=True)
    for lane in columns:
        name = "module" if lane is None else f"lane {lane}"
        table.add_column(name, justify="right", no_wrap=True)
    cells: dict[str, dict[int | None, Text]] = {}
    units: dict[str, str] = {}
    for r in rows:
        if r["lane"] in columns:
            cells.setdefault(r["name"], {})[r["lane"]] = _value(r)
            units[r["name"]] = r["unit"]
    for name, by_lane in cells.items():
        table.add_row(name, units[name], *(by_lane.get(lane, Text("")) for lane in columns))
    return table


@click.command()
@json_option
@with_module
def vdm(module: Module, as_json: bool) -> None:
    """VDM telemetry: eSNR, pre-FEC BER, FERC, laser temperature... against thresholds."""
    rows = module.vdm()
    print_json(rows) if as_json else console.print(vdm_view(rows))
