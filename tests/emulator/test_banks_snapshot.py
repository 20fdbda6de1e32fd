"""The 16-lane profile's bank 1, and snapshot/restore of the whole module."""

from __future__ import annotations

from cmis.clock import VirtualClock
from cmis.codec.codes import DataPathState as DP
from cmis.transport.twi import TwiTransport
from emulator import EmulatedModule
from emulator.rules import Mod
from tests.emulator.helpers import dp_states, read, run_until, write


def test_sixteen_lanes_use_bank_1(clock):
    m = EmulatedModule("osfp-xd-1.6t-dr16", clock=clock, lpmode=False)
    assert read(m, 0x01, 142)[0] & 3 == 0b01  # BanksSupported: banks 0-1
    run_until(clock, m, lambda: dp_states(m, bank=1) == [DP.DPActivated] * 8, 10.0)
    assert dp_states(m, bank=0) == [DP.DPActivated] * 8
    write(m, 0x10, 128, b"\xff", bank=1)  # deinit lanes 9-16 only
    run_until(clock, m, lambda: dp_states(m, bank=1) == [DP.DPDeactivated] * 8, 2.0)
    assert dp_states(m, bank=0) == [DP.DPActivated] * 8
    transport = TwiTransport(m, clock=clock)
    assert transport.read(0x11, 134, 20, bank=1)[0] == 0xFF  # DPStateChangedFlag, bank 1
    assert m.twi_read(5, 1)[0] & 1 == 0  # summary for bank 1 cleared by reading its flags


def test_bank_2_of_a_two_bank_module_reads_zeros(clock):
    m = EmulatedModule("osfp-xd-1.6t-dr16", clock=clock)
    assert read(m, 0x11, 206, 8, bank=2) == bytes(8)


def test_snapshot_restore_resumes_timers(clock):
    m = EmulatedModule(clock=clock, lpmode=False)
    clock.advance(1.0)  # mid ModulePwrUp
    snap = m.snapshot()
    run_until(clock, m, lambda: dp_states(m) == [DP.DPActivated] * 8, 10.0)
    took = clock.now() - 1.0
    m.twi_write(31, b"\x01")
    m.restore(snap)
    assert m.twi_read(31, 1) == b"\x00" and dp_states(m) == [DP.DPDeactivated] * 8
    start = clock.now()
    run_until(clock, m, lambda: dp_states(m) == [DP.DPActivated] * 8, 10.0)
    assert abs((clock.now() - start) - took) < 1e-9
    other = EmulatedModule(clock=VirtualClock(), lpmode=False)
    other.restore(snap)
    assert other.state == Mod.ModulePwrUp and other.twi_read(3, 1)[0] >> 1 & 7 == 2
