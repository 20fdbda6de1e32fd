"""Read commands: ``info``, ``apps``, ``state``/``lanes`` and ``flags`` (each with ``--json``)."""

from __future__ import annotations

from typing import Any

import click
from rich import box
from rich.table import Table
from rich.text import Text

from cmis.cli.chassis import each_port
from cmis.cli.output import console, print_json
from cmis.cli.render import applications_table, render_report
from cmis.cli.render_lanes import DP_STYLE, short_flag
from cmis.cli.session import json_option, with_module
from cmis.codec.codes import describe
from cmis.codec.explain import DP_STATE_HELP, MODULE_STATE_HELP, explain, problems, summary
from cmis.host.module import Module
from cmis.host.pins import pin_levels


def info_data(module: Module) -> dict[str, Any]:
    return {**module.info(), "pins": pin_levels(module.pins)}


@click.command()
@json_option
@each_port(info_data)
@with_module
def info(module: Module, as_json: bool) -> None:
    """Identity, state, monitors, applications and lanes (like `ethtool -m`, read live)."""
    report = info_data(module)
    if as_json:
        print_json(report)
        return
    render_report(console, report, title=module.name)
    if report["pins"] is not None:
        console.print(pins_text(report["pins"]))


def pins_text(levels: dict[str, bool | None]) -> Text:
    """``Pins: present yes, IntL asserted, ...``; a pin the platform lacks shows as '-'."""
    words = {
        "present": ("present", "yes", "no"),
        "intl": ("IntL", "asserted", "released"),
        "lpmode": ("LPMode", "asserted", "released"),
        "reset": ("ResetL", "asserted", "released"),
    }
    shown = [
        f"{label} {'-' if levels[pin] is None else on if levels[pin] else off}"
        for pin, (label, on, off) in words.items()
    ]
    return Text("Pins: " + ", ".join(shown))


@click.command()
@json_option
@with_module
def apps(module: Module, as_json: bool) -> None:
    """Advertised applications (AppSel codes) and where their data paths may start."""
    found = [app.to_dict() for app in module.applications()]
    if as_json:
        print_json(found)
        return
    console.print(applications_table(found))


def state_data(module: Module) -> dict[str, Any]:
    state = describe(module.module_state())
    return {
        "module_state": state,
        "module_state_help": explain(MODULE_STATE_HELP, state),
        "lanes": [lane.to_dict() for lane in module.lanes()],
        "data_paths": [p.to_dict() for b in range(module.banks) for p in module.data_paths(b)],
        "pins": pin_levels(module.pins),
    }


@click.command()
@json_option
@with_module
def state(module: Module, as_json: bool) -> None:
    """Module state and every lane's data-path state, ConfigStatus and controls, explained."""
    show_state(module, as_json)


@click.command()
@json_option
@with_module
def lanes(module: Module, as_json: bool) -> None:
    """Lanes: data-path state, ConfigStatus, controls and lane -> data path (same as `state`)."""
    show_state(module, as_json)


def show_state(module: Module, as_json: bool) -> None:
    data = state_data(module)
    if as_json:
        print_json(data)
        return
    console.print(Text(data["module_state"], style="bold"), Text(data["module_state_help"]))
    if data["pins"] is not None:
        console.print(pins_text(data["pins"]))
    console.print(lane_table(data["lanes"]))
    for path in data["data_paths"]:
        lanes = path["lanes"]
        console.print(f"data path {path['data_path_id']}: AppSel {path['appsel']} on lanes {lanes}")
    for dp_state in sorted({lane["dp_state"] for lane in data["lanes"]} - {"DPActivated"}):
        console.print(Text(f"{dp_state}: {explain(DP_STATE_HELP, dp_state)}", style="italic"))


def lane_table(lanes: list[dict[str, Any]]) -> Table:
    table = Table(title="Lanes", title_justify="left", box=box.SIMPLE_HEAD)
    for col in ("lane", "DP state", "config", "AppSel", "DP id", "deinit", "Tx", "Rx", "pending"):
        table.add_column(col)
    for lane in lanes:
        table.add_row(
            str(lane["lane"]),
            Text(lane["dp_state"], style=DP_STYLE.get(lane["dp_state"], "yellow")),
            lane["config_status"].removeprefix("Config"),
            str(lane["appsel"]),
            str(lane["data_path_id"]),
            "yes" if lane["dp_deinit"] else "no",
            "off" if lane["tx_disabled"] else "on",
            "off" if lane["rx_disabled"] else "on",
            "yes" if lane["dp_init_pending"] else "",
        )
    return table


def flags_text(events: list[dict[str, Any]]) -> str:
    return "; ".join(
        short_flag(e["flag"]) + (f" lanes {','.join(map(str, e['lanes']))}" if e["lanes"] else "")
        for e in events
    )


def advice_lines(events: list[dict[str, Any]]) -> list[Text]:
    """What the flags of one read mean and what to do, in the words the TUI shows too."""
    found = problems((e["flag"], e["lanes"]) for e in events)
    return [Text.assemble((what, "bold red"), f": {advice}") for what, advice in summary(found)]


@click.command()
@json_option
@with_module
def flags(module: Module, as_json: bool) -> None:
    """Read (and so clear) every latched flag; show them and the history of this session."""
    now = [event.to_dict() for event in module.read_flags()]
    history = list(module.flags)
    if as_json:
        print_json({"read": now, "history": [event.to_dict() for event in history]})
        return
    console.print("Set at this read: " + (flags_text(now) or "none"))
    for line in advice_lines(now):
        console.print(line)
    table = Table(title="Flag history (time = clock seconds)", title_justify="left")
    for col in ("time", "flag", "lanes"):
        table.add_column(col)
    for e in history:
        table.add_row(f"{e.time:.3f}", e.name, ",".join(map(str, e.lanes)) or "-")
    console.print(table)
