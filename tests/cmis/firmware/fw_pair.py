"""Host + emulated module pairs for CDB/firmware tests, and a bus that injects faults by phase."""

from __future__ import annotations

import errno
import random
from collections.abc import Callable
from dataclasses import dataclass, field

from cmis.cdb.client import CdbClient
from cmis.clock import VirtualClock
from cmis.errors import TransportError
from cmis.firmware.updater import FirmwareUpdater
from cmis.transport.twi import TwiTransport
from emulator import EmulatedModule
from emulator.profile import PROFILE_DIR, parse_profile


def profile_variant(name: str, **replace: str) -> object:
    """A shipped profile with some TOML lines replaced (key -> new right-hand side)."""
    lines = []
    for line in (PROFILE_DIR / f"{name}.toml").read_text().splitlines():
        key = line.split("=")[0].strip()
        lines.append(f"{key} = {replace[key]}" if key in replace else line)
    return parse_profile(f"{name}-variant", "\n".join(lines))


@dataclass(eq=False)
class FaultBus:
    """A TwiDevice in front of the module: fires ``action`` when command ``cmd`` is triggered for
    the ``nth`` time (1-based), and NACKs ``nack_next`` transactions or a random share of them."""

    module: EmulatedModule
    cmd: int = -1
    nth: int = 1
    action: Callable[[EmulatedModule], None] | None = None
    before: bool = False  # act before the trigger reaches the module (else right after it)
    nack_next: int = 0
    nack_rate: float = 0.0
    rng: random.Random = field(default_factory=lambda: random.Random(1))
    seen: dict[int, int] = field(default_factory=dict)
    max_read, max_write = 128, 8

    def twi_read(self, offset: int, length: int) -> bytes:
        self._maybe_nack()
        return self.module.twi_read(offset, length)

    def twi_write(self, offset: int, data: bytes) -> None:
        self._maybe_nack()
        cmd = self._trigger_cmd(offset, data)
        fire = cmd == self.cmd and self.seen.setdefault(cmd, 0) + 1 == self.nth
        if cmd is not None:
            self.seen[cmd] = self.seen.get(cmd, 0) + 1
        if fire and self.before and self.action:
            self.action(self.module)
        self.module.twi_write(offset, data)
        if fire and not self.before and self.action:
            self.action(self.module)

    def _trigger_cmd(self, offset: int, data: bytes) -> int | None:
        if offset == 128 and len(data) == 2 and self.module.memory.selected[1] == 0x9F:
            return int.from_bytes(data)
        return None

    def _maybe_nack(self) -> None:
        if self.nack_next or self.rng.random() < self.nack_rate:
            self.nack_next = max(0, self.nack_next - 1)
            raise TransportError("NACK (injected)", errno=errno.EIO)


@dataclass
class Pair:
    clock: VirtualClock
    module: EmulatedModule
    bus: FaultBus
    transport: TwiTransport
    client: CdbClient
    updater: FirmwareUpdater
    phases: list[tuple[str, int, int]]


def make_pair(
    profile: object = "osfp-800g-dr8", *, password: int | None = None, **kw: object
) -> Pair:
    clock = VirtualClock()
    module = EmulatedModule(profile, clock=clock, lpmode=False, **kw)  # type: ignore[arg-type]
    return attach(clock, module, password=password)


def attach(clock: VirtualClock, module: EmulatedModule, *, password: int | None = None) -> Pair:
    """A fresh host (bus, transport, client, updater) on an existing module."""
    bus = FaultBus(module)
    transport = TwiTransport(bus, clock=clock)
    client = CdbClient(transport, clock=clock)
    phases: list[tuple[str, int, int]] = []
    updater = FirmwareUpdater(client, password=password, progress=lambda *p: phases.append(p))
    return Pair(clock, module, bus, transport, client, updater, phases)


def committed_image_ok(module: EmulatedModule) -> bool:
    """After a power cycle the module runs its committed image, and that image is valid."""
    module.remove()
    module.insert()
    fw = module.cdb.firmware
    return fw.images[fw.committed].valid and fw.running == fw.committed
