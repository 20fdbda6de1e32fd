"""EmulatedModule: a CMIS module as the I2C bus sees it (TwiDevice) plus its hardware signals."""

from __future__ import annotations

import errno
import functools
import random
from typing import Any

from cmis.clock import Clock, RealClock
from cmis.errors import TransportError
from emulator import addresses as a
from emulator.cdb import CDB_PAGE, CMDID_LSB, Cdb
from emulator.cdb import STATUS_BYTE as CDB_STATUS
from emulator.controlsets import DPINIT, IMMEDIATE, ControlSets
from emulator.datapath import DataPaths
from emulator.dom import Dom
from emulator.dommodel import dom_model
from emulator.faults import Faults
from emulator.flags import Interrupt
from emulator.machine import ModuleMachine
from emulator.memory import Memory
from emulator.pagebuild import Pages, build_pages
from emulator.profile import Profile, load_profile
from emulator.rules import HIDDEN_STATES, Mod, ModEvent
from emulator.snapshot import Snapshot, restore_snapshot, take_snapshot
from emulator.thermal import TIMER as THERMAL
from emulator.thermal import Thermal
from emulator.timers import EventQueue

_DOM_LOWER_FIRST, _DOM_LOWER_LAST = a.DOM_LOWER
_DOM_LANES_FIRST, _DOM_LANES_LAST = a.DOM_LANES
P11 = 0x11  # lane status page: its monitors and flags
_MASKS_END = a.MODULE_MASKS + a.MODULE_FLAG_COUNT  # one past the last module mask byte (34)


class EmulatedModule:
    """A paged CMIS module driven lazily by its own timer queue on an injected clock.

    Nothing runs between accesses: every ``twi_read``/``twi_write``, pin change or ``update()``
    first processes the timers that fell due, each at its own due time.
    """

    max_read = 128
    max_write = 8

    def __init__(
        self,
        profile: str | Profile = "osfp-800g-dr8",
        clock: Clock | None = None,
        seed: int = 0,
        *,
        lpmode: bool = True,
    ) -> None:
        self.profile, template = _shipped(profile) if isinstance(profile, str) else (profile, None)
        self.clock: Clock = clock if clock is not None else RealClock()
        self.seed = seed  # DOM noise is a function of (seed, sample), see dom.py
        self.rng = random.Random(seed)  # draws for probabilistic faults (faults.nack_rate)
        self.duration_scale = 1.0  # > 1 makes transitions slower than advertised (fault knob)
        self.memory = Memory(template or build_pages(self.profile), self._write_limits())
        self.interrupt = Interrupt(self.memory, self.profile.banks)
        self.queue = EventQueue()
        self.faults = Faults(self)
        self.thermal = Thermal(self)
        pages = self.memory.template
        self.dom = Dom(self, dom_model(self.profile, pages[0, 0x01], pages[0, 0x02]))
        self.datapaths = DataPaths(self)
        self.controlsets = ControlSets(self)
        self.cdb = Cdb(self)
        self.machine = ModuleMachine(self)
        self.lpmode_pin, self.reset_pin_level, self.software_reset = lpmode, False, False
        self._present, self._intl, self._now = True, False, self.clock.now()
        self.password, self.unlocked, self._password_buf = (
            self.profile.host_password,
            False,
            bytearray(8),
        )
        self.machine.power_on()
        self.machine.fire(ModEvent.InitDone)  # plugged in before the host looked: MgmtInit done
        self.machine.settle()

    def _write_limits(self) -> dict[int, int]:
        cdb = self.profile.data["cdb"]["advertisement"]
        if not cdb[0] >> 6:
            return {}
        ext = cdb[1]  # 01h:164 CdbReadWriteLengthExtension
        return {0x9F: 8 * (1 + min(ext, 15)), **{page: 8 * (1 + ext) for page in range(0xA0, 0xB0)}}

    # --- the bus ---------------------------------------------------------------------------

    def twi_read(self, offset: int, length: int) -> bytes:
        self._touch()
        self._check(offset, length)
        # monitors and flags are brought up to date only for reads that can see them
        end = offset + length - 1
        if offset <= _DOM_LOWER_LAST and end >= _DOM_LOWER_FIRST:
            self.dom.observe()
        if end >= _DOM_LANES_FIRST and offset <= _DOM_LANES_LAST and self.memory.selected[1] == P11:
            self.dom.observe(self.memory.selected[0])
        data = self.memory.read(offset, length)
        if self.memory.flags_read:
            self.memory.flags_read = False
            self.dom.flags.latch()  # a condition that still holds sets its flag again at once
            self.refresh_interrupt()
        return data

    def twi_write(self, offset: int, data: bytes) -> None:
        self._touch()
        self._check(offset, len(data))
        selected = self.memory.selected
        triggers = self.memory.write(offset, bytes(data))
        end = offset + len(data)
        if end <= 128 and offset >= _MASKS_END and not triggers:
            return  # a page select or a plain lower byte: nothing acts on it
        for address, value in triggers:
            self._trigger(selected, address, value)
        if selected[1] == CDB_PAGE and offset <= CMDID_LSB < end:
            self.cdb.on_write(selected[0], offset, len(data))
        # only controls, masks and page 10h move a state machine; selects must stay cheap
        page10 = end > 128 and selected[1] == 0x10
        if page10:
            self.datapaths.touch()  # output controls may change what page 11h reports
        if page10 or offset <= a.CONTROLS < end or (offset < _MASKS_END and end > a.MODULE_MASKS):
            self.machine.settle()

    def _check(self, offset: int, length: int) -> None:
        if not self._present:
            raise TransportError("NACK: no module present (insert() it first)", errno=errno.ENXIO)
        if self.machine.state in HIDDEN_STATES:
            raise TransportError(
                f"NACK: module busy in {self.machine.state.name}; retry after it finishes",
                errno=errno.EIO,
            )
        if self.faults.on_bus:
            self.faults.check_transaction()
        lower = self.memory.lower
        if (lower[CDB_STATUS] | lower[CDB_STATUS + 1]) & 0x80:  # a CDB command is busy
            self.cdb.check_access()
        if not (0 <= offset < 256 and length >= 1 and offset + length <= 256):
            raise TransportError(
                f"NACK: {length} byte(s) at offset {offset} do not fit in bytes 0-255",
                errno=errno.EIO,
            )

    def _trigger(self, selected: tuple[int, int], address: int, value: int) -> None:
        if address == a.CONTROLS:
            self.software_reset = bool(value & a.SOFTWARE_RESET)
        elif address < 128:
            self._password_byte(address, value)
        elif selected[1] == 0x10 and address in a.SCS_APPLY_DPINIT:
            self.controlsets.trigger(selected[0], a.SCS_APPLY_DPINIT.index(address), DPINIT, value)
        elif selected[1] == 0x10 and address in a.SCS_APPLY_IMMEDIATE:
            self.controlsets.trigger(
                selected[0], a.SCS_APPLY_IMMEDIATE.index(address), IMMEDIATE, value
            )

    def _password_byte(self, address: int, value: int) -> None:
        """Password areas are write-only; the module acts when the last byte (121/125) lands."""
        self._password_buf[address - a.PASSWORD_CHANGE] = value
        if address == a.PASSWORD_ENTRY + 3:
            self.unlocked = int.from_bytes(self._password_buf[4:]) == self.password
        elif address == a.PASSWORD_CHANGE + 3 and self.unlocked:
            self.password = int.from_bytes(self._password_buf[:4])

    # --- time ------------------------------------------------------------------------------

    def update(self) -> None:
        """Process every timer that fell due (touching the module does this too)."""
        self._touch()

    def _touch(self) -> None:
        now = self.clock.now()
        heap = self.queue.heap
        while heap and heap[0][0] <= now:
            due, _, target, token, event = self.queue.pop()
            if due > self._now:
                self._now = due
            # data-path and control-set timers due at the same instant settle once, together
            if self._dispatch(target, token, event) and not (
                heap and heap[0][0] == due and type(heap[0][2]) is tuple
            ):
                self.machine.settle()
        if now > self._now:
            self._now = now

    def _dispatch(self, target: Any, token: int, event: Any) -> bool:
        """Run one timer; True if the module must settle after it (a data path may move)."""
        if target == "module":
            self.machine.on_timer(token, event)
        elif target == THERMAL:
            self.thermal.on_timer(token)
        elif target == "cdb":
            self.cdb.on_timer(token, event)
        elif target == ("cfg",):
            self.controlsets.complete(token)
            return True
        else:
            self.datapaths.on_timer(target, token, event)
            return True
        return False

    def schedule(self, target: Any, token: int, event: Any, delay: float | str) -> None:
        """Queue ``event`` for ``target`` after ``delay`` seconds (or a named duration)."""
        seconds = self.machine.delay(delay) if isinstance(delay, str) else delay
        self.queue.push(self._now + seconds, target, token, event)

    # --- state the machines read (the Core port, emulator/ports.py) -----------------------

    @property
    def now(self) -> float:
        return self._now

    @property
    def mod(self) -> Mod:
        return self.machine.state

    def settle(self) -> None:
        self.machine.settle()

    @property
    def state(self) -> Mod:
        """The module state machine's state (including the unobservable ones)."""
        self._touch()
        return self.machine.state

    @property
    def ready(self) -> bool:
        return self.machine.state == Mod.ModuleReady

    @property
    def low_pwr_s(self) -> bool:
        """LowPwrS = LowPwrRequestSW OR (LowPwrAllowRequestHW AND LPMode pin) (CMIS.md 8.1)."""
        controls = self.memory.lower[a.CONTROLS]
        return bool(controls & a.LOW_PWR_SW) or (
            bool(controls & a.LOW_PWR_ALLOW_HW) and self.lpmode_pin
        )

    def load_defaults(self) -> None:
        """MgmtInit: memory, control sets and data paths back to their power-on defaults."""
        self.memory.reset()
        self.controlsets.reset()
        self.datapaths.reset()
        self.unlocked = False
        self.cdb.reset()
        self.dom.invalidate()

    def refresh_interrupt(self) -> None:
        """Flag summary bytes and IntL again: a flag or a mask may have changed."""
        self._intl = self.interrupt.refresh(self.machine.state in HIDDEN_STATES)

    # --- hardware signals ------------------------------------------------------------------

    @property
    def lpmode(self) -> bool:
        """The LPMode / LowPwrRequestHW input pin (True = low power requested)."""
        return self.lpmode_pin

    @lpmode.setter
    def lpmode(self, asserted: bool) -> None:
        self._touch()
        self.lpmode_pin = bool(asserted)
        self._settle_if_powered()

    @property
    def reset_pin(self) -> bool:
        """The ResetL input (True = reset asserted); the module stays in Reset while it is."""
        return self.reset_pin_level

    @reset_pin.setter
    def reset_pin(self, asserted: bool) -> None:
        self._touch()
        self.reset_pin_level = bool(asserted)
        self._settle_if_powered()

    def assert_reset(self) -> None:
        self.reset_pin = True

    def release_reset(self) -> None:
        self.reset_pin = False

    @property
    def intl(self) -> bool:
        """The IntL output: True while an unmasked latched flag is set."""
        self._touch()
        return self._intl and self._present

    @property
    def present(self) -> bool:
        return self._present

    def remove(self) -> None:
        """Pull the module: every access NACKs (ENXIO) and all timers stop."""
        self._touch()
        self._present = False
        self.queue.clear()

    def insert(self) -> None:
        """Plug the module back in: power-on at MgmtInit, accesses NACK until it completes."""
        if self._present:
            return
        self._present, self._now = True, self.clock.now()
        self.thermal.start(self._now)
        self.machine.power_on()
        self.machine.settle()

    def _settle_if_powered(self) -> None:
        if self._present:
            self.machine.settle()

    def faults_changed(self) -> None:
        """A fault was switched: the case heads elsewhere, the MSM may fault, monitors resample."""
        self._touch()
        if self._present and self.machine.state not in HIDDEN_STATES:
            self.datapaths.touch()  # squelch and Tx status follow lane faults
            self.thermal.retarget()
            self.machine.settle()
            self.dom.resample()

    # --- snapshot --------------------------------------------------------------------------

    def snapshot(self) -> Snapshot:
        """Everything needed to put this module back exactly as it is now."""
        self._touch()
        return take_snapshot(self, self._now)

    def restore(self, snap: Snapshot) -> None:
        """Return to ``snap``; its pending timers resume relative to the clock's now."""
        self._now = self.clock.now()
        restore_snapshot(self, snap, self._now)


@functools.lru_cache(maxsize=32)
def _shipped(name: str) -> tuple[Profile, Pages]:
    """A named profile and its power-on pages, built once per process (fabrics share them)."""
    profile = load_profile(name)
    return profile, build_pages(profile)
