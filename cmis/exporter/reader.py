"""One port's reads: open its module once, poll it per scrape, keep identity and flag counts.

Static pages are cached by the Module; the cache (and the identity read from it) is dropped when
the module is re-inserted (a failed read closes the port, the next scrape opens it afresh) or
resets (a poll finds the latched ModuleStateChangedFlag: a reset passes through MgmtInit).
"""

from __future__ import annotations

import logging
import threading
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from construct import ConstructError

from cmis.clock import Clock, RealClock
from cmis.codec.codes import ModuleState
from cmis.codec.report import module_report
from cmis.codec.vdm import STATISTIC_IDS
from cmis.errors import CmisError, MissingPageError, cut
from cmis.exporter.ports import PortSpec
from cmis.host.memory import ModuleMemory
from cmis.host.snapshot import Snapshot, poll
from cmis.host.targets import open as open_target
from cmis.host.vdm import read_vdm, supported

LOG = logging.getLogger("cmis.exporter")
# interval statistics (a scrape does not freeze) and Tx/Rx power (the lane monitors have them)
SKIPPED_VDM = STATISTIC_IDS | {143, 144}
RESET_FLAG = "ModuleStateChangedFlag"
IDENTITY_KEYS = (
    "vendor_name",
    "vendor_pn",
    "vendor_sn",
    "vendor_rev",
    "cmis_revision",
    "firmware_active",
    "firmware_inactive",
    "hardware_revision",
)
Opener = Callable[[str], ModuleMemory]  # cmis.open: a Module is one


@dataclass(frozen=True)
class Reading:
    """What one scrape learnt of one port; ``snapshot`` is None when the port is down."""

    port: str
    seconds: float
    snapshot: Snapshot | None = None
    module_state: ModuleState | int = 0
    identity: dict[str, str] = field(default_factory=dict)
    flags: dict[tuple[str, int], int] = field(default_factory=dict)  # (flag, lane 0=module)
    reason: str = ""
    vdm: list[dict[str, Any]] = field(default_factory=list)  # basic VDM rows (host/vdm.py), live


class PortReader:
    """Reads one port; ``read`` never raises: a failure is a Reading with a reason."""

    def __init__(self, spec: PortSpec, opener: Opener = open_target, clock: Clock | None = None):
        self.spec = spec
        self.opener = opener
        self.clock: Clock = clock if clock is not None else RealClock()
        self.module: ModuleMemory | None = None
        self.identity: dict[str, str] = {}
        self.counts: Counter[tuple[str, int]] = Counter()
        self.cursor = 0  # module.flags.total already counted
        self.busy = threading.Lock()  # a read that overran its timeout may still be running
        self.last_reason = ""

    def read(self) -> Reading:
        start = self.clock.now()
        if not self.busy.acquire(blocking=False):
            return self.down(start, "the previous read has not finished")
        try:
            return self._read(start)
        except (CmisError, OSError, ValueError, ConstructError) as err:  # odd bytes: this port only
            self.module = None  # re-opened (static pages re-read) on the next scrape
            return self.down(start, cut(str(err) or type(err).__name__, 120, quote=False))
        finally:
            self.busy.release()

    def down(self, start: float, reason: str) -> Reading:
        if reason != self.last_reason:
            LOG.warning("port %s down: %s", self.spec.name, reason)
            self.last_reason = reason
        return Reading(self.spec.name, self.clock.now() - start, reason=reason)

    def _read(self, start: float) -> Reading:
        module = self.module if self.module is not None else self._open()
        snapshot = poll(module)
        _ = (snapshot.lanes, snapshot.dom)  # decoded here, where a failure downs only this port
        if any(event.name == RESET_FLAG for event in snapshot.flags):
            module.forget_cache()
            self.identity = _identity(module)
        vdm = _vdm(module)
        for row in vdm:  # latched VDM flags count with the others: VdmEsnrMediaInputLowWarning
            for level, latched in row["flags"].items():
                if latched:
                    self.counts[
                        f"Vdm{row['name']}{level.title().replace('_', '')}", row["lane"] or 0
                    ] += 1
        self._count(module)
        if self.last_reason:
            LOG.warning("port %s up again", self.spec.name)
            self.last_reason = ""
        return Reading(
            self.spec.name,
            self.clock.now() - start,
            snapshot,
            snapshot.module_state,
            self.identity,
            dict(self.counts),
            vdm=[row for row in vdm if row["type_id"] not in SKIPPED_VDM],
        )

    def _open(self) -> ModuleMemory:
        module = self.opener(self.spec.target)
        self.cursor = module.flags.total
        self.identity = _identity(module)
        self.module = module
        return module

    def _count(self, module: ModuleMemory) -> None:
        """Latched flags any read since the last scrape found (a poll's and identity's alike)."""
        for event in module.flags.after(self.cursor):
            for lane in event.lanes or (0,):
                self.counts[event.name, lane] += 1
        self.cursor = module.flags.total


def _identity(module: ModuleMemory) -> dict[str, str]:
    found: dict[str, Any] = module_report(module)["identity"]
    return {key: str(found.get(key) or "") for key in IDENTITY_KEYS}


def _vdm(module: ModuleMemory) -> list[dict[str, Any]]:
    """Live VDM rows (no freeze: a scraper must not restart the module's PM interval); a saved
    image without the VDM pages has none."""
    try:
        return read_vdm(module, freeze=False) if supported(module) else []
    except MissingPageError:
        return []
