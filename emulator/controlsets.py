"""Staged control sets: ApplyDPInit / ApplyImmediate validation, ConfigStatus, ACS, DPInitPending.

A trigger marks its lanes ConfigInProgress at once; the result lands ``[timing] config_apply``
seconds later (CMIS.md 8.4), judged on the staged values as they were at the trigger. Triggers on
lanes already in progress are ignored silently.
"""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING, Protocol

from cmis.codec.codes import ConfigStatus as CS
from cmis.codec.codes import DataPathState as DP
from emulator import addresses as a
from emulator.datapath import DPCONFIG, PATH_KEY
from emulator.ports import Core
from emulator.profile import LANES_PER_BANK, lanes_of
from emulator.rules import TRANSIENT_DP_STATES

if TYPE_CHECKING:
    from emulator.datapath import DataPaths
    from emulator.faults import Faults


class ControlSetsPort(Core, Protocol):
    faults: Faults
    datapaths: DataPaths


DPINIT, IMMEDIATE = "ApplyDPInit", "ApplyImmediate"
_CDR_FIELDS = frozenset(i for i, n in enumerate(a.SCS_SI_NAMES) if n.startswith("CDREnable"))
Job = tuple[int, int, str, int, bytes]  # bank, staged set, kind, lane mask, page 10h as triggered


class ControlSets:
    """Pending Apply jobs per module, and the rules that accept or reject them."""

    def __init__(self, module: ControlSetsPort) -> None:
        self.module = module
        self.jobs: dict[int, Job] = {}
        self.in_progress: dict[int, int] = {}
        self.next_job = 0

    def reset(self) -> None:
        self.jobs, self.in_progress = {}, dict.fromkeys(range(self.module.profile.banks), 0)

    def trigger(self, bank: int, scs: int, kind: str, mask: int) -> None:
        """A host wrote an Apply byte: mark the lanes in progress and schedule the result."""
        profile = self.module.profile
        mask &= ~self.in_progress[bank]
        hot_ok = kind == DPINIT or not profile.stepped_config_only
        if not mask or not hot_ok or (scs == 1 and not profile.scs1_supported):
            return  # unsupported triggers are ignored, as the spec allows
        self.in_progress[bank] |= mask
        self._set_status(bank, {lane: CS.ConfigInProgress for lane in lanes_of(mask)})
        self.next_job += 1
        staged = bytes(self.module.memory.page(bank, 0x10))
        self.jobs[self.next_job] = (bank, scs, kind, mask, staged)
        self.module.schedule(("cfg",), self.next_job, kind, profile.timing["config_apply"])

    def complete(self, job_id: int) -> None:
        """Validate and apply a job: ACS, ConfigStatus, DPInitPending, then let the DPSMs react."""
        bank, scs, kind, mask, p10 = self.jobs.pop(job_id)
        self.in_progress[bank] &= ~mask
        results = self.validate(bank, _staged(p10, scs), kind, mask)
        accepted = sum(1 << lane for lane, code in results.items() if code == CS.ConfigSuccess)
        datapaths = self.module.datapaths
        before = datapaths.active_configs(bank)
        self._apply(bank, p10, scs, accepted)
        self._set_status(bank, results)
        if kind == DPINIT:
            if self.module.faults.ignore_unchanged_appsel:  # PEERS 2 B item 14
                accepted &= ~_same_appsel(before, datapaths.active_configs(bank))
            self._commission(bank, accepted)
        datapaths.regroup(bank)
        datapaths.touch()  # ConfigStatus and the ACS moved; the caller settles the module

    def _commission(self, bank: int, accepted: int) -> None:
        acs = self.module.datapaths.active_configs(bank)
        self.module.memory.page(bank, 0x11)[a.DP_INIT_PENDING - 128] |= sum(
            1 << lane for lane in lanes_of(accepted) if PATH_KEY[acs[lane]][0]
        )
        if not self.module.profile.stepped_config_only:
            for dp in self.module.datapaths.covering(bank, accepted):
                dp.reinit = dp.state != DP.DPDeactivated  # DPReinitT: cycle through DPDeinit

    def validate(self, bank: int, staged: bytes, kind: str, mask: int) -> dict[int, int]:
        """ConfigStatus per triggered lane, judging each (AppSel, DataPathID) group as a whole."""
        groups: dict[tuple[int, int], int] = {}
        for lane in lanes_of(mask):
            key = PATH_KEY[staged[lane]]
            groups[key] = groups.get(key, 0) | 1 << lane
        results = {}
        for key, lanes in groups.items():
            code = self._check(bank, staged, mask, key, lanes, kind)
            results.update(dict.fromkeys(lanes_of(lanes), code))
        return results

    def _check(
        self, bank: int, staged: bytes, mask: int, key: tuple[int, int], lanes: int, kind: str
    ) -> int:
        appsel, dpid = key
        if appsel in self.module.faults.rejected_appsels:
            return CS.ConfigRejected  # an injected refusal (PEERS 2 B item 12)
        if appsel:
            app = self.module.profile.app(appsel)
            if app is None:
                return CS.ConfigRejectedInvalidAppSel
            expected = ((1 << app.host_lanes) - 1) << dpid
            if not app.host_start >> dpid & 1 or expected > 0xFF:
                return CS.ConfigRejectedInvalidDataPath
            if lanes != expected:
                same = sum(1 << i for i in range(LANES_PER_BANK) if PATH_KEY[staged[i]] == key)
                partial = not lanes & ~expected and same == expected
                return (
                    CS.ConfigRejectedPartialDataPath
                    if partial
                    else CS.ConfigRejectedInvalidDataPath
                )
        return self._check_lanes(bank, staged, mask, lanes, kind)

    def _check_lanes(self, bank: int, staged: bytes, mask: int, lanes: int, kind: str) -> int:
        running = self.module.datapaths.covering(bank, lanes)
        if any(dp.lanes & ~mask for dp in running):
            return CS.ConfigRejectedPartialDataPath  # the trigger splits an existing data path
        states = {dp.state for dp in running} - {DP.DPDeactivated}
        acs = self.module.datapaths.active_configs(bank)
        regroup = any(PATH_KEY[acs[i]] != PATH_KEY[staged[i]] for i in lanes_of(lanes))
        stepped = self.module.profile.stepped_config_only
        if states and (stepped or states & TRANSIENT_DP_STATES or (kind == IMMEDIATE and regroup)):
            return CS.ConfigRejectedLanesInUse
        return CS.ConfigSuccess

    def _apply(self, bank: int, p10: bytes, scs: int, accepted: int) -> None:
        """Copy the staged DPConfig and SI values of the accepted lanes into the ACS.

        Each SI field holds ``width`` bits per lane, lane n at bit ``n * width`` of the field
        read little-endian, so a field is copied for all lanes at once through a bit mask.
        """
        p11 = self.module.memory.page(bank, 0x11)
        explicit = 0
        for lane in lanes_of(accepted):
            config = p10[a.SCS_DPCONFIG[scs] - 128 + lane]
            p11[a.ACS_DPCONFIG - 128 + lane] = config
            explicit |= DPCONFIG[config][2] << lane  # 0: the application's defaults
        for index, (src, dst) in enumerate(zip(a.SCS_SI[scs], a.ACS_SI, strict=True)):
            width = src[1] - src[0] + 1  # bits per lane = bytes in the field (8 lanes)
            take, defaults = _spread(accepted, width), _spread(accepted & ~explicit, width)
            old = int.from_bytes(p11[dst[0] - 128 : dst[1] - 127], "little")
            staged = int.from_bytes(p10[src[0] - 128 : src[1] - 127], "little")
            new = old & ~take | staged & take & ~defaults
            if index in _CDR_FIELDS:
                new |= defaults  # CDR on by default, every other SI value 0
            p11[dst[0] - 128 : dst[1] - 127] = new.to_bytes(width, "little")

    def _set_status(self, bank: int, codes: dict[int, int]) -> None:
        p11 = self.module.memory.page(bank, 0x11)
        for lane, code in codes.items():
            _set_lane_bits(p11, a.CONFIG_STATUS, lane, 4, int(code))


def _same_appsel(before: bytes, after: bytes) -> int:
    """Lanes whose AppSel code did not change."""
    return sum(
        1 << lane
        for lane in range(LANES_PER_BANK)
        if PATH_KEY[before[lane]][0] == PATH_KEY[after[lane]][0]
    )


def _staged(p10: bytes, scs: int) -> bytes:
    first = a.SCS_DPCONFIG[scs] - 128
    return p10[first : first + LANES_PER_BANK]


@functools.cache
def _spread(lanes: int, width: int) -> int:
    """The bit mask of ``lanes`` in a field of ``width`` bits per lane."""
    return sum(((1 << width) - 1) << lane * width for lane in lanes_of(lanes))


def _set_lane_bits(page: bytearray, first: int, lane: int, width: int, value: int) -> None:
    index, shift = first - 128 + lane * width // 8, lane * width % 8
    mask = ((1 << width) - 1) << shift
    page[index] = (page[index] & ~mask) | (value << shift & mask)
