"""What a failed apply_application step says: the lane (as the CLI numbers it), seen, why."""

from __future__ import annotations

from cmis.codec.applications import Application
from cmis.codec.codes import ConfigStatus, DataPathState, describe
from cmis.host.advertised import applications
from cmis.host.lanes import group_problem
from cmis.host.memory import ModuleMemory


def config_miss(
    codes: list[ConfigStatus | int] | None, waited: float, lanes: list[int], bank: int, appsel: int
) -> str:
    """ApplyDPInit still validating at the timeout."""
    busy = ConfigStatus.ConfigInProgress
    stuck = [lane for lane in lanes if codes and codes[lane - 1] == busy]
    return (
        f"lane {bank * 8 + (stuck[0] if stuck else lanes[0])}: still ConfigInProgress (0xC) "
        f"{waited:.2f} s after ApplyDPInit of AppSel {appsel}; the module did not finish "
        f"validating (retry, or reset the module)"
    )


def rejection(
    module: ModuleMemory,
    app: Application | None,
    group: list[int],
    bank: int,
    appsel: int,
    lane: int,
    code: ConfigStatus | int,
) -> str:
    """``lane`` (bank-local, in lane ``group``) read back ``code`` after ApplyDPInit."""
    why = _hint(module, app, group, bank, code)
    return (
        f"lane {bank * 8 + lane}: {describe(code)} (0x{int(code):X}) after ApplyDPInit of "
        f"AppSel {appsel}" + (f" — {why}" if why else "")
    )


def _hint(
    module: ModuleMemory,
    app: Application | None,
    group: list[int],
    bank: int,
    code: ConfigStatus | int,
) -> str:
    if code == ConfigStatus.ConfigRejectedInvalidAppSel:
        offered = ", ".join(str(a.appsel) for a in applications(module))
        return f"the module offers AppSel {offered}"
    if app is not None and code in (
        ConfigStatus.ConfigRejectedInvalidDataPath,
        ConfigStatus.ConfigRejectedPartialDataPath,
    ):
        return group_problem(app, group, bank) or "the module refused this lane group"
    if code == ConfigStatus.ConfigRejectedLanesInUse:
        return "the lanes were not deactivated; check DPDeinit and the module state"
    return ""


def dp_miss(
    states: object,
    waited: float,
    lanes: list[int],
    want: set[DataPathState],
    bank: int,
    limit: tuple[str, float],
) -> str:
    """Data paths of ``lanes`` not in ``want`` within ``limit`` (its basis and seconds)."""
    basis, seconds = limit
    bad = [lane for lane in lanes if not states or states[lane - 1] not in want]  # type: ignore[index]
    seen = describe(states[bad[0] - 1]) if states else "no answer"  # type: ignore[index]
    goal = " or ".join(sorted(s.name for s in want))
    return (
        f"lane {bank * 8 + bad[0]}: still {seen} after {waited:.2f} s waiting for {goal} "
        f"(advertised {basis} = {seconds:g} s, plus margin); the module may be slower "
        f"than it advertises: raise --margin"
    )
