"""The rollout policy: a canary, then waves; stop when a wave's failures pass the threshold.

Nornir runs each wave on its switches in parallel (``--parallel`` workers); inside a switch
the tasks give each bus one download at a time. Nothing here schedules more than that.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from cmis.errors import InputError, cut
from cmis.fleet.errors import SwitchUnreachable
from cmis.fleet.ports import FleetPort, interleave
from cmis.fleet.state import RolloutState
from cmis.fleet.tasks import OnPort, cmis_ports

if TYPE_CHECKING:
    from nornir.core import Nornir


@dataclass(frozen=True)
class Policy:
    canary: int = 0  # first N ports (spread over buses) ...
    canary_group: str | None = None  # ... or every port of a Nornir group's switches
    wave: int = 8
    max_failures: int = 0  # a wave with more failed ports than this stops the rollout


@dataclass
class Wave:
    name: str
    ports: list[FleetPort]


@dataclass
class Report:
    rows: list[dict[str, Any]] = field(default_factory=list)
    stopped: str | None = None  # why the rollout stopped early


def discover(nr: Nornir) -> tuple[list[FleetPort], list[dict[str, Any]]]:
    """Every port of the inventory's switches, and a row for each switch that did not answer."""
    ports: list[FleetPort] = []
    dead: list[dict[str, Any]] = []
    for name, multi in nr.run(task=cmis_ports, on_failed=True).items():
        if multi.failed:
            reason = cut(str(multi[0].exception or multi[0].result), 160, quote=False)
            dead.append({"switch": name, "port": None, "ok": False, "error": reason})
        else:
            ports += multi[0].result
    return ports, dead


def refuse_dead(dead: list[dict[str, Any]]) -> None:
    """A rollout plans every port before touching one: an unreachable switch stops it here."""
    if dead:
        first = dead[0]
        raise SwitchUnreachable(
            f"switch {first['switch']} not reachable ({first['error']}); nothing was changed "
            f"({len(dead)} switch(es) down; leave them out with --filter)"
        )


def plan(nr: Nornir, ports: list[FleetPort], policy: Policy, state: RolloutState) -> list[Wave]:
    """Canary then waves of ``policy.wave``, ports already done (state file) left out."""
    todo = [p for p in interleave(ports) if p.key not in state.done]
    if policy.canary_group is not None:
        group = policy.canary_group
        if group not in nr.inventory.groups:
            known = ", ".join(sorted(nr.inventory.groups)) or "none"
            raise InputError(f"--canary-group {cut(group)}: no such group (groups: {known})")
        hosts = {n for n, h in nr.inventory.hosts.items() if h.has_parent_group(group)}
        canary = [p for p in todo if p.switch in hosts]
    else:
        canary = todo[: policy.canary]
    rest = [p for p in todo if p not in canary]
    waves = [Wave("canary", canary)] if canary else []
    for at in range(0, len(rest), policy.wave):
        waves.append(Wave(f"wave {len(waves) + (0 if canary else 1)}", rest[at : at + policy.wave]))
    return waves


def run_wave(nr: Nornir, task: Callable[..., Any], ports: list[FleetPort], on_port: OnPort,
             **options: Any) -> list[dict[str, Any]]:  # fmt: skip
    """``task`` on these ports; a switch whose task crashed fails each of its ports."""
    by_switch: dict[str, list[FleetPort]] = {}
    for port in ports:
        by_switch.setdefault(port.switch, []).append(port)
    hosts = nr.filter(filter_func=lambda h: h.name in by_switch)
    done = hosts.run(task=task, ports=by_switch, on_port=on_port, on_failed=True, **options)
    rows: list[dict[str, Any]] = []
    for name, multi in done.items():
        if multi.failed:
            reason = f"switch failed: {cut(str(multi[0].exception), 120, quote=False)}"
            lost = [{"switch": name, "port": p.name, "target": p.target, "ok": False,
                     "error": reason} for p in by_switch[name]]  # fmt: skip
            for row in lost:
                on_port(row)
            rows += lost
        else:
            rows += multi[0].result
    return rows


def roll(nr: Nornir, waves: list[Wave], policy: Policy, task: Callable[..., Any],
         state: RolloutState, on_port: OnPort, **options: Any) -> Report:  # fmt: skip
    """Each wave in turn; the state file records every port as it finishes."""
    report = Report()

    def finished(row: dict[str, Any]) -> None:
        state.record(row)
        on_port(row)

    for wave in waves:
        rows = run_wave(nr, task, wave.ports, finished, **options)
        report.rows += rows
        failed = sum(not r["ok"] for r in rows)
        if failed > policy.max_failures:
            report.stopped = (
                f"rollout stopped in {wave.name}: {failed} of {len(rows)} port(s) failed "
                f"(--max-failures {policy.max_failures})"
            )
            break
    return report
