"""ApplyDPInit / ApplyImmediate validation: ConfigStatus codes, in-progress, DPInitPending."""

from __future__ import annotations

import pytest

from cmis.clock import VirtualClock
from cmis.codec.codes import ConfigStatus as CS
from cmis.codec.codes import DataPathState as DP
from emulator import EmulatedModule
from tests.emulator.helpers import config_status, dp_states, read, run_until, write


def apply(
    clock: VirtualClock, m: EmulatedModule, configs: list[int], mask: int, byte: int = 143
) -> list[int]:
    write(m, 0x10, 145, bytes(configs))
    write(m, 0x10, byte, bytes([mask]))
    assert all(
        config_status(m)[lane] == CS.ConfigInProgress for lane in range(8) if mask >> lane & 1
    )
    clock.advance(0.01)
    return config_status(m)


@pytest.mark.parametrize(
    ("configs", "mask", "lanes", "code"),
    [
        ([0x90] * 8, 0xFF, range(8), CS.ConfigRejectedInvalidAppSel),  # AppSel 9 not advertised
        ([0x20] * 3 + [0x30] * 5, 0x07, range(3), CS.ConfigRejectedInvalidDataPath),  # 3 of 4 lanes
        ([0x30, 0x22, 0x22, 0x22, 0x22, 0x30, 0x30, 0x30], 0x1E, range(1, 5),
         CS.ConfigRejectedInvalidDataPath),  # 400G may not start on lane 2
        ([0x20] * 4 + [0x28] * 4, 0x07, range(3), CS.ConfigRejectedPartialDataPath),
        ([0x32], 0x01, range(1), CS.ConfigRejectedInvalidDataPath),  # DataPathID must be lane 1's
    ],
)  # fmt: skip
def test_rejections(clock, module, configs, mask, lanes, code):
    configs = (configs + [0x10] * 8)[:8]
    status = apply(clock, module, configs, mask)
    assert [status[lane] for lane in lanes] == [code] * len(lanes)
    assert read(module, 0x11, 206, 8) == bytes([0x10] * 8)  # ACS unchanged


def test_trigger_splitting_an_existing_data_path_is_partial(clock, module):
    status = apply(clock, module, [0x00] * 8, 0x0F)  # AppSel 0 on half of the 800G path
    assert status[:4] == [CS.ConfigRejectedPartialDataPath] * 4


def test_unused_lanes_and_dpinit_pending(clock, module):
    status = apply(clock, module, [0x00] * 8, 0xFF)
    assert status == [CS.ConfigSuccess] * 8 and read(module, 0x11, 235) == b"\x00"
    status = apply(clock, module, [0x30 | lane << 1 for lane in range(8)], 0xFF)
    assert status == [CS.ConfigSuccess] * 8 and read(module, 0x11, 235) == b"\xff"
    assert dp_states(module) == [DP.DPDeactivated] * 8  # ModuleLowPwr: nothing initialises


def test_stepped_module_rejects_lanes_in_use(clock):
    m = EmulatedModule("qsfpdd-800g-2xfr4", clock=clock, lpmode=False)
    run_until(clock, m, lambda: dp_states(m) == [DP.DPActivated] * 8, 20.0)
    assert read(m, 0x11, 206, 8) == bytes([0x10] * 4 + [0x18] * 4)
    status = apply(clock, m, [0x20 | lane << 1 for lane in range(8)], 0xFF)
    assert status == [CS.ConfigRejectedLanesInUse] * 8
    write(m, 0x10, 144, b"\xff")  # ApplyImmediate is ignored without hot reconfiguration
    assert config_status(m) == [CS.ConfigRejectedLanesInUse] * 8


def test_triggers_on_lanes_in_progress_are_ignored(clock, module):
    write(module, 0x10, 145, bytes([0x90] * 8))
    write(module, 0x10, 143, b"\xff")
    write(module, 0x10, 145, bytes([0x10] * 8))
    write(module, 0x10, 143, b"\xff")
    clock.advance(0.01)
    assert config_status(module) == [CS.ConfigRejectedInvalidAppSel] * 8


def test_apply_immediate_updates_si_without_dpinit_pending(clock, module):
    write(module, 0x10, 160, b"\x0f")  # SCS0 CDREnableTx lanes 1-4 (ExplicitControl = 1)
    status = apply(clock, module, [0x11] * 8, 0xFF, byte=144)
    assert status == [CS.ConfigSuccess] * 8
    assert read(module, 0x11, 221) == b"\x0f" and read(module, 0x11, 235) == b"\x00"
