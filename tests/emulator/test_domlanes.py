"""Lane flags judged without drawing noise agree with the values drawn for the same instant."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from emulator import EmulatedModule
from emulator import addresses as a
from emulator.domlanes import certain, clamp
from emulator.flags import levels
from emulator.profile import PROFILE_DIR, parse_profile
from tests.emulator.helpers import bring_up, lane_monitors

DR8_TEXT = (PROFILE_DIR / "osfp-800g-dr8.toml").read_text()
RAW = st.integers(0, 0xFFFF)
NOMINAL = st.floats(0, 70_000, allow_nan=False)


@given(
    nominal=st.lists(NOMINAL, min_size=8, max_size=16),
    fraction=st.floats(0, 0.5),
    th=st.tuples(RAW, RAW, RAW, RAW),
    u=st.floats(-1, 1, exclude_max=True),
)
def test_lanes_judged_sure_pass_the_same_levels_at_any_noise(nominal, fraction, th, u):
    """A lane ``certain`` calls sure passes exactly its fixed levels for every noise draw."""
    for bank, (sure, fixed) in enumerate(certain(tuple(nominal), fraction, th)):
        for lane, value in enumerate(nominal[bank * 8 : bank * 8 + 8]):
            if sure >> lane & 1:
                drawn = levels(clamp(value * (1 + u * fraction), (0, 0xFFFF)), th)
                assert drawn == tuple(bool(bits >> lane & 1) for bits in fixed)


def test_a_threshold_inside_the_noise_flags_what_was_drawn(clock):
    """Tx power high warning at lane 1's nominal (1.12 mW, noise 1%): lanes 1 and 8 (1.13 mW)
    may pass it or not, lanes 2-7 are clear of it. The flags set when the lanes light are those
    of the values drawn at that instant, whichever way each seed's noise falls."""
    text = re.sub(r"^tx_power_mw = \[.*?\]", "tx_power_mw = [3.1623, 0.1585, 1.12, 0.1995]",
                  DR8_TEXT, count=1, flags=re.MULTILINE)  # fmt: skip
    profile, seen = parse_profile("near-warning", text), set()
    for seed in range(8):
        m = EmulatedModule(profile, clock=clock, seed=seed)
        bring_up(clock, m)  # stops at the instant the lanes activate: same sample as the flags
        # latched as the lanes lit (what IntL follows); a read would latch its own sample too
        latched = m.memory.page(0, 0x11)[a.LANE_LEVEL_FLAGS["OpticalPowerTx"][2] - 128]
        warning = m.dom.model.thresholds["OpticalPowerTx"][2]
        power = lane_monitors(m)["tx_power"]
        expected = sum(1 << lane for lane, value in enumerate(power) if value > warning)
        assert latched == expected
        assert expected & 0b0111_1110 == 0b0000_0100  # only 1.15 mW (lane 3) is surely past
        seen.add(expected & 0b1000_0001)
    assert len(seen) > 1  # the noise did decide lanes 1 and 8 differently across seeds
