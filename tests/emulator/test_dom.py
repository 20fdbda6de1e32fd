"""DOM telemetry as a host reads it: thermal lag, lane optics by state, seeded noise, laziness."""

from __future__ import annotations

import math

import pytest

from cmis.clock import VirtualClock
from emulator import EmulatedModule
from emulator.dom import noise
from tests.emulator.helpers import (
    bring_up,
    lane_monitors,
    read,
    run_until,
    temperature,
    u16s,
    write,
)

NOISE_LSB = 1 / 256  # rounding of a temperature reading


def expected_case(m: EmulatedModule, start: float, target: float, elapsed: float) -> float:
    tau = m.profile.dom.time_constant_s
    return target + (start - target) * math.exp(-elapsed / tau)


def near(value: float, expected: float, noise: float) -> bool:
    return abs(value - expected) <= noise + NOISE_LSB


def test_temperature_rises_toward_profile_value_then_falls_in_low_power(clock, module):
    dom = module.profile.dom
    noise = dom.noise["temperature_c"]
    assert near(temperature(module), dom.low_power_c, noise)
    module.lpmode = False  # ModulePwrUp at t=0: the heat comes on
    readings = []
    for _ in range(10):
        clock.advance(dom.time_constant_s / 2)
        readings.append(temperature(module))
    assert readings[:4] == sorted(readings[:4])  # rising while the step dwarfs the noise
    tau = dom.time_constant_s
    assert near(readings[1], expected_case(module, dom.low_power_c, dom.operating_c, tau), noise)
    assert near(readings[-1], dom.operating_c, noise + 0.3)  # 5 tau: within 1% of the step
    module.lpmode = True
    clock.advance(10 * tau)
    assert near(temperature(module), dom.low_power_c, noise)


def test_tx_power_and_bias_zero_until_activated_rx_power_from_nominal(clock, module):
    assert lane_monitors(module) == {k: [0] * 8 for k in ("tx_power", "tx_bias", "rx_power")}
    bring_up(clock, module)
    lanes = lane_monitors(module)
    nominal = module.profile.data["optics"]
    for lane in range(8):
        assert near(lanes["tx_power"][lane] / 1e4, nominal["tx_power_mw"][lane], 0.02)
        assert near(lanes["tx_bias"][lane] * 0.004, nominal["tx_bias_ma"][lane], 0.4)
        assert near(lanes["rx_power"][lane] / 1e4, nominal["rx_power_mw"][lane], 0.03)


def test_tx_power_zero_on_a_disabled_lane_and_on_its_deactivated_path(clock, module):
    bring_up(clock, module)
    write(module, 0x10, 130, b"\x04")  # OutputDisableTx lane 3: the single 8-lane path turns off
    assert lane_monitors(module)["tx_power"] == [0] * 8
    assert lane_monitors(module)["tx_bias"] == [0] * 8
    assert all(lane_monitors(module)["rx_power"])  # the receivers stay initialised


def test_tx_power_zero_only_on_the_disabled_lane_of_a_breakout(clock):
    m = EmulatedModule(clock=clock)
    write(m, 0x10, 145, bytes(0x30 | lane << 1 for lane in range(8)))  # 8x100G, one path a lane
    write(m, 0x10, 143, b"\xff")
    bring_up(clock, m)
    write(m, 0x10, 130, b"\x04")
    run_until(clock, m, lambda: read(m, 0x11, 133)[0] == 0xFB, 1.0)
    powers = lane_monitors(m)["tx_power"]
    assert powers[2] == 0 and all(powers[:2] + powers[3:])


def test_monitors_zero_in_low_power_after_running(clock, module):
    bring_up(clock, module)
    module.lpmode = True
    run_until(clock, module, lambda: module.twi_read(3, 1)[0] >> 1 & 7 == 1, 5.0)
    assert lane_monitors(module) == {k: [0] * 8 for k in ("tx_power", "tx_bias", "rx_power")}


def test_vcc_and_laser_temperature_on_the_advertised_aux_monitor(clock, module):
    assert read(module, 0x01, 159)[0] & 0x0B == 0x0B  # temperature, Vcc and Aux2 advertised
    assert not read(module, 0x01, 145)[0] & 0x02  # Aux2 measures laser temperature
    vcc = int.from_bytes(module.twi_read(16, 2)) / 1e4
    assert near(vcc, 3.3, module.profile.dom.noise["vcc_v"])
    laser = int.from_bytes(module.twi_read(20, 2), signed=True) / 256
    assert near(laser, temperature(module), 0.5)  # TEC off: the lasers sit at the case's
    bring_up(clock, module)
    laser = int.from_bytes(module.twi_read(20, 2), signed=True) / 256
    assert near(laser, module.profile.dom.laser_c, module.profile.dom.noise["laser_temperature_c"])


def test_qsfpdd_reports_laser_temperature_on_aux3(clock):
    m = EmulatedModule("qsfpdd-800g-2xfr4", clock=clock)
    assert read(m, 0x01, 159)[0] & 0x1C == 0x10  # Aux3 only
    assert near(int.from_bytes(m.twi_read(22, 2), signed=True) / 256, temperature(m), 0.5)


def _dom_bytes(m: EmulatedModule) -> bytes:
    return m.twi_read(14, 12) + read(m, 0x11, 154, 48)


def _run(seed: int, reads_between: bool) -> list[bytes]:
    """DOM bytes at t = 5, 10, 15, 20 s of a bring-up, optionally read often in between."""
    clock = VirtualClock()
    m = EmulatedModule(clock=clock, seed=seed, lpmode=False)
    out = []
    for step in range(4):
        for i in range(20 if reads_between else 0):
            clock.advance_to(step * 5.0 + 0.01 + i * 0.21)
            _dom_bytes(m)
        clock.advance_to(step * 5.0 + 5.0)
        out.append(_dom_bytes(m))
    return out


def test_same_seed_same_bytes_whatever_the_reads_different_seed_different_noise():
    assert _run(7, False) == _run(7, False) == _run(7, True)
    assert _run(7, False) != _run(8, False)


def test_values_hold_within_a_sample_and_move_with_the_next(clock, module):
    bring_up(clock, module)
    period = module.profile.dom.sample_period_s
    clock.advance_to(math.ceil(clock.now() / period) * period)  # the start of a sample
    first = _dom_bytes(module)
    clock.advance(period / 2)
    assert _dom_bytes(module) == first
    clock.advance(period)
    assert _dom_bytes(module) != first


@pytest.mark.parametrize(("page", "offset", "length"), [(0x01, 128, 128), (0x00, 128, 128),
                         (0x11, 128, 4), (0x11, 202, 4), (0x10, 128, 128)])  # fmt: skip
def test_reads_of_other_bytes_do_not_sample(clock, module, page, offset, length):
    bring_up(clock, module)
    clock.advance(10.0)
    before = (module.dom.sample, list(module.dom.bank_sample))
    read(module, page, offset, length)
    module.twi_read(0, 9)  # identity, state, summaries, module flags: no monitor among them
    assert (module.dom.sample, module.dom.bank_sample) == before


def test_sixteen_lane_module_samples_bank_1(clock):
    m = EmulatedModule("osfp-xd-1.6t-dr16", clock=clock)
    bring_up(clock, m)
    powers = u16s(read(m, 0x11, 154, 16, bank=1))
    assert all(powers) and powers != u16s(read(m, 0x11, 154, 16, bank=0))


def test_monitors_of_a_bank_the_module_lacks_read_zeros(clock, module):
    bring_up(clock, module)
    assert read(module, 0x11, 135, 67, bank=1) == bytes(67)


def test_noise_is_uniform_in_minus_one_to_one():
    draws = [u for k in range(2000) for u in noise(3, k, 0)]
    assert all(-1 <= u < 1 for u in draws)
    assert -0.05 < sum(draws) / len(draws) < 0.05 and max(draws) > 0.99 and min(draws) < -0.99


def test_snapshot_keeps_the_thermal_curve_and_the_seed(clock):
    m = EmulatedModule(clock=clock, seed=5, lpmode=False)
    clock.advance(30.0)
    snap, before = m.snapshot(), _dom_bytes(m)
    other_clock = VirtualClock(clock.now())
    other = EmulatedModule(clock=other_clock)  # seed 0 until the restore
    other.restore(snap)
    assert _dom_bytes(other) == before
    clock.advance(60.0)
    other_clock.advance(60.0)
    assert _dom_bytes(other) == _dom_bytes(m)
