"""apply_application: the full CMIS.md 8.5 sequence, with advertised timeouts and precise errors.

1. DPDeinit every data path the new lanes touch; wait DPDeactivated (TxTurnOff + DPDeinit).
2. Write SCS0 DPConfig (AppSel, DataPathID, ExplicitControl: ``pack_dpconfig``); lanes of old
   data paths left out of the new ones get AppSel 0 (decommissioned).
3. Single-byte ApplyDPInit with the lane mask; wait until no lane is ConfigInProgress, then every
   lane must read ConfigSuccess, else ApplicationError naming lane, code and why.
4. Release DPDeinit of the new lanes, clear OutputDisableTx of their media lanes (``enable_tx``),
   and wait DPActivated (DPInit + TxTurnOn), or DPInitialized when Tx stays disabled.
Data-path waits poll a quarter of the advertised duration apart (``poll_step``), not blindly.
In ModuleLowPwr the data paths cannot start: steps 1-3 run and activation is left to power-up.
In ModulePwrUp (LPMode just released) it first waits for ModuleReady, within MaxDurationModulePwrUp.
"""

from __future__ import annotations

from cmis.codec.applications import Application
from cmis.codec.lanelist import format_lanes
from cmis.errors import InputError
from cmis.host.advertised import application, applications
from cmis.host.apply_steps import ApplyRun, Progress
from cmis.host.lanes import DataPath, by_bank, group_problem, plan_groups
from cmis.host.memory import ModuleMemory
from cmis.host.status import data_paths


def apply_application(
    module: ModuleMemory,
    appsel: int,
    lanes: list[int] | None = None,
    *,
    bank: int = 0,
    check: bool = True,
    enable_tx: bool = True,
    explicit_control: bool = False,
    progress: Progress | None = None,
) -> list[DataPath]:
    """Provision ``appsel`` on bank-local ``lanes``; returns the new data paths.

    With ``bank`` 0, lanes above 8 are global (9-16 = bank 1, as the CLI numbers them): every
    bank's groups are checked before any is written, then each bank is provisioned in turn."""
    if bank == 0 and lanes and max(lanes) > 8:
        split = by_bank(lanes)
        for b, local in split.items():
            _groups(module, appsel, local, check, b)
        return [
            path
            for b, local in split.items()
            for path in apply_application(
                module,
                appsel,
                local,
                bank=b,
                check=check,
                enable_tx=enable_tx,
                explicit_control=explicit_control,
                progress=progress,
            )
        ]
    app, groups = _groups(module, appsel, lanes, check, bank)
    plan = ApplyRun(module, bank, appsel, app, groups, explicit_control, progress)
    plan.run(enable_tx)
    return data_paths(module, bank)


def _groups(
    module: ModuleMemory, appsel: int, lanes: list[int] | None, check: bool, bank: int
) -> tuple[Application | None, list[list[int]]]:
    """The advertised application and the checked lane groups bank-local ``lanes`` form."""
    app = _application(module, appsel, check)
    groups = plan_groups(app, lanes) if app else [[lane] for lane in (lanes or [])]
    if not groups:
        raise InputError(f"AppSel {appsel}: no lanes to configure")
    if check and app:
        _check_groups(app, groups, bank)
    return app, groups


def _application(module: ModuleMemory, appsel: int, check: bool) -> Application | None:
    app = application(module, appsel)
    if app is None and check:
        raise InputError(not_advertised(module.name, applications(module), appsel))
    return app


def not_advertised(name: str, offered: list[Application], appsel: int) -> str:
    listed = ", ".join(str(a.appsel) for a in offered) or "none"
    return f"AppSel {appsel} is not advertised by {name} (offered: {listed})"


def _check_groups(app: Application, groups: list[list[int]], bank: int) -> None:
    for group in groups:
        problem = group_problem(app, group, bank)
        if problem:
            where = format_lanes([bank * 8 + lane for lane in group])
            raise InputError(f"lanes {where} for AppSel {app.appsel}: {problem}")
