"""Data-path state machines: one per data path, lanes grouped by the active control set."""

from __future__ import annotations

from dataclasses import dataclass

from cmis.codec.codes import DataPathState as DP
from cmis.codec.pages.common import unpack_dpconfig
from emulator import addresses as a
from emulator.dpreport import REPORTED_P10 as REPORTED_P10  # bus.py finds it here
from emulator.dpreport import ReportPort as DataPathsPort  # what the data paths use too
from emulator.dpreport import write_report
from emulator.profile import LANES_PER_BANK
from emulator.rules import (
    DATAPATH_TIMERS,
    STEADY_DP_STATES,
    DPEvent,
    datapath_next,
    datapath_signal,
)

_P10 = 0x10
_P11 = 0x11
# DPConfig byte -> (AppSelCode, DataPathID, ExplicitControl), and its data-path key, unpacked
# once by the codec so the hot paths do one lookup a lane
DPCONFIG = tuple(unpack_dpconfig(byte) for byte in range(256))
PATH_KEY = tuple((appsel, first) for appsel, first, _ in DPCONFIG)


@dataclass(slots=True)  # read on every pass of every settle
class DataPath:
    """One data path of one bank: host lanes (bitmap), media lanes, AppSel and SM state."""

    bank: int
    first: int  # DataPathID: 0-based first host lane in the bank
    lanes: int
    media: int
    appsel: int
    state: DP = DP.DPDeactivated
    token: int = 0
    reinit: bool = False  # DPReinitT: a successful ApplyDPInit while initialised


class DataPaths:
    """Every data-path SM of the module, their timers, and their page 11h reporting."""

    def __init__(self, module: DataPathsPort) -> None:
        self.module = module
        self.paths: dict[int, list[DataPath]] = {}
        self.flag_lanes: dict[int, int] = {}  # lanes entering a steady state this instant
        self.dirty = 0  # banks whose page 11h report is stale (bit per bank)

    def touch(self) -> None:
        """Page 10h or a fault changed: outputs must be reported again even if no path moved."""
        self.dirty = (1 << len(self.paths)) - 1

    def reset(self) -> None:
        """DPSMs recreated in DPDeactivated from the ACS (module reset or power-on)."""
        self.paths = {bank: [] for bank in range(self.module.profile.banks)}
        self.flag_lanes = dict.fromkeys(self.paths, 0)
        for bank in self.paths:
            self.regroup(bank)
            self.report(bank)

    def regroup(self, bank: int) -> None:
        """Rebuild deactivated paths from the ACS; a group overlapping a busy path waits for it."""
        busy = [dp for dp in self.paths[bank] if dp.state != DP.DPDeactivated]
        used = 0
        for dp in busy:
            used |= dp.lanes
        acs = self.active_configs(bank)
        groups: dict[tuple[int, int], int] = {}
        for lane, config in enumerate(acs):
            key = PATH_KEY[config]
            if key[0]:  # AppSel 0: the lane is in no data path
                groups[key] = groups.get(key, 0) | 1 << lane
        fresh = [self._make(bank, key, lanes) for key, lanes in groups.items() if not lanes & used]
        self.paths[bank] = busy + [dp for dp in fresh if dp is not None]

    def active_configs(self, bank: int) -> bytes:
        """The ACS DPConfig byte of each lane of ``bank`` (11h:206-213), which paths follow."""
        first = a.ACS_DPCONFIG - 128
        return bytes(self.module.memory.page(bank, _P11)[first : first + LANES_PER_BANK])

    def _make(self, bank: int, key: tuple[int, int], lanes: int) -> DataPath | None:
        app = self.module.profile.app(key[0])
        if app is None:
            return None
        media = lanes
        if app.media_lanes != app.host_lanes:  # media lanes in data-path order (CMIS.md 2.7)
            media = ((1 << app.media_lanes) - 1) << (key[1] // app.host_lanes * app.media_lanes)
        return DataPath(bank, key[1], lanes, media & 0xFF, key[0])

    def covering(self, bank: int, lanes: int) -> list[DataPath]:
        return [dp for dp in self.paths[bank] if dp.lanes & lanes]

    def all_deactivated(self) -> bool:
        return all(dp.state == DP.DPDeactivated for paths in self.paths.values() for dp in paths)

    def evaluate(self, down: bool) -> None:
        """Fire every signal-driven transition until nothing moves; report the banks that moved.

        ``down``: the module is not ModuleReady or LowPwrS holds, which deinitialises every path.
        The signals are read once per bank: nothing in a pass changes page 10h or the module.
        """
        for bank, paths in self.paths.items():
            p10 = self.module.memory.page(bank, _P10)
            deinit = 0xFF if down else p10[a.DP_DEINIT - 128]
            tx_off = p10[a.OUTPUT_DISABLE_TX - 128] | p10[a.SQUELCH_FORCE_TX - 128]
            # a path that did not move stays put (its state and the signals are unchanged):
            # after a pass, only the paths that moved, or all of a regrouped bank, are looked at
            while moved := self._pass(paths, deinit, tx_off):
                paths = moved
                if any(dp.state == DP.DPDeactivated for dp in self.paths[bank]):
                    self.regroup(bank)  # freed lanes may start the groups that waited
                    paths = self.paths[bank]
            if self.dirty >> bank & 1:
                self.report(bank)

    def _pass(self, paths: list[DataPath], deinit: int, tx_off: int) -> list[DataPath]:
        """One signal-driven step for each of ``paths`` that has one; the paths that moved."""
        moved = []
        for dp in paths:
            event = datapath_signal(dp.state, dp.reinit, deinit & dp.lanes, tx_off & dp.media)
            if event is not None:
                self.enter(dp, datapath_next(dp.state, event))
                moved.append(dp)
        return moved

    def enter(self, dp: DataPath, state: DP) -> None:
        dp.state = state
        dp.token += 1
        self.dirty |= 1 << dp.bank
        flags = self.flag_lanes
        flags[dp.bank] = (
            flags[dp.bank] | dp.lanes if state in STEADY_DP_STATES else flags[dp.bank] & ~dp.lanes
        )
        if state == DP.DPInit:
            dp.reinit = False  # DPInit applies the ACS and clears DPInitPending
            self.module.memory.page(dp.bank, _P11)[a.DP_INIT_PENDING - 128] &= ~dp.lanes
        timed = DATAPATH_TIMERS.get(state)
        if timed is not None:
            self.module.schedule((dp.bank, dp.first), dp.token, timed[0], timed[1])

    def on_timer(self, key: tuple[int, int], token: int, event: DPEvent) -> None:
        """A transient state ran out; the caller settles the module (one evaluation per event)."""
        for dp in self.paths.get(key[0], ()):
            if dp.first == key[1] and dp.token == token:
                self.enter(dp, datapath_next(dp.state, event))

    def report(self, bank: int) -> None:
        """Write states, output status, Tx monitors and DPStateChanged flags into page 11h."""
        write_report(self.module, self.paths[bank], self.flag_lanes[bank], bank)
        self.flag_lanes[bank] = 0
        self.dirty &= ~(1 << bank)
