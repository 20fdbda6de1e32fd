"""module.faults: every fault switched at run time, asserted on what a host would observe."""

from __future__ import annotations

import errno

import pytest

from cmis.clock import VirtualClock
from cmis.codec.codes import ConfigStatus as CS
from cmis.codec.codes import DataPathState as DP
from cmis.codec.codes import FaultCause
from cmis.codec.codes import ModuleState as MS
from cmis.errors import TransportError
from cmis.transport.twi import TwiTransport
from emulator import EmulatedModule
from emulator.rules import Mod
from tests.emulator.helpers import (
    bring_up,
    clear_flags,
    config_status,
    dp_states,
    lane_monitors,
    module_state,
    read,
    run_until,
    select,
    temperature,
    write,
)

ALL = b"\xff"


def nacks(action) -> int:
    """errno of the TransportError ``action`` raises (0 if it does not)."""
    try:
        action()
    except TransportError as err:
        return err.errno or -1
    return 0


# --- the bus -----------------------------------------------------------------------------------


def test_nack_next_n_transactions_then_normal(module):
    module.faults.nack_next = 2
    assert nacks(lambda: module.twi_read(8, 1)) == errno.EIO
    assert nacks(lambda: module.twi_write(26, b"\x00")) == errno.EIO
    assert module.faults.nack_next == 0
    assert module.twi_read(8, 1) == b"\x01"  # the NACKed read cleared nothing
    assert module.state == Mod.ModuleLowPwr  # the NACKed write changed nothing


def test_nack_next_is_absorbed_by_transport_retries(clock, module):
    module.faults.nack_next = 3  # TwiTransport retries 3 times
    assert TwiTransport(module, clock=clock).read(0x00, 128, 1) == b"\x19"


def test_nack_rate_uses_the_seeded_rng(clock):
    def count(seed: int) -> int:
        m = EmulatedModule(clock=clock, seed=seed)
        m.faults.nack_rate = 0.3
        return sum(bool(nacks(lambda m=m: m.twi_read(0, 1))) for _ in range(200))

    assert 30 <= count(1) <= 90 and count(1) == count(1)
    with pytest.raises(ValueError, match="probability"):
        EmulatedModule(clock=clock).faults.nack_rate = 1.5


def _start_cdb_query(m: EmulatedModule) -> None:
    """CMD 0000h (query status) with an empty LPL: header 130-135, then the 2-byte trigger."""
    select(m, 0x9F)
    m.twi_write(130, bytes([0, 0, 0, 0xFF, 0, 0]))  # EPL/LPL lengths 0, CdbChkCode
    m.twi_write(128, b"\x00\x00")


def test_nack_while_busy_holds_off_the_bus_during_a_cdb_command(clock, module):
    _start_cdb_query(module)
    assert module.twi_read(37, 1)[0] & 0x80  # background mode: status readable while busy
    run_until(clock, module, lambda: not module.twi_read(37, 1)[0] & 0x80, 5.0)
    module.faults.nack_while_busy = True
    _start_cdb_query(module)
    assert nacks(lambda: module.twi_read(37, 1)) == errno.EIO
    clock.advance(5.0)
    assert module.twi_read(37, 1) == b"\x01"  # success, and the bus answers again


def test_removal_mid_transaction_then_reinsertion_through_mgmtinit(clock, module):
    bring_up(clock, module)
    transport = TwiTransport(module, clock=clock)
    module.faults.remove_after(1)  # the page select goes through, the read finds no module
    with pytest.raises(TransportError) as err:
        transport.read(0x11, 128, 4)
    assert err.value.errno == errno.ENXIO and not module.present
    assert nacks(lambda: module.twi_read(0, 1)) == errno.ENXIO
    module.lpmode = True  # the cage holds LPMode: the fresh module waits in ModuleLowPwr
    module.insert()
    assert module.state == Mod.MgmtInit
    assert nacks(lambda: module.twi_read(3, 1)) == errno.EIO  # MgmtInit: the MCI is not up yet
    clock.advance(1.0)
    assert module_state(module) == MS.ModuleLowPwr and module.twi_read(8, 1) == b"\x01"
    assert module.faults.removal_pending is None


# --- lanes -------------------------------------------------------------------------------------


def test_rx_los_on_lane_3(clock, module):
    bring_up(clock, module)
    clear_flags(module)
    module.faults.rx_los = {3}
    assert read(module, 0x11, 147)[0] == 0x04  # LOSFlagRx lane 3, latched
    rx = lane_monitors(module)["rx_power"]
    assert rx[2] == 0 and all(rx[:2] + rx[3:])
    assert read(module, 0x11, 150)[0] == 0x04  # Rx power low alarm follows
    assert read(module, 0x11, 132)[0] == 0xFB  # Rx output squelched on that lane
    assert module.intl and module.twi_read(4, 1) == b"\x01"


def test_rx_cdr_lol_on_lane_5(clock, module):
    bring_up(clock, module)
    clear_flags(module)
    module.faults.rx_cdr_lol = [5]
    assert read(module, 0x11, 148)[0] == 0x10 and module.intl
    assert read(module, 0x11, 132)[0] == 0xEF
    assert all(lane_monitors(module)["rx_power"])  # light still arrives


def test_tx_fault_on_lane_2(clock, module):
    bring_up(clock, module)
    clear_flags(module)
    module.faults.tx_fault = {2}
    assert read(module, 0x11, 135)[0] == 0x02 and module.intl
    lanes = lane_monitors(module)
    assert lanes["tx_power"][1] == lanes["tx_bias"][1] == 0 and all(lanes["tx_power"][2:])
    assert read(module, 0x11, 140)[0] == 0x02  # Tx power low alarm
    assert read(module, 0x11, 133)[0] == 0xFD  # OutputStatusTx


def test_tx_los_and_tx_cdr_lol_on_host_lanes(clock, module):
    bring_up(clock, module)
    clear_flags(module)
    module.faults.tx_los, module.faults.tx_cdr_lol = {1}, {8}
    assert read(module, 0x11, 136, 2) == b"\x01\x80" and module.intl


def test_lane_faults_show_only_while_the_lane_is_powered(clock, module):
    module.faults.rx_los = {1}
    assert read(module, 0x11, 147)[0] == 0 and not module.twi_read(4, 1)[0]
    bring_up(clock, module)
    assert read(module, 0x11, 147)[0] == 0x01


def test_lane_faults_name_their_lanes(module):
    with pytest.raises(ValueError, match=r"lane 9 is not a lane of this module \(1-8\)"):
        module.faults.rx_los = {9}
    assert module.faults.rx_los == frozenset()


def test_lane_faults_on_bank_1(clock):
    m = EmulatedModule("osfp-xd-1.6t-dr16", clock=clock)
    bring_up(clock, m)
    m.faults.tx_fault = {16}
    assert read(m, 0x11, 135, bank=1)[0] == 0x80 and read(m, 0x11, 135, bank=0)[0] == 0


# --- the module --------------------------------------------------------------------------------


def test_over_temperature_warns_alarms_then_faults_with_temperature_cause(clock, module):
    bring_up(clock, module)
    clear_flags(module)
    module.faults.over_temperature_c = 95.0
    run_until(clock, module, lambda: module.memory.lower[9] & 0x04, 600.0)  # high warning
    assert module.state == Mod.ModuleReady and module.twi_read(9, 1) == b"\x04"
    run_until(clock, module, lambda: module.memory.lower[9] & 0x01, 600.0)  # high alarm
    assert module.state == Mod.ModuleReady
    run_until(clock, module, lambda: module.state == Mod.ModuleFault, 600.0)
    assert temperature(module) >= module.profile.dom.shutdown_c - 0.5
    assert module_state(module) == MS.ModuleFault
    assert module.twi_read(41, 1)[0] == FaultCause.TemperatureFault
    assert module.twi_read(8, 1)[0] & 1 and module.intl  # ModuleStateChangedFlag
    assert dp_states(module) == [DP.DPDeactivated] * 8
    assert lane_monitors(module)["tx_power"] == [0] * 8


def test_over_temperature_faults_again_after_reset_until_it_cools(clock, module):
    module.faults.over_temperature_c = 95.0
    run_until(clock, module, lambda: module.state == Mod.ModuleFault, 600.0)
    module.twi_write(26, b"\x08")  # SoftwareReset: still hot, so straight back to ModuleFault
    clock.advance(1.0)
    assert module.state == Mod.ModuleFault
    module.faults.over_temperature_c = None
    clock.advance(600.0)
    module.twi_write(26, b"\x08")
    clock.advance(1.0)
    assert module.state == Mod.ModuleLowPwr and module.twi_read(41, 1) == b"\x00"


def test_module_fault_with_a_cause_persists_over_reset_until_cleared(clock, module):
    bring_up(clock, module)
    module.faults.module_fault = FaultCause.DataMemoryCorrupted
    assert module_state(module) == MS.ModuleFault and module.twi_read(41, 1) == b"\x02"
    module.twi_write(26, b"\x08")
    clock.advance(1.0)
    assert module_state(module) == MS.ModuleFault
    module.faults.module_fault = None
    module.twi_write(26, b"\x08")
    clock.advance(1.0)  # through Resetting and MgmtInit, where the bus does not answer
    run_until(clock, module, lambda: dp_states(module) == [DP.DPActivated] * 8, 10.0)
    with pytest.raises(ValueError, match="1-255"):
        module.faults.module_fault = 0


def test_slow_dpinit_stays_in_dpinit_past_the_advertised_time_then_completes(clock, module):
    dp_init = 1.0  # 01h:144 bits 3-0 = 6: 500 ms - 1 s
    assert read(module, 0x01, 144)[0] & 15 == 6
    write(module, 0x10, 128, ALL)  # hold the paths while powering up
    module.lpmode = False
    run_until(clock, module, lambda: module.state == Mod.ModuleReady, 10.0)
    module.faults.slow(10, "dp_init")  # PEERS items 11 and 15
    write(module, 0x10, 128, b"\x00")
    assert dp_states(module) == [DP.DPInit] * 8
    clock.advance(dp_init + 0.1)
    assert dp_states(module) == [DP.DPInit] * 8  # past the advertised maximum
    run_until(clock, module, lambda: dp_states(module) == [DP.DPActivated] * 8, 10 * dp_init)


def test_slow_everything_stretches_power_up(clock, module):
    module.faults.slow(4)
    assert module.faults.slowdown("module_pwr_up") == 4.0
    module.lpmode = False
    clock.advance(5.0)  # 01h:167 PwrUp code 7: up to 5 s, normally half that here
    assert module.state == Mod.ModulePwrUp
    run_until(clock, module, lambda: module.state == Mod.ModuleReady, 20.0)
    with pytest.raises(ValueError, match="unknown duration"):
        module.faults.slow(2, "dp_inti")


def _decommission(clock, m: EmulatedModule) -> None:
    """SONiC's decommission: deinit everything, AppSel 0 on every lane, ApplyDPInit."""
    write(m, 0x10, 128, ALL)
    run_until(clock, m, lambda: dp_states(m) == [DP.DPDeactivated] * 8, 5.0)
    write(m, 0x10, 145, bytes(8))
    write(m, 0x10, 143, ALL)
    run_until(clock, m, lambda: CS.ConfigInProgress not in config_status(m), 1.0)


def test_appsel_0_rejected_on_all_lanes(clock, module):
    bring_up(clock, module)
    module.faults.reject_appsel()  # PEERS item 12
    _decommission(clock, module)
    assert config_status(module) == [CS.ConfigRejected] * 8
    assert read(module, 0x11, 206, 8) == bytes([0x10] * 8)  # the ACS kept AppSel 1
    module.faults.clear()
    write(module, 0x10, 143, ALL)
    run_until(clock, module, lambda: config_status(module) == [CS.ConfigSuccess] * 8, 1.0)


def test_a_given_appsel_rejected_others_accepted(clock, module):
    module.faults.rejected_appsels = {2}
    write(module, 0x10, 145, bytes([0x20] * 4 + [0x28] * 4))  # 2x400G
    write(module, 0x10, 143, ALL)
    run_until(clock, module, lambda: CS.ConfigInProgress not in config_status(module), 1.0)
    assert config_status(module) == [CS.ConfigRejected] * 8
    write(module, 0x10, 145, bytes(0x30 | lane << 1 for lane in range(8)))  # 8x100G
    write(module, 0x10, 143, ALL)
    run_until(clock, module, lambda: config_status(module) == [CS.ConfigSuccess] * 8, 1.0)


def _reapply_same_appsel(clock, m: EmulatedModule) -> None:
    write(m, 0x10, 145, bytes([0x10] * 8))
    write(m, 0x10, 143, ALL)
    run_until(clock, m, lambda: config_status(m) == [CS.ConfigSuccess] * 8, 1.0)


def test_dpinitpending_not_reasserted_when_appsel_unchanged(clock, module):
    write(module, 0x10, 128, ALL)  # SONiC's flow: deinit, then provision
    module.lpmode = False
    run_until(clock, module, lambda: module.state == Mod.ModuleReady, 10.0)
    _reapply_same_appsel(clock, module)
    assert read(module, 0x11, 235)[0] == 0xFF  # a healthy module re-asserts DPInitPending
    module.faults.ignore_unchanged_appsel = True  # PEERS item 14
    write(module, 0x10, 128, b"\x00")
    run_until(clock, module, lambda: dp_states(module) == [DP.DPActivated] * 8, 5.0)
    _reapply_same_appsel(clock, module)
    assert read(module, 0x11, 235)[0] == 0  # what xcvrd waits for never comes
    assert dp_states(module) == [DP.DPActivated] * 8  # and the path is not re-initialised
    write(module, 0x10, 145, bytes([0x20] * 4 + [0x28] * 4))  # a real change still pends
    write(module, 0x10, 143, ALL)
    run_until(clock, module, lambda: read(module, 0x11, 235)[0] == 0xFF, 1.0)


# --- all ---------------------------------------------------------------------------------------


def test_clear_resets_every_fault(clock, module):
    bring_up(clock, module)
    f = module.faults
    f.nack_rate, f.nack_while_busy, f.rx_los, f.over_temperature_c = 0.5, True, {1}, 60.0
    f.slow(3)
    f.reject_appsel(0, 4)
    f.ignore_unchanged_appsel = True
    assert set(f.active()) == {"nack_rate", "nack_while_busy", "lanes", "over_temperature_c",
                               "slow", "rejected_appsels", "ignore_unchanged_appsel"}  # fmt: skip
    f.clear()
    assert f.active() == {} and not f.on_bus and f.slowdown("dp_init") == 1.0
    assert all(lane_monitors(module)["rx_power"])
    assert "none" in repr(f)


def test_faults_survive_snapshot_and_restore(clock, module):
    bring_up(clock, module)
    module.faults.rx_los = {3}
    module.faults.slow(10, "dp_init")
    snap = module.snapshot()
    module.faults.clear()
    module.restore(snap)
    assert module.faults.rx_los == {3} and module.faults.slowdown("dp_init") == 10.0
    assert lane_monitors(module)["rx_power"][2] == 0
    other = EmulatedModule(clock=VirtualClock(clock.now()))
    other.restore(snap)
    assert other.faults.rx_los == {3} and lane_monitors(other) == lane_monitors(module)
    other.faults.rx_los = ()
    assert module.faults.rx_los == {3}  # the two modules do not share fault state
