"""``cmis fleet status|dom|provision|fw-update --inventory DIR``: many switches through Nornir.

Rollouts (provision, fw-update) plan every port first (a bad file, policy or inventory, or a
switch that does not answer, refuses the rollout before any module is touched), then run a
canary and waves; a wave with more than --max-failures failed ports stops the rollout (exit 1).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from cmis.cli.fleet_show import plan_json, progress, show_plan, show_report, show_rows
from cmis.cli.output import print_json
from cmis.errors import CmisError, cut_path

F = TypeVar("F", bound=Callable[..., Any])


def fleet_options(command: F) -> F:
    """--inventory, --filter, --parallel, --json: every fleet command takes them."""
    for option in reversed([
        click.option("--inventory", required=True, type=click.Path(file_okay=False),
                     help="Nornir SimpleInventory folder: hosts.yaml, groups.yaml, defaults.yaml."),
        click.option("--filter", "filters", multiple=True, metavar="KEY=VALUE",
                     help="Only switches with name/group/hostname/platform/data KEY = VALUE."),
        click.option("--parallel", type=click.IntRange(1, 256), default=8, show_default=True,
                     help="Switches worked on at once."),
        click.option("--json", "as_json", is_flag=True, help="Print the results as JSON."),
    ]):  # fmt: skip
        command = option(command)
    return command


def policy_options(command: F) -> F:
    for option in reversed([
        click.option("--canary", type=click.IntRange(min=0), default=0, show_default=True,
                     help="First N ports (spread over buses) go alone, as the first wave."),
        click.option("--canary-group", default=None, metavar="GROUP",
                     help="The ports of this inventory group's switches are the canary."),
        click.option("--wave", type=click.IntRange(min=1), default=8, show_default=True,
                     help="Ports per wave after the canary."),
        click.option("--max-failures", type=click.IntRange(min=0), default=0, show_default=True,
                     help="A wave with more failed ports than this stops the rollout."),
        click.option("--state", type=click.Path(dir_okay=False, path_type=Path), default=None,
                     help="Resume file: finished ports are recorded and never redone."),
        click.option("--dry-run", is_flag=True, help="Print the plan (waves); touch nothing."),
    ]):  # fmt: skip
        command = option(command)
    return command


@click.group()
def fleet() -> None:
    """Many switches at once (Nornir inventory): status, dom, provision, fw-update."""


def _reads(key: str, task_name: str) -> Callable[..., None]:
    @fleet_options
    def read(inventory: str, filters: tuple[str, ...], parallel: int, as_json: bool) -> None:
        from cmis.fleet import tasks
        from cmis.fleet.inventory import load
        from cmis.fleet.rollout import discover, run_wave

        nr = load(inventory, filters, parallel)
        ports, dead = discover(nr)
        with progress(ports) as on_port:
            rows = dead + run_wave(nr, getattr(tasks, task_name), ports, on_port)
        print_json(rows) if as_json else show_rows(rows, key)
        _fail_if_any(rows)

    read.__doc__ = f"Every port's {key} (as cmis {key} --json), switches in parallel."
    return read


fleet.command("status")(_reads("status", "cmis_status"))
fleet.command("dom")(_reads("dom", "cmis_dom"))


@fleet.command()
@click.argument("profile", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@fleet_options
@policy_options
def provision(profile: Path, **options: Any) -> None:
    """Apply provisioning PROFILE (YAML) to every port, canary first, then in waves."""
    from cmis.fleet.state import fingerprint
    from cmis.fleet.tasks import cmis_provision
    from cmis.host.provisioning.profile import load_profile

    load_profile(profile)  # a bad profile is refused before any switch is contacted
    what = fingerprint(profile.read_bytes())
    _rollout("provision", what, cmis_provision, options, profile=str(profile.resolve()))


@fleet.command("fw-update")
@click.argument("image", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--no-run", is_flag=True, help="Only download; modules keep running their image.")
@click.option("--no-commit", is_flag=True, help="Run the new image but do not commit it.")
@fleet_options
@policy_options
def fw_update(image: Path, no_run: bool, no_commit: bool, **options: Any) -> None:
    """Flash IMAGE on every port (one download per bus at a time), canary first, in waves."""
    from cmis.firmware.image import MAGIC, FirmwareImageError, check_image, check_size
    from cmis.fleet.state import fingerprint
    from cmis.fleet.tasks import cmis_fw_update

    check_size(image.stat().st_size)
    data = image.read_bytes()
    if not data:
        raise FirmwareImageError("the image file is empty; pass the firmware file itself")
    if data[: len(MAGIC)] == MAGIC:
        check_image(data)  # our own format: a damaged file never reaches a module
    run, commit = not no_run, not (no_run or no_commit)
    what = fingerprint(data, run, commit)
    _rollout("fw-update", what, cmis_fw_update, options, image=str(image.resolve()), run=run,
             commit=commit)  # fmt: skip


def _rollout(action: str, what: str, task: Callable[..., Any], o: dict[str, Any],
             **task_options: Any) -> None:  # fmt: skip
    from cmis.fleet.errors import RolloutStopped
    from cmis.fleet.inventory import load
    from cmis.fleet.rollout import Policy, discover, plan, refuse_dead, roll
    from cmis.fleet.state import RolloutState

    if o["canary"] and o["canary_group"] is not None:
        raise click.UsageError("give --canary N or --canary-group GROUP, not both")
    policy = Policy(o["canary"], o["canary_group"], o["wave"], o["max_failures"])
    nr = load(o["inventory"], o["filters"], o["parallel"])
    state = RolloutState(o["state"], action, what)
    state.check_writable()
    ports, dead = discover(nr)
    refuse_dead(dead)
    waves = plan(nr, ports, policy, state)
    done = sorted(p.key for p in ports if p.key in state.done)
    if o["dry_run"]:
        print_json(plan_json(waves, done)) if o["as_json"] else show_plan(waves, done)
        return
    with progress([p for w in waves for p in w.ports]) as on_port:
        report = roll(nr, waves, policy, task, state, on_port, **task_options)
    if o["as_json"]:
        print_json({"action": action, **plan_json(waves, done), "results": report.rows,
                    "stopped": report.stopped})  # fmt: skip
    else:
        show_report(report.rows, firmware=action == "fw-update")
    if report.stopped:
        where = f"; resume with --state {cut_path(o['state'], 80)}" if o["state"] else ""
        raise RolloutStopped(report.stopped + where)
    _fail_if_any(report.rows)


def _fail_if_any(rows: list[dict[str, Any]]) -> None:
    failed = [r for r in rows if not r["ok"]]
    if failed:
        first = failed[0]
        raise CmisError(f"{len(failed)} port(s) failed, first {first['switch']}:"
                        f"{first['port'] or '-'}: {first['error']}")  # fmt: skip
