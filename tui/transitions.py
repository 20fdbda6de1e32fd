"""Module events for the log: what changed between two polls (module state, DP states, flags)."""

from __future__ import annotations

from cmis.codec.codes import describe
from cmis.codec.lanelist import format_lanes
from tui.eventlog import EventLog
from tui.snapshot import Snapshot


def log_changes(log: EventLog, before: Snapshot | None, now: Snapshot) -> None:
    if before is None or before.state != now.state:
        was = f"{before.state} -> " if before else ""
        log.add("state", f"module {was}{now.state}", now.time)
    _lane_changes(log, before, now)
    for event in now.new_flags:
        where = f" lanes {format_lanes(list(event.lanes))}" if event.lanes else ""
        log.add("flag", f"{event.name}{where}", event.time)


def _lane_changes(log: EventLog, before: Snapshot | None, now: Snapshot) -> None:
    old = {lane.lane: describe(lane.dp_state) for lane in before.lanes} if before else {}
    moves: dict[tuple[str, str], list[int]] = {}
    for lane in now.lanes:
        state = describe(lane.dp_state)
        if old.get(lane.lane) != state:
            moves.setdefault((old.get(lane.lane, "?"), state), []).append(lane.lane)
    for (was, state), lanes in moves.items():
        log.add("state", f"lanes {format_lanes(lanes)}: {was} -> {state}", now.time)
