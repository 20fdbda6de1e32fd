"""Host bring-up over the TwiDevice, application switching, and TwiTransport over the emulator."""

from __future__ import annotations

from cmis.clock import VirtualClock
from cmis.codec.codes import ConfigStatus as CS
from cmis.codec.codes import DataPathState as DP
from cmis.codec.codes import MaxDuration
from cmis.codec.codes import ModuleState as MS
from cmis.transport.twi import TwiTransport
from emulator import EmulatedModule
from tests.emulator.helpers import (
    config_status,
    dp_states,
    module_state,
    read,
    run_until,
    write,
)

ALL = 0xFF


def advertised(m: EmulatedModule) -> dict[str, float]:
    p01 = read(m, 0x01, 128, 128)
    codes = {"dpdeinit": p01[144 - 128] >> 4, "dpinit": p01[144 - 128] & 15,
             "pwrdn": p01[167 - 128] >> 4, "pwrup": p01[167 - 128] & 15,
             "txoff": p01[168 - 128] >> 4, "txon": p01[168 - 128] & 15}  # fmt: skip
    return {k: MaxDuration(v).seconds for k, v in codes.items()}


def provision(clock: VirtualClock, m: EmulatedModule, configs: list[int]) -> None:
    """Write SCS0 DPConfig for all lanes, ApplyDPInit all, wait for ConfigSuccess."""
    write(m, 0x10, 145, bytes(configs))
    write(m, 0x10, 143, bytes([ALL]))
    run_until(clock, m, lambda: config_status(m) == [CS.ConfigSuccess] * 8, 1.0)


def test_host_bring_up_reaches_activated_within_advertised_time(clock, module):
    m = module
    limits = advertised(m)
    assert module_state(m) == MS.ModuleLowPwr
    assert m.twi_read(8, 1)[0] & 1  # ModuleStateChangedFlag from MgmtInit; the read clears it
    start = clock.now()
    write(m, 0x10, 128, bytes([ALL]))  # hold every data path deinitialised
    m.twi_write(26, bytes([0x00]))  # clear LowPwrRequestSW and LowPwrAllowRequestHW
    run_until(clock, m, lambda: module_state(m) == MS.ModuleReady, limits["pwrup"])
    provision(clock, m, [0x10] * 8)
    assert read(m, 0x11, 235)[0] == ALL  # DPInitPending
    write(m, 0x10, 128, bytes([0]))
    run_until(
        clock, m, lambda: dp_states(m) == [DP.DPActivated] * 8, limits["dpinit"] + limits["txon"]
    )
    assert clock.now() - start <= limits["pwrup"] + limits["dpinit"] + limits["txon"] + 0.01
    assert read(m, 0x11, 235)[0] == 0  # DPInit cleared DPInitPending
    assert read(m, 0x11, 132, 2) == bytes([ALL, ALL])  # OutputStatusRx/Tx


def test_hardware_bring_up_needs_no_host_writes(clock, module):
    module.lpmode = False
    run_until(clock, module, lambda: dp_states(module) == [DP.DPActivated] * 8, 10.0)
    assert read(module, 0x11, 206, 8) == bytes([0x10] * 8)


def _switch(clock: VirtualClock, m: EmulatedModule, configs: list[int]) -> None:
    """FBOSS-style change: deinit, wait deactivated, provision, release, wait activated."""
    write(m, 0x10, 128, bytes([ALL]))
    run_until(clock, m, lambda: dp_states(m) == [DP.DPDeactivated] * 8, 5.0)
    provision(clock, m, configs)
    write(m, 0x10, 128, bytes([0]))
    run_until(clock, m, lambda: dp_states(m) == [DP.DPActivated] * 8, 5.0)
    assert read(m, 0x11, 206, 8) == bytes(configs)


def test_switch_800g_to_2x400g_to_8x100g(clock, module):
    module.lpmode = False
    run_until(clock, module, lambda: dp_states(module) == [DP.DPActivated] * 8, 10.0)
    _switch(clock, module, [0x20] * 4 + [0x28] * 4)
    assert [dp.lanes for dp in module.datapaths.paths[0]] == [0x0F, 0xF0]
    _switch(clock, module, [0x30 | lane << 1 for lane in range(8)])
    assert len(module.datapaths.paths[0]) == 8
    _switch(clock, module, [0x10] * 8)


def test_intervention_free_reinit_cycles_the_path(clock, module):
    module.lpmode = False
    run_until(clock, module, lambda: dp_states(module) == [DP.DPActivated] * 8, 10.0)
    provision(clock, module, [0x20] * 4 + [0x28] * 4)  # ApplyDPInit while activated
    run_until(clock, module, lambda: dp_states(module)[0] == DP.DPDeinit, 2.0)
    run_until(clock, module, lambda: dp_states(module) == [DP.DPActivated] * 8, 5.0)
    assert read(module, 0x11, 206, 8) == bytes([0x20] * 4 + [0x28] * 4)


def test_twi_transport_reads_page_11h_through_select(clock, module):
    module.lpmode = False
    transport = TwiTransport(module, clock=clock)
    run_until(clock, module, lambda: transport.read(0x11, 128, 4) == bytes([0x44] * 4), 10.0)
    assert transport.read(0x11, 206, 8) == bytes([0x10] * 8)
    assert transport.read(0x00, 128, 1) == bytes([0x19])  # page 00h identifier copy
    transport.write(0x10, 130, bytes([0x01]))  # disable Tx on lane 1
    run_until(clock, module, lambda: transport.read(0x11, 128, 1)[0] & 15 == DP.DPInitialized, 1.0)
    assert transport.read(0x11, 133, 1) == bytes([0x00])  # the single 8-lane path is off


def test_eight_paths_whose_timers_fall_due_together_all_report(clock, module):
    """Timers due at one instant settle together: every lane still reads each step and flag."""
    module.lpmode = False
    run_until(clock, module, lambda: dp_states(module) == [DP.DPActivated] * 8, 10.0)
    _switch(clock, module, [0x30 | lane << 1 for lane in range(8)])
    read(module, 0x11, 134)  # clear DPStateChangedFlag (COR)
    write(module, 0x10, 128, bytes([ALL]))  # eight TxTurnOff timers, then eight DPDeinit ones
    clock.advance(advertised(module)["txoff"] + advertised(module)["dpdeinit"])
    assert dp_states(module) == [DP.DPDeactivated] * 8
    assert read(module, 0x11, 134) == b"\xff"  # DPDeactivated flagged on every lane
    assert read(module, 0x11, 132, 2) == b"\x00\x00"  # no Rx or Tx output left


def test_output_disable_rx_alone_is_reported_without_a_state_change(clock, module):
    """Page 10h OutputDisableRx moves no state machine, yet page 11h output status follows."""
    module.lpmode = False
    run_until(clock, module, lambda: dp_states(module) == [DP.DPActivated] * 8, 10.0)
    read(module, 0x11, 153)  # clear OutputStatusChangedFlagRx (COR)
    write(module, 0x10, 138, b"\x05")  # OutputDisableRx lanes 1 and 3
    assert read(module, 0x11, 132) == b"\xfa"  # OutputStatusRx off on those lanes
    assert read(module, 0x11, 153) == b"\x05"  # and the change latched for them
    assert dp_states(module) == [DP.DPActivated] * 8
