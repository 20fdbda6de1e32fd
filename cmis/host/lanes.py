"""Data paths from the Active Control Set, lanes by bank, and lane masks per application."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from cmis.codec.applications import Application
from cmis.codec.lanelist import format_lanes
from cmis.codec.pages.common import unpack_dpconfig

DPCONFIG = tuple(unpack_dpconfig(byte) for byte in range(256))  # unpacked once: read every poll

MAX_LANES = 32  # four banks of eight lanes


@dataclass(frozen=True)
class DataPath:
    """Lanes (1-based, bank-local) sharing one AppSel and DataPathID in a bank."""

    bank: int
    appsel: int
    data_path_id: int
    lanes: tuple[int, ...]

    @property
    def first_lane(self) -> int:
        return self.lanes[0]

    def to_dict(self) -> dict[str, object]:
        lanes = [self.bank * 8 + lane for lane in self.lanes]
        return {"appsel": self.appsel, "data_path_id": self.data_path_id, "lanes": lanes}


def by_bank(lanes: Iterable[int]) -> dict[int, list[int]]:
    """Global lanes 1-32 -> {bank: its bank-local lanes 1-8, sorted}."""
    out: dict[int, list[int]] = {}
    for lane in sorted(lanes):
        out.setdefault((lane - 1) // 8, []).append((lane - 1) % 8 + 1)
    return out


def group_data_paths(bank: int, dpconfig: bytes) -> list[DataPath]:
    """Data paths of one bank from its eight ACS (or SCS) DPConfig bytes; AppSel 0 = unused."""
    groups: dict[tuple[int, int], list[int]] = {}
    for lane, config in enumerate(dpconfig, start=1):
        appsel, path_id, _explicit = DPCONFIG[config]
        if appsel:
            groups.setdefault((appsel, path_id), []).append(lane)
    return [DataPath(bank, key[0], key[1], tuple(lanes)) for key, lanes in sorted(groups.items())]


def plan_groups(app: Application, lanes: list[int] | None) -> list[list[int]]:
    """Split ``lanes`` into the data paths ``app`` would form (all lanes it can cover if None)."""
    count = app.host_lane_count or 1
    if lanes is None:
        return _greedy(app, count)
    return [lanes[i : i + count] for i in range(0, len(lanes), count)]


def _greedy(app: Application, count: int) -> list[list[int]]:
    groups, used = [], 0
    for start in app.start_lanes():
        group = list(range(start, start + count))
        mask = sum(1 << (lane - 1) for lane in group)
        if group[-1] <= 8 and not mask & used:
            groups.append(group)
            used |= mask
    return groups


def group_problem(app: Application, group: list[int], bank: int = 0) -> str | None:
    """Why bank-local ``group`` cannot be one data path of ``app`` (None if it can), worded in
    lanes 1-16 across banks as the user numbers them (bank 1's lane 1 is lane 9)."""
    count, starts = app.host_lane_count or 1, app.start_lanes()
    if len(group) != count or group != list(range(group[0], group[0] + count)):
        got = format_lanes([bank * 8 + lane for lane in group])
        return f"AppSel {app.appsel} needs groups of {count} consecutive lane(s), got lanes {got}"
    if group[0] not in starts:
        return f"lane group must start on lane {_or([bank * 8 + s for s in starts])}"
    return None


def _or(starts: list[int]) -> str:
    if not starts:
        return "(none advertised)"
    return ", ".join(map(str, starts[:-1])) + (" or " if len(starts) > 1 else "") + str(starts[-1])


def media_mask(app: Application, first_host_lane: int) -> int:
    """Media lanes of the data path of ``app`` starting at host lane ``first_host_lane`` (SONiC
    subport rule, CMIS.md 2.7): subport k uses media lanes ``mc*(k-1) .. mc*k-1``."""
    host_n, media_n = app.host_lane_count or 1, app.media_lane_count or 1
    subport = (first_host_lane - 1) // host_n
    return ((1 << media_n) - 1) << (media_n * subport) & 0xFF


def media_lanes(app: Application, first_host_lane: int, host_lanes: list[int]) -> int:
    """Mask of the media lanes serving ``host_lanes`` of the data path starting at
    ``first_host_lane``: the same lanes when counts match, else the whole path's media lanes."""
    if app.host_lane_count == app.media_lane_count:  # one media lane per host lane
        return sum(1 << (lane - 1) for lane in set(host_lanes))
    return media_mask(app, first_host_lane)
