"""apply_application against the emulator: switching applications, precise rejections, timeouts."""

from __future__ import annotations

import pytest

from cmis.clock import VirtualClock
from cmis.codec.codes import ConfigStatus, DataPathState, ModuleState
from cmis.errors import ApplicationError, InputError, WaitTimeoutError
from cmis.host.module import Module
from emulator.targets import open_emulated

from .conftest import WriteCounter

DP = DataPathState


def layout(module: Module) -> list[tuple[int, tuple[int, ...]]]:
    return [(p.appsel, p.lanes) for p in module.data_paths()]


def states(module: Module) -> set[DataPathState | int]:
    return {lane.dp_state for lane in module.lanes()}


def test_bring_up_gives_the_default_application(module: Module) -> None:
    assert module.module_state() == ModuleState.ModuleReady
    assert layout(module) == [(1, (1, 2, 3, 4, 5, 6, 7, 8))]
    assert states(module) == {DP.DPActivated}


def test_switch_800g_to_2x400g_to_8x100g_and_back(module: Module) -> None:
    module.apply_application(2, [1, 2, 3, 4])
    assert layout(module) == [(2, (1, 2, 3, 4))]  # lanes 5-8 decommissioned (AppSel 0)
    module.apply_application(2, [5, 6, 7, 8])
    assert layout(module) == [(2, (1, 2, 3, 4)), (2, (5, 6, 7, 8))]
    assert states(module) == {DP.DPActivated}
    module.apply_application(3)
    assert layout(module) == [(3, (lane,)) for lane in range(1, 9)]
    assert states(module) == {DP.DPActivated}
    module.apply_application(1)
    assert layout(module) == [(1, tuple(range(1, 9)))]
    lanes = module.lanes()
    assert {lane.config_status for lane in lanes} == {ConfigStatus.ConfigSuccess}
    assert not any(lane.dp_deinit or lane.tx_disabled for lane in lanes)


def test_apply_runs_instantly_within_advertised_time(module: Module, clock: VirtualClock) -> None:
    start = clock.now()
    module.apply_application(2)
    d = module.durations
    worst = d.tx_turn_off + d.dp_deinit + d.dp_init + d.tx_turn_on + 1.0
    assert 0 < clock.now() - start < worst


def test_one_400g_path_does_not_disturb_the_other(module: Module) -> None:
    module.apply_application(2)
    seen: list[list[DataPathState | int]] = []
    module.apply_application(3, [5, 6, 7, 8], progress=lambda step, st: seen.append(st))
    assert all(st[0:4] == [DP.DPActivated] * 4 for st in seen)
    assert layout(module)[0] == (2, (1, 2, 3, 4))


def test_module_rejection_names_lane_code_and_reason(module: Module) -> None:
    with pytest.raises(ApplicationError) as err:
        module.apply_application(2, [3, 4, 5, 6], check=False)
    assert str(err.value) == (
        "lane 3: ConfigRejectedInvalidDataPath (0x4) after ApplyDPInit of AppSel 2 — "
        "lane group must start on lane 1 or 5"
    )


def test_unadvertised_appsel_rejected_by_module(module: Module) -> None:
    with pytest.raises(
        ApplicationError, match=r"ConfigRejectedInvalidAppSel \(0x3\).*offers AppSel 1, 2, 3"
    ):
        module.apply_application(9, [1], check=False)


@pytest.mark.parametrize(
    ("appsel", "lanes", "message"),
    [
        (9, [1], "AppSel 9 is not advertised"),
        (2, [3, 4, 5, 6], "must start on lane 1 or 5"),
        (2, [1, 2, 3], "groups of 4 consecutive"),
        (1, [1, 2, 3, 4, 5, 6, 7, 9], "consecutive"),
    ],
)
def test_host_checks_refuse_before_writing(
    module: Module, counted: WriteCounter, appsel: int, lanes: list[int], message: str
) -> None:
    with pytest.raises(InputError, match=message):
        module.apply_application(appsel, lanes)
    assert counted.writes == []


def test_trigger_is_a_single_byte_write(module: Module, counted: WriteCounter) -> None:
    module.apply_application(2, [1, 2, 3, 4])
    triggers = [w for w in counted.writes if w[:2] == (0x10, 143)]
    assert triggers == [(0x10, 143, b"\xff", 0)]  # whole old 800G path, as one byte
    staged = [w for w in counted.writes if w[:2] == (0x10, 145)]
    assert staged == [(0x10, 145, bytes([0x20] * 4 + [0] * 4), 0)]


def test_lying_module_times_out_with_lane_and_state() -> None:
    module = open_emulated("osfp-800g-dr8")
    module.device.duration_scale = 50.0  # type: ignore[attr-defined]  # far slower than advertised
    with pytest.raises(WaitTimeoutError, match=r"lane 1: still DP\w+ after .* raise --margin"):
        module.apply_application(2)


def test_margin_absorbs_a_slow_module() -> None:
    from cmis.host.timing import Margin

    module = open_emulated("osfp-800g-dr8")
    module.device.duration_scale = 5.0  # type: ignore[attr-defined]
    module.margin = Margin(factor=10.0)
    module.apply_application(2)
    assert states(module) == {DP.DPActivated}


def test_apply_in_low_power_stages_and_activates_at_power_up(module: Module) -> None:
    module.set_power_mode("low")
    module.apply_application(2)
    assert states(module) == {DP.DPDeactivated}
    assert [lane.appsel for lane in module.lanes()] == [2] * 8
    module.set_power_mode("high")
    module.clock.sleep(5)
    assert states(module) == {DP.DPActivated}


def released_lpmode(module: Module) -> None:
    """LPMode in charge and asserted, then released: the module is in ModulePwrUp."""
    module.set_power_mode("low")
    module.device.lpmode = True  # type: ignore[attr-defined]
    module.set_power_mode("high", use_pin=True)
    module.device.lpmode = False  # type: ignore[attr-defined]
    assert module.module_state() == ModuleState.ModulePwrUp


def test_apply_during_power_up_waits_for_ready_and_returns_activated(module: Module) -> None:
    released_lpmode(module)
    module.apply_application(2)
    assert module.module_state() == ModuleState.ModuleReady
    assert states(module) == {DP.DPActivated}


def test_apply_when_power_up_never_ends_says_so() -> None:
    module = open_emulated("osfp-800g-dr8")
    module.device.faults.slow(100.0, "module_pwr_up")  # type: ignore[attr-defined]
    released_lpmode(module)
    with pytest.raises(
        WaitTimeoutError, match=r"still ModulePwrUp after .* ModuleReady before applying"
    ):
        module.apply_application(2)
    assert [lane.appsel for lane in module.lanes()] == [1] * 8  # nothing was staged
