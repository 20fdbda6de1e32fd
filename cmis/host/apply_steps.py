"""The CMIS.md 8.5 steps of one apply_application run on one bank, in order, with their waits."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from cmis.codec.applications import Application
from cmis.codec.codes import ConfigStatus, DataPathState, ModuleState
from cmis.codec.pages.common import pack_dpconfig
from cmis.errors import ApplicationError
from cmis.host import registers as r
from cmis.host.advertised import durations
from cmis.host.apply_messages import config_miss, dp_miss, rejection
from cmis.host.control import wait_state
from cmis.host.lanes import media_lanes
from cmis.host.memory import ModuleMemory
from cmis.host.status import config_statuses, data_paths, dp_states, module_state
from cmis.host.timing import poll_step, wait_for

Progress = Callable[[str, list[DataPathState | int]], object]
CONFIG_TIMEOUT = 1.0  # no advertised duration covers validation; seconds before the margin
DP = DataPathState
PWR_UP_MISS = " before applying (advertised MaxDurationModulePwrUp plus margin)"


class ApplyRun:
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
            partial(config_miss, lanes=self.lanes, bank=self.bank, appsel=self.appsel),
        )
        self._report("ApplyDPInit done")
        for lane in self.lanes:
            if codes[lane - 1] != ConfigStatus.ConfigSuccess:
                raise ApplicationError(self._rejection(lane, codes[lane - 1]))

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

        timeout = self.module.timeout(seconds)
        miss = partial(dp_miss, lanes=lanes, want=want, bank=self.bank, limit=(basis, seconds))
        wait_for(self.module.clock, probe, done, timeout, miss, step=poll_step(seconds))

    def _rejection(self, lane: int, code: ConfigStatus | int) -> str:
        group = next((g for g in self.groups if lane in g), [lane])
        return rejection(self.module, self.app, group, self.bank, self.appsel, lane, code)
