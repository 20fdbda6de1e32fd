"""Module state machine through the device: LPMode, LowPwr bits, reset paths, IntL, presence."""

from __future__ import annotations

import errno

import pytest

from cmis.codec.codes import DataPathState as DP
from cmis.codec.codes import ModuleState as MS
from cmis.errors import TransportError
from emulator.rules import Mod
from tests.emulator.helpers import dp_states, module_state, run_until


def test_starts_in_low_power_with_state_changed_flag_raising_intl(module):
    assert module_state(module) == MS.ModuleLowPwr
    assert module.intl and not module.twi_read(3, 1)[0] & 1
    assert module.twi_read(8, 1) == b"\x01"
    assert not module.intl and module.twi_read(3, 1)[0] & 1


def test_module_state_changed_mask_gates_intl(module):
    module.twi_write(31, b"\x01")
    assert not module.intl


def test_lpmode_ignored_when_allow_hw_is_cleared(clock, module):
    module.twi_write(26, b"\x00")
    assert module.state == Mod.ModulePwrUp
    module.twi_write(26, b"\x10")  # LowPwrRequestSW during PwrUp: straight to PwrDn
    assert module.state == Mod.ModulePwrDn
    run_until(clock, module, lambda: module.state == Mod.ModuleLowPwr, 1.0)


def test_low_power_from_ready_runs_data_paths_down_first(clock, module):
    module.lpmode = False
    run_until(clock, module, lambda: dp_states(module) == [DP.DPActivated] * 8, 10.0)
    module.twi_read(8, 1)
    module.lpmode = True
    assert module.state == Mod.ModuleReady and dp_states(module)[0] == DP.DPTxTurnOff
    run_until(clock, module, lambda: module.state == Mod.ModulePwrDn, 2.0)
    assert dp_states(module) == [DP.DPDeactivated] * 8
    run_until(clock, module, lambda: module.state == Mod.ModuleLowPwr, 1.0)
    assert module.twi_read(8, 1) == b"\x01"


def test_software_reset_goes_through_resetting_reset_mgmtinit(clock, module):
    module.lpmode = False
    run_until(clock, module, lambda: module.state == Mod.ModuleReady, 10.0)
    module.twi_write(26, b"\x48")
    seen = [module.state]
    with pytest.raises(TransportError) as err:
        module.twi_read(3, 1)
    assert err.value.errno == errno.EIO
    while module.state != Mod.ModulePwrUp:  # LPMode is released, so LowPwr is left at once
        clock.advance_to(module.queue.heap[0][0])
        seen.append(module.state)
    assert seen == [Mod.Resetting, Mod.MgmtInit, Mod.ModulePwrUp]  # Reset is left at once
    assert module.twi_read(26, 1) == b"\x40"  # defaults; SoftwareReset reads back 0
    assert module.twi_read(8, 1) == b"\x01"  # ModuleStateChangedFlag from reaching LowPwr


def test_reset_pin_holds_module_in_reset(clock, module):
    module.assert_reset()
    clock.advance(1.0)
    assert module.state == Mod.Reset
    module.release_reset()
    assert module.state == Mod.MgmtInit
    clock.advance(1.0)
    assert module.state == Mod.ModuleLowPwr and module.intl


def test_removed_module_nacks_and_reinsertion_restarts_at_mgmtinit(clock, module):
    module.remove()
    with pytest.raises(TransportError) as err:
        module.twi_read(0, 1)
    assert err.value.errno == errno.ENXIO and not module.intl
    module.insert()
    assert module.state == Mod.MgmtInit
    clock.advance(1.0)
    assert module_state(module) == MS.ModuleLowPwr
