"""Power mode, reset, Tx/Rx output and DPDeinit through the Module, against the emulator."""

from __future__ import annotations

import pytest

from cmis.codec.codes import DataPathState, ModuleState
from cmis.errors import InputError
from cmis.host import registers as r
from cmis.host.module import Module

from .conftest import WriteCounter


def test_power_low_then_high(module: Module) -> None:
    assert module.set_power_mode("low") == ModuleState.ModuleLowPwr
    assert {lane.dp_state for lane in module.lanes()} == {DataPathState.DPDeactivated}
    assert module.set_power_mode("high") == ModuleState.ModuleReady
    controls = module.read(0, r.CONTROLS, 1)[0]
    assert not controls & (r.LOW_PWR_SW | r.LOW_PWR_ALLOW_HW)  # the pin is ignored from now on


def test_power_high_honouring_the_pin(module: Module) -> None:
    module.set_power_mode("low")
    module.device.lpmode = True  # type: ignore[attr-defined]
    assert module.set_power_mode("high", use_pin=True) == ModuleState.ModuleLowPwr
    module.device.lpmode = False  # type: ignore[attr-defined]
    module.clock.sleep(10)
    assert module.module_state() == ModuleState.ModuleReady


def test_bad_power_mode(module: Module, counted: WriteCounter) -> None:
    with pytest.raises(InputError):
        module.set_power_mode("medium")
    assert counted.writes == []


def test_reset_waits_and_keeps_power_bits(module: Module) -> None:
    module.apply_application(2)
    assert module.reset() == ModuleState.ModuleReady
    assert [p.appsel for p in module.data_paths()] == [1]  # back to the default application
    assert module.read_flags()  # ModuleStateChangedFlag raised again after MgmtInit


def test_tx_disable_one_lane(module: Module) -> None:
    assert module.set_tx_output([3], False) == 0b100
    module.clock.sleep(1)
    lanes = module.lanes()
    assert [lane.tx_disabled for lane in lanes] == [False, False, True] + [False] * 5
    module.set_tx_output([3], True)
    module.clock.sleep(1)
    assert {lane.dp_state for lane in module.lanes()} == {DataPathState.DPActivated}


def test_rx_disable_is_per_host_lane(module: Module) -> None:
    module.set_rx_output([1, 8], False)
    assert [lane.rx_disabled for lane in module.lanes()] == [True] + [False] * 6 + [True]


def test_tx_lanes_map_through_the_active_application(module: Module) -> None:
    module.apply_application(2, [1, 2, 3, 4])
    with pytest.raises(InputError, match=r"\[5\] are in no data path"):
        module.set_tx_output([5], False)
    assert module.set_tx_output([5], False, media=True) == 0b1_0000


def test_dp_deinit_and_release(module: Module) -> None:
    module.set_dp_deinit(list(range(1, 9)))
    module.clock.sleep(2)
    assert {lane.dp_state for lane in module.lanes()} == {DataPathState.DPDeactivated}
    module.set_dp_deinit(list(range(1, 9)), False)
    module.clock.sleep(3)
    assert {lane.dp_state for lane in module.lanes()} == {DataPathState.DPActivated}


@pytest.mark.parametrize("lanes", [[0], [9], []])
def test_lanes_out_of_range(module: Module, counted: WriteCounter, lanes: list[int]) -> None:
    with pytest.raises(InputError):
        module.set_rx_output(lanes, False)
    assert counted.writes == []
