"""Health at a glance: the worst alarm, a lane strip, grouped data paths, what to do next."""

from __future__ import annotations

from typing import Any

from rich.text import Text

from cmis.codec.codes import describe
from cmis.codec.explain import Problem
from cmis.codec.lanelist import format_lanes
from cmis.host.lanes import DataPath
from tui.snapshot import Snapshot

SEVERITY = (  # (substring of a flag name, rank): the highest rank is the badge's colour
    ("LOS", 3),
    ("Failure", 3),
    ("LOL", 3),
    ("Alarm", 2),
    ("Warning", 1),
)
BADGE_STYLES = {3: "bold white on red", 2: "bold white on dark_orange3", 1: "bold black on yellow"}
STRIP = {"DPActivated": "green", "DPDeactivated": "grey50", "DPInitialized": "cyan"}


def rank(problem: Problem) -> int:
    return next((r for key, r in SEVERITY if key in problem.flag), 1)


def los_lanes(found: list[Problem]) -> set[int]:
    """Lanes whose receiver sees no light (or lost lock): never "ready for traffic"."""
    return {lane for p in found if "LOS" in p.flag or "LOL" in p.flag for lane in p.lanes}


def badge(found: list[Problem]) -> Text:
    """ "Rx LOS L3 +2" for the worst problem of a poll, coloured by severity; empty if none."""
    if not found:
        return Text()
    worst = max(found, key=rank)
    where = f" L{format_lanes(list(worst.lanes))}" if worst.lanes else ""
    more = f" +{len(found) - 1}" if len(found) > 1 else ""
    return Text(f" {worst.short}{where}{more} ", BADGE_STYLES[rank(worst)])


def lane_strip(snap: Snapshot) -> Text:
    """One cell per lane, eight to a bank: colour = data-path state, red = alarm on the lane."""
    levels = {lane["lane"]: lane["rx_power_level"] for lane in snap.dom["lanes"]}
    dark = los_lanes(snap.problems)
    text = Text("Lanes ", "bold")
    for status in snap.lanes:
        n = status.lane
        if n > 1 and n % 8 == 1:
            text.append(" │ ")
        state = describe(status.dp_state)
        style = STRIP.get(state, "yellow")
        if n in dark or levels.get(n) == "alarm":
            style = "red"
        elif levels.get(n) == "warning":
            style = "yellow"
        text.append(f"{n:^3}", f"bold black on {style}")
    return text


def grouped_paths(paths: list[DataPath], apps: dict[int, Any]) -> list[tuple[str, str]]:
    """Consecutive data paths of one AppSel and width as one row: ("1-8", "AppSel 3, 8x ...")."""
    rows: list[tuple[list[int], DataPath, int]] = []
    for path in paths:
        last = rows[-1] if rows else None
        if last and _key(last[1]) == _key(path):
            last[0].extend(path.lanes)
            rows[-1] = (last[0], last[1], last[2] + 1)
        else:
            rows.append((list(path.lanes), path, 1))
    return [(format_lanes(lanes), _what(path.appsel, count, apps)) for lanes, path, count in rows]


def _key(path: DataPath) -> tuple[int, int, int]:
    """Paths group when bank, AppSel and width match (a bank is a separate link)."""
    return path.bank, path.appsel, len(path.lanes)


def _what(appsel: int, count: int, apps: dict[int, Any]) -> str:
    app = apps.get(appsel)
    name = app.media_interface if app else "?"
    return f"AppSel {appsel}, {count}x {name}" if count > 1 else f"AppSel {appsel}, {name}"


def next_steps(snap: Snapshot) -> str:
    """What to do next for the state the module is in (keys of the Overview and Lanes)."""
    found = snap.problems
    if snap.state == "ModuleFault":
        return "R = reset (the only way out of ModuleFault); f = firmware if it returns"
    if snap.state == "ModuleLowPwr":
        return "l = set up applications while in low power, then w = high power"
    if snap.state != "ModuleReady":
        return "wait: the module is changing state (it should settle within seconds)"
    if any("Failure" in p.flag for p in found):
        return "R = reset (a transmitter failed); l = lanes to see which"
    if los_lanes(found):
        return f"check the fiber of lanes {format_lanes(sorted(los_lanes(found)))}; l = lanes"
    if found:
        return "l = lanes (which lanes, what to do); d = DOM (power over time)"
    return "l = lanes and applications, d = DOM, w = low power"
