"""Control commands: ``power``, ``reset``, ``tx``/``rx`` output, ``datapath`` and ``apply``."""

from __future__ import annotations

import click
from rich.live import Live
from rich.table import Table
from rich.text import Text

from cmis.cli.output import console, print_json
from cmis.cli.params import Lanes, Number
from cmis.cli.render_lanes import DP_STYLE
from cmis.cli.session import json_option, with_module
from cmis.cli.status import state_data
from cmis.codec.codes import DataPathState, describe
from cmis.host.module import Module

ON_OFF = click.Choice(["enable", "disable"])


def _done(module: Module, as_json: bool, message: str) -> None:
    if as_json:
        print_json({"result": message, **state_data(module)})
    else:
        click.echo(message)


@click.command()
@click.argument("mode", type=click.Choice(["low", "high"]))
@click.option(
    "--use-pin",
    is_flag=True,
    help="Let the LPMode pin decide (LowPwrAllowRequestHW=1) and drive it, where the target "
    "has one (emu:, optoe: with xcvr_lpmode beside the eeprom).",
)
@json_option
@with_module
def power(module: Module, mode: str, use_pin: bool, as_json: bool) -> None:
    """Request low or high power (in software, or by the LPMode pin) and wait for the state."""
    if use_pin and module.has_lpmode_pin:
        reached = module.set_power_by_pin(mode)
    else:
        reached = module.set_power_mode(mode, use_pin=use_pin)
    _done(module, as_json, f"module state: {describe(reached)}")


@click.command()
@click.option("--no-wait", is_flag=True, help="Return right after the reset.")
@click.option("--pin", is_flag=True, help="Pulse the ResetL pin (xcvr_reset), not SoftwareReset.")
@json_option
@with_module
def reset(module: Module, no_wait: bool, pin: bool, as_json: bool) -> None:
    """Software reset (00h:26 bit 3) or a ResetL pulse; wait for a steady state again."""
    reached = module.reset(wait=not no_wait, pin=pin)
    _done(
        module,
        as_json,
        "reset written" if reached is None else f"module state: {describe(reached)}",
    )


@click.command()
@click.argument("action", type=ON_OFF)
@click.argument("lanes", type=Lanes())
@click.option("--media", is_flag=True, help="LANES are media lanes (default: host lanes).")
@json_option
@with_module
def tx(module: Module, action: str, lanes: list[int], media: bool, as_json: bool) -> None:
    """Enable or disable Tx output (10h:130); host lanes map to media lanes by active AppSel."""
    mask = module.set_tx_output(lanes, action == "enable", media=media)
    _done(module, as_json, f"Tx output {action}d on media lane mask 0x{mask:02x}")


@click.command()
@click.argument("action", type=ON_OFF)
@click.argument("lanes", type=Lanes())
@json_option
@with_module
def rx(module: Module, action: str, lanes: list[int], as_json: bool) -> None:
    """Enable or disable host-side Rx output (10h:138) on LANES."""
    mask = module.set_rx_output(lanes, action == "enable")
    _done(module, as_json, f"Rx output {action}d on lane mask 0x{mask:02x}")


@click.command()
@click.argument("action", type=click.Choice(["deinit", "init"]))
@click.argument("lanes", type=Lanes())
@json_option
@with_module
def datapath(module: Module, action: str, lanes: list[int], as_json: bool) -> None:
    """Set (deinit) or clear (init) DPDeinit (10h:128) on LANES; whole data paths only."""
    mask = module.set_dp_deinit(lanes, action == "deinit")
    _done(
        module,
        as_json,
        f"DPDeinit {'set' if action == 'deinit' else 'cleared'} on mask 0x{mask:02x}",
    )


def _progress_table(step: str, states: list[DataPathState | int]) -> Table:
    table = Table(title=f"apply: {step}", title_justify="left")
    for lane in range(1, len(states) + 1):
        table.add_column(str(lane))
    table.add_row(*(Text(describe(s), style=DP_STYLE.get(describe(s), "yellow")) for s in states))
    return table


@click.command()
@click.argument("appsel", type=Number(1, 15))
@click.option("--lanes", type=Lanes(), default=None, help="Host lanes, e.g. 1-4 [all it covers].")
@click.option("--bank", type=Number(0, 3), default=0, show_default=True)
@click.option("--no-check", is_flag=True, help="Skip host-side checks; let the module judge.")
@click.option("--keep-tx-off", is_flag=True, help="Leave OutputDisableTx as it is.")
@json_option
@with_module
def apply(
    module: Module,
    appsel: int,
    lanes: list[int] | None,
    bank: int,
    no_check: bool,
    keep_tx_off: bool,
    as_json: bool,
) -> None:
    """Provision AppSel on lanes: DPDeinit, SCS0, ApplyDPInit, ConfigStatus, activate."""
    options = {"bank": bank, "check": not no_check, "enable_tx": not keep_tx_off}
    if as_json or not console.is_terminal:
        paths = module.apply_application(appsel, lanes, **options)
    else:
        with Live(_progress_table("start", []), console=console, transient=False) as live:
            paths = module.apply_application(
                appsel, lanes, progress=lambda s, st: live.update(_progress_table(s, st)), **options
            )
    summary = ", ".join(f"AppSel {p.appsel} on lanes {p.to_dict()['lanes']}" for p in paths)
    _done(module, as_json, f"data paths now: {summary or 'none'}")
