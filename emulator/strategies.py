"""Hypothesis strategies for host code under test: pages, application tables, fault schedules.

``pages()`` draws (page, 128 random bytes) for every page the codec knows; ``application_tables()``
valid advertised application sets (``encode_applications`` puts one in raw pages);
``fault_schedules()`` lists of (time, fault, value) as ``cmis-emu fault`` and
``Chassis.set_fault`` take them, which ``apply_fault`` plays on a standalone module.
"""

from __future__ import annotations

from typing import Any

from hypothesis import strategies as st

from cmis.codec.applications import END_OF_LIST, Application
from cmis.codec.lanelist import format_lanes, parse_lanes
from cmis.codec.pages.registry import LOWER, UPPER_PAGES

LANE_FAULTS = ("rx_los", "rx_cdr_lol", "tx_fault", "tx_los", "tx_cdr_lol")
FAULT_NAMES = (*LANE_FAULTS, "nack_rate", "over_temperature_c", "module_fault", "clear")
LANE_COUNTS = (1, 2, 4, 8)
SMF = 0x02  # media type: single-mode fibre (the codes the DR/FR profiles use)
DESCRIPTORS, MEDIA_LANES = 86, 176 - 128  # lower memory byte; page 01h index of byte 176


def pages() -> st.SearchStrategy[tuple[int | str, bytes]]:
    """(``"lower"`` or an upper page number, its 128 bytes): any bytes, reserved bits included."""
    keys: list[int | str] = [LOWER, *sorted(UPPER_PAGES)]
    return st.tuples(st.sampled_from(keys), st.binary(min_size=128, max_size=128))


@st.composite
def _assignment(draw: st.DrawFn, count: int) -> int:
    """A lane-assignment bitmap: a non-empty set of lanes where ``count`` lanes fit, aligned."""
    starts = [lane for lane in range(0, 8, count)]
    chosen = draw(st.sets(st.sampled_from(starts), min_size=1))
    return sum(1 << lane for lane in chosen)


@st.composite
def _application(draw: st.DrawFn, appsel: int) -> Application:
    host_n, media_n = draw(st.sampled_from(LANE_COUNTS)), draw(st.sampled_from(LANE_COUNTS))
    return Application(
        appsel=appsel,
        host_interface_id=draw(st.integers(1, 0xFE)),
        media_interface_id=draw(st.integers(0, 0xFF)),
        media_type=SMF,
        host_lane_count=host_n,
        media_lane_count=media_n,
        host_lane_assignment=draw(_assignment(host_n)),
        media_lane_assignment=draw(_assignment(media_n)),
    )


@st.composite
def application_tables(draw: st.DrawFn, max_size: int = 8) -> list[Application]:
    """AppSel 1..n (n <= 8: the lower-memory table), each a valid descriptor."""
    size = draw(st.integers(1, min(max_size, 8)))
    return [draw(_application(appsel)) for appsel in range(1, size + 1)]


def encode_applications(
    apps: list[Application], lower: bytes, page01: bytes
) -> tuple[bytes, bytes]:
    """``apps`` written into raw lower memory and page 01h (the list ends with 0xFF)."""
    low, p01 = bytearray(lower), bytearray(page01)
    low[85] = SMF
    for index in range(8):
        at = DESCRIPTORS + 4 * index
        if index >= len(apps):
            low[at] = END_OF_LIST
            continue
        app = apps[index]
        counts = (app.host_lane_count or 0) << 4 | (app.media_lane_count or 0)
        low[at : at + 4] = bytes(
            [app.host_interface_id, app.media_interface_id, counts, app.host_lane_assignment]
        )
        p01[MEDIA_LANES + index] = app.media_lane_assignment or 0
    return bytes(low), bytes(p01)


def _fault_value(name: str, lanes: int) -> st.SearchStrategy[str]:
    if name in LANE_FAULTS:
        chosen = st.sets(st.integers(1, lanes), min_size=1, max_size=lanes)
        return chosen.map(lambda s: format_lanes(sorted(s)))
    return {
        "nack_rate": st.sampled_from(["0", "0.01", "0.1", "0.5"]),
        "over_temperature_c": st.integers(-10, 110).map(lambda c: f"{c:.1f}"),
        "module_fault": st.integers(1, 3).map(str),
    }.get(name, st.just(""))


def fault_schedules(
    lanes: int = 8, horizon: float = 60.0, max_size: int = 8
) -> st.SearchStrategy[list[tuple[float, str, str]]]:
    """(seconds from now, fault name, value as text), in time order."""
    event = st.sampled_from(FAULT_NAMES).flatmap(
        lambda name: st.tuples(
            st.floats(0, horizon, allow_nan=False), st.just(name), _fault_value(name, lanes)
        )
    )
    return st.lists(event, max_size=max_size).map(sorted)


def apply_fault(faults: Any, name: str, value: str) -> None:
    """Switch one scheduled fault on an emulated module's ``faults`` (``module.faults``)."""
    if name == "clear":
        faults.clear()
    elif name in LANE_FAULTS:
        setattr(faults, name, parse_lanes(value, limit=32))
    elif name == "nack_rate" or name == "over_temperature_c":
        setattr(faults, name, float(value))
    elif name == "module_fault":
        faults.module_fault = int(value)
    else:
        raise ValueError(f"no fault {name!r} (faults: {', '.join(FAULT_NAMES)})")
