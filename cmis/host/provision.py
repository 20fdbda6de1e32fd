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

from collections.abc import Callable

from cmis.codec.applications import Application
from cmis.codec.codes import ConfigStatus, DataPathState, ModuleState, describe
from cmis.codec.lanelist import format_lanes
from cmis.codec.pages.common import pack_dpconfig
from cmis.errors import ApplicationError, InputError
from cmis.host import registers as r
from cmis.host.advertised import application, applications, durations
from cmis.host.control import wait_state
from cmis.host.lanes import DataPath, by_bank, group_problem, media_lanes, plan_groups
from cmis.host.memory import ModuleMemory
from cmis.host.status import config_statuses, data_paths, dp_states, module_state
from cmis.host.timing import poll_step, wait_for

Progress = Callable[[str, list[DataPathState | int]], object]
CONFIG_TIMEOUT = 1.0  # no advertised duration covers validation; seconds before the margin
DP = DataPathState
PWR_UP_MISS = " before applying (advertised MaxDurationModulePwrUp plus margin)"


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
    plan = _Plan(module, bank, appsel, app, groups, explicit_control, progress)
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


class _Plan:
    """One provisioning run: the lane masks it works on and the steps in order."""

    def __init__(
        self,
        module: ModuleMemory,
        bank: int,
        appsel: int,
        app: Application | None,
        groups: list[list[int]],
        explicit: bool,
        progress: Progress | None,
    ) -> None:
        self.module, self.bank, self.appsel, self.app = module, bank, appsel, app
        self.groups, self.explicit, self.progress = groups, explicit, progress
        self.new_mask = r.mask_of([lane for group in groups for lane in group])
        old = [p for p in data_paths(module, bank) if r.mask_of(list(p.lanes)) & self.new_mask]
        self.mask = self.new_mask | r.mask_of([lane for p in old for lane in p.lanes])
        self.lanes = r.lanes_in(self.mask)  # every lane this run touches (bank-local)
        self.tx_off = -1  # OutputDisableTx once released (-1: not known yet)
        self.d = durations(module)

    def run(self, enable_tx: bool) -> None:
        self._powered_up()
        self._deinit()
        self._stage()
        self._apply()
        self._release(enable_tx)
        if module_state(self.module) != ModuleState.ModuleReady:
            self._report("module not ready: data paths start when it powers up")
            return
        self._activate()

    def _powered_up(self) -> None:
        """Wait out ModulePwrUp: configured now, the data paths would activate after we return."""
        if module_state(self.module) == ModuleState.ModulePwrUp:
            self._report("waiting for ModuleReady")
            limit = self.module.timeout(self.d.module_pwr_up)
            wait_state(self.module, ModuleState.ModuleReady, limit, PWR_UP_MISS)

    def _report(self, step: str) -> None:
        if self.progress is not None:
            self.progress(step, dp_states(self.module, self.bank))

    def _deinit(self) -> None:
        self.module.update_bits(0x10, r.DP_DEINIT, self.mask, 0, self.bank)
        self._report("DPDeinit set")
        limit = self.d.tx_turn_off + self.d.dp_deinit
        self._wait_dp(self.mask, {DP.DPDeactivated}, limit, "MaxDurationDPTxTurnOff + DPDeinit")

    def _stage(self) -> None:
        staged = bytearray(self.module.read(0x10, r.SCS0_DPCONFIG, 8, self.bank))
        for lane in self.lanes:
            staged[lane - 1] = 0  # decommissioned unless a new group claims it below
        for group in self.groups:
            for lane in group:
                staged[lane - 1] = pack_dpconfig(self.appsel, group[0] - 1, self.explicit)
        self.module.write(0x10, r.SCS0_DPCONFIG, bytes(staged), self.bank)
        self._report("SCS0 DPConfig written")

    def _apply(self) -> None:
        self.module.write_byte(0x10, r.APPLY_DPINIT, self.mask, self.bank)  # single-byte trigger
        pending = {ConfigStatus.ConfigInProgress}
        codes = wait_for(
            self.module.clock,
            lambda: config_statuses(self.module, self.bank),
            lambda c: not any(c[lane - 1] in pending for lane in self.lanes),
            self.module.timeout(CONFIG_TIMEOUT),
            self._config_miss,
        )
        self._report("ApplyDPInit done")
        for lane in self.lanes:
            if codes[lane - 1] != ConfigStatus.ConfigSuccess:
                raise ApplicationError(self._rejection(lane, codes[lane - 1]))

    def _config_miss(self, codes: list[ConfigStatus | int] | None, waited: float) -> str:
        lanes = self.lanes
        busy = ConfigStatus.ConfigInProgress
        stuck = [lane for lane in lanes if codes and codes[lane - 1] == busy]
        return (
            f"lane {self._g(stuck[0] if stuck else lanes[0])}: still ConfigInProgress (0xC) "
            f"{waited:.2f} s after ApplyDPInit of AppSel {self.appsel}; the module did not finish "
            f"validating (retry, or reset the module)"
        )

    def _rejection(self, lane: int, code: ConfigStatus | int) -> str:
        why = self._hint(lane, code)
        return (
            f"lane {self._g(lane)}: {describe(code)} (0x{int(code):X}) after ApplyDPInit of "
            f"AppSel {self.appsel}" + (f" — {why}" if why else "")
        )

    def _hint(self, lane: int, code: ConfigStatus | int) -> str:
        if code == ConfigStatus.ConfigRejectedInvalidAppSel:
            offered = ", ".join(str(a.appsel) for a in applications(self.module))
            return f"the module offers AppSel {offered}"
        group = next((g for g in self.groups if lane in g), [lane])
        if self.app is not None and code in (
            ConfigStatus.ConfigRejectedInvalidDataPath,
            ConfigStatus.ConfigRejectedPartialDataPath,
        ):
            return group_problem(self.app, group, self.bank) or "the module refused this lane group"
        if code == ConfigStatus.ConfigRejectedLanesInUse:
            return "the lanes were not deactivated; check DPDeinit and the module state"
        return ""

    def _release(self, enable_tx: bool) -> None:
        self.module.update_bits(0x10, r.DP_DEINIT, 0, self.new_mask, self.bank)
        if enable_tx and self.app is not None:
            media = 0
            for group in self.groups:
                media |= media_lanes(self.app, group[0], group)
            self.tx_off = self.module.update_bits(0x10, r.OUTPUT_DISABLE_TX, 0, media, self.bank)
        self._report("DPDeinit released")

    def _activate(self) -> None:
        tx_off = self.tx_off  # known from the release unless Tx was left alone
        if tx_off < 0:
            tx_off = self.module.read(0x10, r.OUTPUT_DISABLE_TX, 1, self.bank)[0]
        want = {DP.DPInitialized} if tx_off & self.new_mask else {DP.DPActivated}
        limit = self.d.dp_init + self.d.tx_turn_on
        self._wait_dp(self.new_mask, want, limit, "MaxDurationDPInit + DPTxTurnOn")
        self._report("done")

    def _wait_dp(self, mask: int, want: set[DP], seconds: float, basis: str) -> None:
        lanes = r.lanes_in(mask)

        def done(states: list[DP | int]) -> bool:
            return all(states[lane - 1] in want for lane in lanes)

        def probe() -> list[DP | int]:
            states = dp_states(self.module, self.bank)
            if self.progress is not None:
                self.progress("waiting", states)
            return states

        def miss(states: object, waited: float) -> str:
            bad = [lane for lane in lanes if not states or states[lane - 1] not in want]  # type: ignore[index]
            seen = describe(states[bad[0] - 1]) if states else "no answer"  # type: ignore[index]
            goal = " or ".join(sorted(s.name for s in want))
            return (
                f"lane {self._g(bad[0])}: still {seen} after {waited:.2f} s waiting for {goal} "
                f"(advertised {basis} = {seconds:g} s, plus margin); the module may be slower "
                f"than it advertises: raise --margin"
            )

        timeout = self.module.timeout(seconds)
        wait_for(self.module.clock, probe, done, timeout, miss, step=poll_step(seconds))

    def _g(self, lane: int) -> int:
        return self.bank * 8 + lane
