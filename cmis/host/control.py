"""Module controls: power mode, software reset, Tx/Rx output disable and DPDeinit per lane."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from cmis.codec.codes import ModuleState, describe
from cmis.errors import InputError
from cmis.host import registers as r
from cmis.host.advertised import application, durations, lane_count
from cmis.host.lanes import by_bank, media_lanes
from cmis.host.memory import ModuleMemory
from cmis.host.status import data_paths, module_state
from cmis.host.timing import wait_for

RESET_TIMEOUT = 5.0  # tMgmtInit is not advertised; SONiC waits 2 s + 5 x 1 s after a reset
STEADY = (ModuleState.ModuleLowPwr, ModuleState.ModuleReady, ModuleState.ModuleFault)


def bank_masks(lanes: list[int]) -> dict[int, int]:
    """Global lanes (1-32) -> {bank: bank-local lane mask}."""
    return {bank: r.mask_of(local) for bank, local in by_bank(lanes).items()}


def _check_lanes(module: ModuleMemory, lanes: list[int]) -> None:
    limit = lane_count(module)
    bad = [lane for lane in lanes if not 1 <= lane <= limit]
    if bad or not lanes:
        raise InputError(f"lanes {bad or '[]'} do not exist: this module has lanes 1-{limit}")


def _set_lane_bits(module: ModuleMemory, byte: int, lanes: list[int], on: bool) -> int:
    _check_lanes(module, lanes)
    total = 0
    for bank, mask in bank_masks(lanes).items():
        module.update_bits(0x10, byte, mask if on else 0, 0 if on else mask, bank)
        total |= mask << 8 * bank
    return total


def set_rx_output(module: ModuleMemory, lanes: list[int], enabled: bool) -> int:
    """OutputDisableRx (10h:138) is per host lane: no mapping needed."""
    return _set_lane_bits(module, r.OUTPUT_DISABLE_RX, lanes, not enabled)


def set_dp_deinit(module: ModuleMemory, lanes: list[int], deinit: bool) -> int:
    return _set_lane_bits(module, r.DP_DEINIT, lanes, deinit)


def set_tx_output(
    module: ModuleMemory, lanes: list[int], enabled: bool, *, media: bool = False
) -> int:
    """OutputDisableTx (10h:130) is per media lane: host lanes map through the active AppSel."""
    media_lanes = lanes if media else host_to_media(module, lanes)
    return _set_lane_bits(module, r.OUTPUT_DISABLE_TX, media_lanes, not enabled)


def host_to_media(module: ModuleMemory, lanes: list[int]) -> list[int]:
    """Media lanes serving host ``lanes``, from each lane's *active* application (PEERS 18/19)."""
    _check_lanes(module, lanes)
    out: set[int] = set()
    for bank, mask in bank_masks(lanes).items():
        for path in data_paths(module, bank):
            local = [lane for lane in path.lanes if mask >> (lane - 1) & 1]
            app = application(module, path.appsel)
            if not local or app is None:
                continue
            media = media_lanes(app, path.first_lane, local)
            out.update(bank * 8 + lane for lane in r.lanes_in(media))
            mask &= ~sum(1 << (lane - 1) for lane in local)
        if mask:
            idle = [bank * 8 + i + 1 for i in range(8) if mask >> i & 1]
            raise InputError(
                f"lane(s) {idle} are in no data path (active AppSel 0), so their media lanes "
                f"are unknown; name media lanes instead (--media)"
            )
    return sorted(out)


def set_power_mode(module: ModuleMemory, mode: str, *, use_pin: bool = False) -> ModuleState | int:
    """'high': clear LowPwrRequestSW (and LowPwrAllowRequestHW unless ``use_pin``), wait Ready;
    'low': set LowPwrRequestSW and wait ModuleLowPwr. With ``use_pin`` the LPMode pin decides."""
    if mode not in ("low", "high"):
        raise InputError(f"power mode {mode!r} is not 'low' or 'high'")
    d = durations(module)
    if mode == "low":
        module.update_bits(0, r.CONTROLS, r.LOW_PWR_SW, 0)
        limit = d.tx_turn_off + d.dp_deinit + d.module_pwr_dn
        return wait_state(module, ModuleState.ModuleLowPwr, module.timeout(limit))
    allow = r.LOW_PWR_ALLOW_HW
    module.update_bits(
        0, r.CONTROLS, allow if use_pin else 0, r.LOW_PWR_SW | (0 if use_pin else allow)
    )
    if use_pin:
        return module_state(module)
    return wait_state(module, ModuleState.ModuleReady, module.timeout(d.module_pwr_up))


def wait_state(
    module: ModuleMemory, want: ModuleState, timeout: float, why: str = ""
) -> ModuleState | int:
    """Poll the module state until ``want``; a timeout's message ends with ``why``."""
    miss = _miss(module, f"still {{seen}} after {{waited}} s waiting for {want.name}{why}")
    return wait_for(module.clock, partial(module_state, module), lambda s: s == want, timeout, miss)


def reset(module: ModuleMemory, *, wait: bool = True) -> ModuleState | int | None:
    """SoftwareReset (00h:26 bit 3, read-modify-write so the power bits survive), then wait for
    a steady state (LowPwr, Ready or Fault); the module may NACK meanwhile."""
    limit = reset_limit(module)
    module.update_bits(0, r.CONTROLS, r.SOFTWARE_RESET, 0)
    module.forget_cache()
    if not wait:
        return None
    module.clock.sleep(0.001)  # let the module start resetting before the first poll
    return wait_steady(module, limit)


def reset_limit(module: ModuleMemory) -> float:
    """How long a reset may take: read before resetting (the module NACKs while it resets)."""
    return module.timeout(RESET_TIMEOUT + durations(module).module_pwr_up)


def wait_steady(module: ModuleMemory, limit: float) -> ModuleState | int:
    """After a reset (software or the ResetL pin): wait for LowPwr, Ready or Fault."""
    miss = _miss(module, "after reset still {seen} after {waited} s; power-cycle it")
    try:
        return wait_for(
            module.clock, partial(module_state, module), lambda s: s in STEADY, limit, miss
        )
    finally:
        module.forget_cache()


def _miss(module: ModuleMemory, template: str) -> Callable[[object, float], str]:
    """A wait_for ``describe``: ``template`` with the last state seen and the seconds waited."""

    def describe_miss(last: object, waited: float) -> str:
        seen = describe(last) if isinstance(last, int) else "no answer"
        return f"{module.name}: " + template.format(seen=seen, waited=f"{waited:.2f}")

    return describe_miss
