"""``cmis provision PROFILE.yaml [--dry-run]``: make the module look like a declarative profile."""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

from cmis.cli.output import print_json
from cmis.cli.session import json_option, with_module
from cmis.host.module import Module

if TYPE_CHECKING:
    from cmis.host.provisioning.change import Change


@click.command()
@click.argument("profile", type=click.Path(dir_okay=False))
@click.option("--dry-run", is_flag=True, help="Only show what differs; write nothing.")
@json_option
@with_module
def provision(module: Module, profile: str, dry_run: bool, as_json: bool) -> None:
    """Apply PROFILE (power, applications, Tx, thresholds, firmware requirement); idempotent.

    Every check runs before the first write; see examples/provision-2x400g.yaml.
    """
    from cmis.host.provisioning.plan import apply, plan
    from cmis.host.provisioning.profile import load_profile

    changes = plan(module, load_profile(profile))
    applied = 0 if dry_run else apply(changes)
    if as_json:
        items = [c.to_dict() for c in changes]
        print_json({"profile": profile, "dry_run": dry_run, "items": items, "applied": applied})
        return
    show(changes, dry_run)


def show(changes: list[Change], dry_run: bool) -> None:
    """``= what: have`` for items as wanted, ``~ what: have -> want`` for the others."""
    for change in changes:
        if change.action is None:
            click.echo(f"  = {change.what}: {change.have}")
        else:
            click.echo(f"  ~ {change.what}: {change.have} -> {change.want}")
    pending = sum(c.action is not None for c in changes)
    verb = "would change" if dry_run else "changed"
    click.echo(f"{verb} {pending} item(s)" if pending else "nothing to do: the module matches")
