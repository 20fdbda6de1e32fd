"""The hypothesis strategies users import: what they draw is what the codec and emulator accept."""

from __future__ import annotations

from hypothesis import given

from cmis.codec.applications import Application, decode_applications
from cmis.codec.pages.registry import struct_for
from emulator.strategies import (
    FAULT_NAMES,
    LANE_FAULTS,
    application_tables,
    apply_fault,
    encode_applications,
    fault_schedules,
    pages,
)
from emulator.targets import open_emulated


@given(pages())
def test_pages_round_trip_through_their_struct(drawn: tuple[int | str, bytes]) -> None:
    page, raw = drawn
    struct = struct_for(page)
    assert len(raw) == 128 and struct.build(struct.parse(raw)) == raw


@given(application_tables())
def test_application_tables_decode_to_themselves(apps: list[Application]) -> None:
    lower, page01 = encode_applications(apps, bytes(128), bytes(128))
    assert decode_applications(lower, page01) == apps
    for app in apps:  # every data path fits its lanes
        assert all(s - 1 + (app.host_lane_count or 0) <= 8 for s in app.start_lanes())


@given(fault_schedules())
def test_fault_schedules_play_on_a_module_and_clear(schedule: list[tuple[float, str, str]]) -> None:
    module = open_emulated("osfp-800g-dr8")
    faults = module.device.faults  # type: ignore[attr-defined]
    assert [t for t, _, _ in schedule] == sorted(t for t, _, _ in schedule)
    for at, name, value in schedule:
        assert name in FAULT_NAMES
        module.clock.sleep(max(0.0, at - (module.clock.now() - 60.0)))
        apply_fault(faults, name, value)
    if schedule and schedule[-1][1] in LANE_FAULTS:  # the last switch is still on
        assert faults.active()["lanes"][schedule[-1][1]]
    apply_fault(faults, "clear", "")
    assert faults.active() == {}
